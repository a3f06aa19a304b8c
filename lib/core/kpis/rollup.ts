// The worker's rollup pass: recompute every span touched since the last pass
// from the raw rows (so late completions and resolutions land in the right
// hour), then snapshot the backlog into the current hour, then re-merge the
// days those hours fall in. Idempotent.
//
// The current and previous hour are kept per minute: a pass recomputes the
// minutes touched since the last one and adds their hour up from its minutes,
// so its work follows the traffic since the last pass, not the hour's size (at
// 1,000 records a second an hour holds 3.6 million rows). Older hours, touched
// by late changes, are recomputed whole and their minutes dropped.
import type { Ctx } from "../context";
import type { RawHour, RollupCounts } from "../ports";
import { DAY_MS, dayOf, HOUR_MS, mergeRollups } from "./days";
import { attemptBucketsOf, histogramOf } from "./histogram";
import { frozenBefore } from "../retention/retention";

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
/** Spans computed per round (a month of 5 integrations is ~3 600 hours). */
const CHUNK = 300;
const MINUTE_MS = 60_000;

export const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

type Pair = { integrationId: string; start: Date };
const keyOf = (integrationId: string, at: Date) => `${integrationId}|${at.getTime()}`;

/** Counts and histograms of spans, from their raw facts: one round trip per chunk. */
async function compute(ctx: Ctx, pairs: Pair[], spanMs: number): Promise<RollupCounts[]> {
  const sorted = [...pairs].sort((a, b) => a.start.getTime() - b.start.getTime());
  const rows: RollupCounts[] = [];
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const chunk = sorted.slice(i, i + CHUNK);
    const raws = await ctx.repos.kpis.rawFacts(chunk, spanMs, MANUAL_ACTIONS);
    chunk.forEach(({ integrationId, start }, k) => rows.push(countsOf(integrationId, start, raws[k]!)));
  }
  return rows;
}

function countsOf(integrationId: string, hour: Date, raw: RawHour): RollupCounts {
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
}

export async function rollupKpis(ctx: Ctx): Promise<{ hours: number }> {
  const now = ctx.now();
  const last = await ctx.repos.kpis.watermark();
  const since = last ? new Date(last.getTime() - OVERLAP_MS) : null;
  const hot = new Date(hourOf(now).getTime() - HOUR_MS); // the previous hour's start
  const touched = await ctx.repos.kpis.dirtyMinutes(since, now);

  // Older hours: recomputed whole — except those retention may have thinned (an event kept for its open exception,
  // resolved later, touches an hour whose other events are gone): their rollup stays as it was computed.
  const frozen = await frozenBefore(ctx);
  const cold = new Map<string, Pair>();
  for (const m of touched) {
    const hour = hourOf(m.start);
    const before = frozen(m.integrationId);
    if (before && hour.getTime() + HOUR_MS <= before.getTime() + DAY_MS) continue;
    if (hour < hot) cold.set(keyOf(m.integrationId, hour), { integrationId: m.integrationId, start: hour });
  }
  await ctx.repos.kpis.writeHours(await compute(ctx, [...cold.values()], HOUR_MS), now);

  // The hot hours: the touched minutes, then each touched hour as the sum of its minutes. An hour without any
  // minute rows yet (its first pass, or the first since an upgrade) has all its minutes computed once.
  const warm = touched.filter((m) => m.start >= hot);
  const hotHours = new Map<string, Pair>();
  for (const m of warm) hotHours.set(keyOf(m.integrationId, hourOf(m.start)), { ...m, start: hourOf(m.start) });
  const integrationIds = [...new Set(warm.map((m) => m.integrationId))];
  const range = { integrationIds, from: hot, to: new Date(hot.getTime() + 2 * HOUR_MS) };
  const kept = warm.length ? await ctx.repos.kpis.minutes(range) : [];
  const known = new Set(kept.map((r) => keyOf(r.integrationId, hourOf(r.hour))));
  const minutes = new Map(warm.map((m) => [keyOf(m.integrationId, m.start), m]));
  for (const [key, { integrationId, start }] of hotHours) {
    if (known.has(key)) continue;
    for (let t = start.getTime(); t < start.getTime() + HOUR_MS; t += MINUTE_MS)
      minutes.set(keyOf(integrationId, new Date(t)), { integrationId, start: new Date(t) });
  }
  const fresh = await compute(ctx, [...minutes.values()], MINUTE_MS);
  await ctx.repos.kpis.writeMinutes(fresh, now);
  const byMinute = new Map<string, RollupCounts>(kept.map((r) => [keyOf(r.integrationId, r.hour), r]));
  for (const r of fresh) byMinute.set(keyOf(r.integrationId, r.hour), r);
  const ofHour = new Map<string, RollupCounts[]>();
  for (const r of byMinute.values()) {
    const key = keyOf(r.integrationId, hourOf(r.hour));
    if (hotHours.has(key)) ofHour.set(key, [...(ofHour.get(key) ?? []), r]);
  }
  await ctx.repos.kpis.writeHours(
    [...hotHours].map(([key, { integrationId, start }]) => mergeRollups(integrationId, start, ofHour.get(key) ?? [])),
    now,
  );
  await ctx.repos.kpis.dropMinutesBefore(hot);

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
  const hours = [...cold.values(), ...hotHours.values()];
  await rollupDays(ctx, [...hours, ...integrations.map((i) => ({ integrationId: i.id, start: current }))], now);
  await ctx.repos.kpis.setWatermark(now);
  return { hours: hours.length };
}

/** Re-merge the whole-day rows of the days these hours fall in: one read per day. */
async function rollupDays(ctx: Ctx, hours: Pair[], now: Date) {
  const byDay = new Map<number, Set<string>>();
  for (const { integrationId, start } of hours) {
    const day = dayOf(start).getTime();
    byDay.set(day, (byDay.get(day) ?? new Set()).add(integrationId));
  }
  for (const [day, ids] of byDay) {
    const integrationIds = [...ids];
    const rows = await ctx.repos.kpis.hours({ integrationIds, from: new Date(day), to: new Date(day + DAY_MS) });
    await ctx.repos.kpis.writeDays(
      integrationIds.map((id) =>
        mergeRollups(
          id,
          new Date(day),
          rows.filter((r) => r.integrationId === id),
        ),
      ),
      now,
    );
  }
}
