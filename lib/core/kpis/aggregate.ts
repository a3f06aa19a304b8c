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
  manualInterventions: "Manual actions by people: retry, re-run, replay, resolve, discard, assign, redeliver, pause, resume.",
  manualByAction: "Manual actions split by kind.",
  autoRecoveryRate: "Records whose first attempt failed that still succeeded without anyone stepping in ÷ records whose first attempt failed.",
  lagP50Ms: "Median time from received to final (delivered, failed, resolved or dropped).",
  lagP95Ms: "95th percentile of the time from received to final.",
  openExceptions: "Open exceptions at the end of the period.",
  pendingDeliveries: "Deliveries waiting or being retried at the end of the period.",
  oldestPendingMs: "Age of the oldest record still waiting to be delivered, at the end of the period.",
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** One set of KPI values from the hourly rows of a period (any mix of integrations). */
export function kpisOf(rows: HourRow[]): KpiValues {
  // One pass: the counts, the merged histograms, and the newest backlog snapshot of each integration.
  const t = { received: 0, exceptionEvents: 0, duplicates: 0, autoRecovered: 0, firstFailed: 0 };
  const lag: Histogram = {};
  const recovery: Histogram = {};
  const manualByAction: Record<string, number> = {};
  const latest = new Map<string, HourRow>();
  for (const r of rows) {
    t.received += r.received;
    t.exceptionEvents += r.exceptionEvents;
    t.duplicates += r.duplicates;
    t.autoRecovered += r.autoRecovered;
    t.firstFailed += r.firstFailed;
    merge(lag, r.lagHist);
    merge(recovery, r.recoveryHist);
    merge(manualByAction, r.manual);
    const seen = latest.get(r.integrationId);
    if (!seen || r.hour > seen.hour) latest.set(r.integrationId, r);
  }
  const snapshots = [...latest.values()];
  const [lagP50Ms, lagP95Ms] = percentiles(lag, [50, 95]);
  const [recoveryP50Ms, recoveryP90Ms] = percentiles(recovery, [50, 90]);
  return {
    received: t.received,
    failureRate: ratio(t.exceptionEvents, t.received),
    duplicateRate: ratio(t.duplicates, t.received + t.duplicates),
    recoveryP50Ms: recoveryP50Ms ?? null,
    recoveryP90Ms: recoveryP90Ms ?? null,
    manualInterventions: Object.values(manualByAction).reduce((a, b) => a + b, 0),
    manualByAction,
    autoRecoveryRate: ratio(t.autoRecovered, t.firstFailed),
    lagP50Ms: lagP50Ms ?? null,
    lagP95Ms: lagP95Ms ?? null,
    openExceptions: snapshots.reduce((a, r) => a + r.openExceptions, 0),
    pendingDeliveries: snapshots.reduce((a, r) => a + r.pendingDeliveries, 0),
    oldestPendingMs: snapshots.reduce((a, r) => Math.max(a, r.oldestPendingMs), 0),
  };
}

export type BucketSize = "hour" | "day";

export function bucketStart(at: Date, size: BucketSize): Date {
  const unit = size === "hour" ? 3_600_000 : 86_400_000;
  return new Date(Math.floor(at.getTime() / unit) * unit);
}

/** The series: one KpiValues per hour or day bucket in [from, to), empty buckets included. */
export function seriesOf(rows: HourRow[], from: Date, to: Date, size: BucketSize): (KpiValues & { at: string })[] {
  const unit = size === "hour" ? 3_600_000 : 86_400_000;
  const groups = new Map<number, HourRow[]>();
  for (const r of rows) {
    const key = bucketStart(r.hour, size).getTime();
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out: (KpiValues & { at: string })[] = [];
  for (let t = bucketStart(from, size).getTime(); t < to.getTime(); t += unit) out.push({ at: new Date(t).toISOString(), ...kpisOf(groups.get(t) ?? []) });
  return out;
}
