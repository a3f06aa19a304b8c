// The worker's rollup pass: recompute every hour touched since the last pass
// from the raw rows (so late completions and resolutions land in the right
// hour), then snapshot the backlog into the current hour, then re-merge the
// days those hours fall in. Idempotent.
import type { Ctx } from "../context";
import { DAY_MS, dayOf, mergeDay } from "./days";
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
/** Hours computed per round (a month of 5 integrations is ~3 600). */
const CHUNK = 300;

export const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

export async function rollupKpis(ctx: Ctx): Promise<{ hours: number }> {
  const now = ctx.now();
  const last = await ctx.repos.kpis.watermark();
  const since = last ? new Date(last.getTime() - OVERLAP_MS) : null;
  // In time order, a chunk of hours per round trip.
  const dirty = (await ctx.repos.kpis.dirtyHours(since, now)).sort((a, b) => a.hour.getTime() - b.hour.getTime());
  for (let i = 0; i < dirty.length; i += CHUNK) {
    const chunk = dirty.slice(i, i + CHUNK);
    const raws = await ctx.repos.kpis.rawHours(chunk, MANUAL_ACTIONS);
    const rows = chunk.map(({ integrationId, hour }, k) => {
      const raw = raws[k]!;
      return {
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
      };
    });
    await ctx.repos.kpis.writeHours(rows, now);
  }
  const current = hourOf(now);
  const backlog = await ctx.repos.kpis.backlog(now);
  const integrations = await ctx.repos.integrations.list();
  for (const i of integrations) {
    const b = backlog.find((x) => x.integrationId === i.id) ?? {
      openExceptions: 0,
      pendingDeliveries: 0,
      oldestPendingMs: 0,
    };
    await ctx.repos.kpis.writeBacklog(i.id, current, b, now);
  }
  await rollupDays(ctx, [...dirty, ...integrations.map((i) => ({ integrationId: i.id, hour: current }))], now);
  await ctx.repos.kpis.setWatermark(now);
  return { hours: dirty.length };
}

/** Re-merge the whole-day rows of the days these hours fall in: one read per day. */
async function rollupDays(ctx: Ctx, hours: { integrationId: string; hour: Date }[], now: Date) {
  const byDay = new Map<number, Set<string>>();
  for (const { integrationId, hour } of hours) {
    const day = dayOf(hour).getTime();
    byDay.set(day, (byDay.get(day) ?? new Set()).add(integrationId));
  }
  for (const [day, ids] of byDay) {
    const integrationIds = [...ids];
    const rows = await ctx.repos.kpis.hours({ integrationIds, from: new Date(day), to: new Date(day + DAY_MS) });
    await ctx.repos.kpis.writeDays(
      integrationIds.map((id) =>
        mergeDay(
          id,
          new Date(day),
          rows.filter((r) => r.integrationId === id),
        ),
      ),
      now,
    );
  }
}
