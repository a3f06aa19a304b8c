// The worker's rollup pass: recompute every hour touched since the last pass
// from the raw rows (so late completions and resolutions land in the right
// hour), then snapshot the backlog into the current hour. Idempotent.
import type { Ctx } from "../context";
import { attemptBucketsOf, histogramOf } from "./histogram";

export const MANUAL_ACTIONS = [
  "exception.retry",
  "exception.rerun",
  "exception.replay",
  "exception.resolve",
  "exception.discard",
  "exception.assign",
  "event.redeliver",
  "integration.pause",
  "integration.resume",
] as const;

/** Writes from other processes may commit a little after their timestamps: look back this far. */
const OVERLAP_MS = 60_000;

export const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

export async function rollupKpis(ctx: Ctx): Promise<{ hours: number }> {
  const now = ctx.now();
  const last = await ctx.repos.kpis.watermark();
  const since = last ? new Date(last.getTime() - OVERLAP_MS) : null;
  const dirty = await ctx.repos.kpis.dirtyHours(since, now);
  for (const { integrationId, hour } of dirty) {
    const raw = await ctx.repos.kpis.rawHour(integrationId, hour, MANUAL_ACTIONS);
    await ctx.repos.kpis.writeHour(
      {
        integrationId,
        hour,
        received: raw.received,
        exceptionEvents: raw.exceptionEvents,
        duplicates: raw.duplicates,
        firstFailed: raw.firstFailed,
        autoRecovered: raw.autoRecovered,
        succeeded: raw.succeeded,
        failed: raw.failed,
        completed: raw.lagsMs.length,
        lagHist: histogramOf(raw.lagsMs),
        recoveries: raw.recoveriesMs.length,
        recoveryHist: histogramOf(raw.recoveriesMs),
        manual: raw.manual,
        attempts: raw.attemptDurationsMs.length,
        attemptBuckets: attemptBucketsOf(raw.attemptDurationsMs),
        attemptSumMs: raw.attemptDurationsMs.reduce((a, b) => a + b, 0),
      },
      now,
    );
  }
  const current = hourOf(now);
  const backlog = await ctx.repos.kpis.backlog(now);
  const integrations = await ctx.repos.integrations.list();
  for (const i of integrations) {
    const b = backlog.find((x) => x.integrationId === i.id) ?? { openExceptions: 0, pendingDeliveries: 0, oldestPendingMs: 0 };
    await ctx.repos.kpis.writeBacklog(i.id, current, b, now);
  }
  await ctx.repos.kpis.setWatermark(now);
  return { hours: dirty.length };
}
