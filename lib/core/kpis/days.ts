// Whole UTC days of hourly rollups merged into one row each, so a month reads
// 30 rows per integration instead of 720. The rollup keeps them; a range read
// by day takes its whole days from here and its ragged edges from the hours.
import type { StoredHour } from "../ports";
import { merge, type Histogram } from "./histogram";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const floorTo = (at: Date, unit: number) => new Date(Math.floor(at.getTime() / unit) * unit);
const ceilTo = (at: Date, unit: number) => new Date(Math.ceil(at.getTime() / unit) * unit);
export const dayOf = (at: Date) => floorTo(at, DAY_MS);

type Row = Omit<StoredHour, "openExceptions" | "pendingDeliveries" | "oldestPendingMs"> & Partial<StoredHour>;

/**
 * One integration's rows of a span as one row at `start` (a day from its hours, an hour from its minutes): counts
 * added, histograms merged, the newest backlog snapshot (minutes hold none).
 */
export function mergeRollups(integrationId: string, start: Date, hours: Row[]): StoredHour {
  const sum = (f: (r: Row) => number) => hours.reduce((a, r) => a + f(r), 0);
  const mergeAll = (f: (r: Row) => Histogram | null) =>
    hours.some((r) => f(r)) ? hours.reduce<Histogram>((a, r) => merge(a, f(r)), {}) : null;
  const buckets = hours.map((r) => r.attemptBuckets).filter((b): b is number[] => b !== null);
  const newest = hours.reduce<Row | undefined>((a, r) => (!a || r.hour > a.hour ? r : a), undefined);
  return {
    integrationId,
    hour: start,
    received: sum((r) => r.received),
    exceptionEvents: sum((r) => r.exceptionEvents),
    duplicates: sum((r) => r.duplicates),
    firstFailed: sum((r) => r.firstFailed),
    autoRecovered: sum((r) => r.autoRecovered),
    succeeded: sum((r) => r.succeeded),
    failed: sum((r) => r.failed),
    completed: sum((r) => r.completed),
    lagHist: mergeAll((r) => r.lagHist),
    recoveries: sum((r) => r.recoveries),
    recoveryHist: mergeAll((r) => r.recoveryHist),
    manual: mergeAll((r) => r.manual),
    attempts: sum((r) => r.attempts),
    attemptBuckets: buckets.length ? buckets.reduce((a, b) => a.map((n, i) => n + (b[i] ?? 0))) : null,
    attemptSumMs: sum((r) => r.attemptSumMs),
    openExceptions: newest?.openExceptions ?? 0,
    pendingDeliveries: newest?.pendingDeliveries ?? 0,
    oldestPendingMs: newest?.oldestPendingMs ?? 0,
  };
}

/** [from, to) as whole days in the middle and hours at the edges; hour spans start on the hour before `from`. */
export function splitByDay(
  from: Date,
  to: Date,
): { hours: { from: Date; to: Date }[]; days: { from: Date; to: Date } | null } {
  const firstDay = ceilTo(from, DAY_MS);
  const lastDay = dayOf(to);
  const start = floorTo(from, HOUR_MS);
  if (firstDay >= lastDay) return { hours: [{ from: start, to }], days: null };
  const hours = [
    ...(start < firstDay ? [{ from: start, to: firstDay }] : []),
    ...(lastDay < to ? [{ from: lastDay, to }] : []),
  ];
  return { hours, days: { from: firstDay, to: lastDay } };
}
