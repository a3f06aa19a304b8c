// The KPI maths of PRODUCT.md over hourly rollups. Pure, so every definition
// is tested against hand-computed values.
import { countOf, merge, percentile, type Histogram } from "./histogram";

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
  const sum = (f: (r: HourRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const lag: Histogram = {};
  const recovery: Histogram = {};
  const manualByAction: Record<string, number> = {};
  for (const r of rows) {
    merge(lag, r.lagHist);
    merge(recovery, r.recoveryHist);
    for (const [action, n] of Object.entries(r.manual ?? {})) manualByAction[action] = (manualByAction[action] ?? 0) + n;
  }
  // Backlog: the newest snapshot of each integration, added up.
  const latest = new Map<string, HourRow>();
  for (const r of rows) {
    const seen = latest.get(r.integrationId);
    if (!seen || r.hour > seen.hour) latest.set(r.integrationId, r);
  }
  const snapshots = [...latest.values()];
  const received = sum((r) => r.received);
  const duplicates = sum((r) => r.duplicates);
  return {
    received,
    failureRate: ratio(sum((r) => r.exceptionEvents), received),
    duplicateRate: ratio(duplicates, received + duplicates),
    recoveryP50Ms: percentile(recovery, 50),
    recoveryP90Ms: percentile(recovery, 90),
    manualInterventions: Object.values(manualByAction).reduce((a, b) => a + b, 0),
    manualByAction,
    autoRecoveryRate: ratio(sum((r) => r.autoRecovered), sum((r) => r.firstFailed)),
    lagP50Ms: countOf(lag) ? percentile(lag, 50) : null,
    lagP95Ms: countOf(lag) ? percentile(lag, 95) : null,
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
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: (KpiValues & { at: string })[] = [];
  for (let t = bucketStart(from, size).getTime(); t < to.getTime(); t += unit) out.push({ at: new Date(t).toISOString(), ...kpisOf(groups.get(t) ?? []) });
  return out;
}
