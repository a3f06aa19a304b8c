// The KPI maths of PRODUCT.md over hourly rollups. Pure, so every definition
// is tested against hand-computed values.
import { merge, percentiles, type Histogram } from "./histogram";

export interface HourRow {
  integrationId: string;
  hour: Date;
  received: number;
  exceptionEvents: number;
  duplicates: number;
  firstFailed: number;
  autoRecovered: number;
  succeeded: number;
  failed: number;
  completed: number;
  lagHist: Histogram | null;
  recoveries: number;
  recoveryHist: Histogram | null;
  manual: Record<string, number> | null;
  openExceptions: number;
  pendingDeliveries: number;
  oldestPendingMs: number;
}

export interface KpiValues {
  received: number;
  /** events that opened an exception / events received */
  failureRate: number | null;
  /** duplicate arrivals / all arrivals (events received + duplicate arrivals) */
  duplicateRate: number | null;
  /** time from an exception opening to its resolution, for exceptions resolved in the period */
  recoveryP50Ms: number | null;
  recoveryP90Ms: number | null;
  /** manual actions (retry, re-run, replay, resolve, discard, assign, redeliver, pause, resume) */
  manualInterventions: number;
  manualByAction: Record<string, number>;
  /** events that succeeded after a failed attempt without anyone stepping in / events whose first attempt failed */
  autoRecoveryRate: number | null;
  /** received → final, for events received in the period that reached a final state */
  lagP50Ms: number | null;
  lagP95Ms: number | null;
  /** backlog at the end of the period */
  openExceptions: number;
  pendingDeliveries: number;
  oldestPendingMs: number;
}

export const DEFINITIONS: Record<keyof KpiValues, string> = {
  received: "Records received (duplicates not counted).",
  failureRate: "Records that opened an exception ÷ records received.",
  duplicateRate: "Duplicate arrivals ÷ all arrivals (records received plus duplicates).",
  recoveryP50Ms: "Median time from an exception opening to its resolution (exceptions resolved in the period).",
  recoveryP90Ms: "90th percentile of the time from an exception opening to its resolution.",
  manualInterventions:
    "Manual actions by people: retry, re-run, replay, resolve, discard, assign, redeliver, pause, resume.",
  manualByAction: "Manual actions split by kind.",
  autoRecoveryRate:
    "Records whose first attempt failed that still succeeded without anyone stepping in ÷ records whose first attempt failed.",
  lagP50Ms: "Median time from received to final (delivered, failed, resolved or dropped).",
  lagP95Ms: "95th percentile of the time from received to final.",
  openExceptions: "Open exceptions at the end of the period.",
  pendingDeliveries: "Deliveries waiting or being retried at the end of the period.",
  oldestPendingMs: "Age of the oldest record still waiting to be delivered, at the end of the period.",
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

type Snapshot = Pick<HourRow, "hour" | "openExceptions" | "pendingDeliveries" | "oldestPendingMs">;

/** Rows added up, before the rates and percentiles: partials of buckets add up to the period's. */
interface Partial {
  received: number;
  exceptionEvents: number;
  duplicates: number;
  autoRecovered: number;
  firstFailed: number;
  lag: Histogram;
  recovery: Histogram;
  manual: Record<string, number>;
  /** the newest backlog snapshot of each integration */
  latest: Map<string, Snapshot>;
}

const emptyPartial = (): Partial => ({
  received: 0,
  exceptionEvents: 0,
  duplicates: 0,
  autoRecovered: 0,
  firstFailed: 0,
  lag: {},
  recovery: {},
  manual: {},
  latest: new Map(),
});

function add(
  into: Partial,
  r: { received: number; exceptionEvents: number; duplicates: number; autoRecovered: number; firstFailed: number },
  durations: boolean,
  lag: Histogram | null,
  recovery: Histogram | null,
  manual: Record<string, number> | null,
) {
  into.received += r.received;
  into.exceptionEvents += r.exceptionEvents;
  into.duplicates += r.duplicates;
  into.autoRecovered += r.autoRecovered;
  into.firstFailed += r.firstFailed;
  if (durations) {
    merge(into.lag, lag);
    merge(into.recovery, recovery);
  }
  merge(into.manual, manual);
}

function addSnapshot(into: Partial, integrationId: string, s: Snapshot) {
  const seen = into.latest.get(integrationId);
  if (!seen || s.hour > seen.hour) into.latest.set(integrationId, s);
}

function partialOf(rows: HourRow[], durations = true): Partial {
  const p = emptyPartial();
  for (const r of rows) {
    add(p, r, durations, r.lagHist, r.recoveryHist, r.manual);
    addSnapshot(p, r.integrationId, r);
  }
  return p;
}

function combine(parts: Iterable<Partial>): Partial {
  const p = emptyPartial();
  for (const part of parts) {
    add(p, part, true, part.lag, part.recovery, part.manual);
    for (const [id, s] of part.latest) addSnapshot(p, id, s);
  }
  return p;
}

function finish(p: Partial): KpiValues {
  const snapshots = [...p.latest.values()];
  const [lagP50Ms, lagP95Ms] = percentiles(p.lag, [50, 95]);
  const [recoveryP50Ms, recoveryP90Ms] = percentiles(p.recovery, [50, 90]);
  return {
    received: p.received,
    failureRate: ratio(p.exceptionEvents, p.received),
    duplicateRate: ratio(p.duplicates, p.received + p.duplicates),
    recoveryP50Ms: recoveryP50Ms ?? null,
    recoveryP90Ms: recoveryP90Ms ?? null,
    manualInterventions: Object.values(p.manual).reduce((a, b) => a + b, 0),
    manualByAction: p.manual,
    autoRecoveryRate: ratio(p.autoRecovered, p.firstFailed),
    lagP50Ms: lagP50Ms ?? null,
    lagP95Ms: lagP95Ms ?? null,
    openExceptions: snapshots.reduce((a, r) => a + r.openExceptions, 0),
    pendingDeliveries: snapshots.reduce((a, r) => a + r.pendingDeliveries, 0),
    oldestPendingMs: snapshots.reduce((a, r) => Math.max(a, r.oldestPendingMs), 0),
  };
}

/** One set of KPI values from the hourly rows of a period (any mix of integrations). `durations: false` skips the percentiles (null). */
export function kpisOf(rows: HourRow[], options: { durations?: boolean } = {}): KpiValues {
  return finish(partialOf(rows, options.durations ?? true));
}

export type BucketSize = "hour" | "day";

export function bucketStart(at: Date, size: BucketSize): Date {
  const unit = size === "hour" ? 3_600_000 : 86_400_000;
  return new Date(Math.floor(at.getTime() / unit) * unit);
}

/** A period at once: one KpiValues per hour or day bucket in [from, to) (empty ones included) and the totals, added up from the buckets. */
export function periodOf(
  rows: HourRow[],
  from: Date,
  to: Date,
  size: BucketSize,
): { totals: KpiValues; series: (KpiValues & { at: string })[] } {
  const unit = size === "hour" ? 3_600_000 : 86_400_000;
  const groups = new Map<number, HourRow[]>();
  for (const r of rows) {
    const key = bucketStart(r.hour, size).getTime();
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const partials = new Map([...groups].map(([key, group]) => [key, partialOf(group)]));
  const series: (KpiValues & { at: string })[] = [];
  for (let t = bucketStart(from, size).getTime(); t < to.getTime(); t += unit)
    series.push({ at: new Date(t).toISOString(), ...finish(partials.get(t) ?? emptyPartial()) });
  return { totals: finish(combine(partials.values())), series };
}

export function seriesOf(rows: HourRow[], from: Date, to: Date, size: BucketSize): (KpiValues & { at: string })[] {
  return periodOf(rows, from, to, size).series;
}
