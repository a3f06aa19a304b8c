// Ports for the KPI rollups, alerts and Prometheus metrics.
import type { HourRow } from "../kpis/aggregate";
import type { BacklogRow } from "../kpis/backlog";
import type { AlertMeasures, AlertRecord, AlertRule, AlertStatus } from "../alerts/types";
import type { Page } from "../ports";

/** An hour's counts and the raw durations its histograms are made of. */
export interface RawHour extends Pick<
  HourRow,
  "received" | "exceptionEvents" | "duplicates" | "firstFailed" | "autoRecovered" | "succeeded" | "failed"
> {
  lagsMs: number[];
  recoveriesMs: number[];
  manual: Record<string, number>;
  attemptDurationsMs: number[];
}

export interface StoredHour extends HourRow {
  attempts: number;
  attemptBuckets: number[] | null;
  attemptSumMs: number;
}

/** A rollup row's counts, without the backlog snapshot that only hours and days hold. */
export type RollupCounts = Omit<StoredHour, "openExceptions" | "pendingDeliveries" | "oldestPendingMs">;

export interface KpiRepo {
  watermark(): Promise<Date | null>;
  setWatermark(at: Date): Promise<void>;
  /** (integration, minute) pairs touched by anything written in [since, until) */
  dirtyMinutes(since: Date | null, until: Date): Promise<{ integrationId: string; start: Date }[]>;
  /** Everything each span's rollup needs (spans `spanMs` long), from the raw rows: one answer per pair, in order. */
  rawFacts(
    pairs: { integrationId: string; start: Date }[],
    spanMs: number,
    manualActions: readonly string[],
  ): Promise<RawHour[]>;
  /** Store hours' counts (their backlog snapshots, and when those were taken, are left as they are). */
  writeHours(rows: RollupCounts[], now: Date): Promise<void>;
  /** Store minutes' counts (the current and previous hour's, which their hours are the sums of). */
  writeMinutes(rows: RollupCounts[], now: Date): Promise<void>;
  /** Minute rows in [from, to) (`hour` is the minute's start). */
  minutes(filter: { integrationIds?: string[]; from: Date; to: Date }): Promise<StoredHour[]>;
  /** Forget minute rows before `before` (their hours are kept whole). */
  dropMinutesBefore(before: Date): Promise<void>;
  /** The backlog right now, per integration. */
  backlog(
    now: Date,
  ): Promise<{ integrationId: string; openExceptions: number; pendingDeliveries: number; oldestPendingMs: number }[]>;
  writeBacklog(
    integrationId: string,
    hour: Date,
    backlog: { openExceptions: number; pendingDeliveries: number; oldestPendingMs: number },
    now: Date,
  ): Promise<void>;
  hours(filter: { integrationIds?: string[]; from: Date; to: Date }): Promise<StoredHour[]>;
  /** Hour rows in [from, to) with their backlog and when it was written (`isSnapshot` tells which hold a snapshot). */
  backlogRows(filter: { integrationIds?: string[]; from: Date; to: Date }): Promise<BacklogRow[]>;
  /** Whole-day rows (`hour` is the day's start) in [from, to). */
  days(filter: { integrationIds?: string[]; from: Date; to: Date }): Promise<StoredHour[]>;
  /** Replace whole-day rows. */
  writeDays(rows: StoredHour[], now: Date): Promise<void>;
}

export interface AlertsRepo {
  /** One integration's measures: failure counts over [windowStart, now), lag against the threshold, backlog, silence. */
  measure(
    integrationId: string,
    q: { windowStart: Date; now: Date; lagThresholdMs: number | null },
  ): Promise<AlertMeasures>;
  /** Tracked records, not final and without an open exception, that reported nothing since `before`. */
  stalled(
    integrationId: string,
    before: Date,
    limit: number,
  ): Promise<{ eventId: string; lastStage: string; lastAt: Date }[]>;
  /** True for the one worker that may evaluate now (none did within `minGapMs`). */
  claimPass(now: Date, minGapMs: number): Promise<boolean>;
  /** Alerts not resolved (firing or acknowledged). */
  unresolved(): Promise<AlertRecord[]>;
  /** Open an alert; null when one is already open for this integration and rule. */
  fire(data: {
    integrationId: string;
    rule: AlertRule;
    value: number | null;
    threshold: number | null;
    message: string;
    at: Date;
  }): Promise<AlertRecord | null>;
  /** Keep an open alert's latest value and message. */
  refresh(
    id: string,
    data: { value: number | null; threshold: number | null; message: string; at: Date },
  ): Promise<void>;
  /** Resolve while not resolved; null when it already was. */
  resolve(id: string, at: Date): Promise<AlertRecord | null>;
  /** Acknowledge while firing; null when it was not firing. */
  acknowledge(id: string, userId: string, at: Date): Promise<AlertRecord | null>;
  findById(id: string): Promise<AlertRecord | null>;
  /** Newest first (firedAt, id), keyset-paged; "open" = firing or acknowledged. */
  list(
    filter: { status?: AlertStatus | "open"; integrationId?: string },
    page: { cursor?: string; limit: number },
  ): Promise<Page<AlertRecord>>;
}

/** One integration's hourly rollups summed over every hour (the Prometheus counters). */
export interface RollupTotals {
  integrationId: string;
  received: number;
  succeeded: number;
  failed: number;
  attempts: number;
  attemptSumMs: number;
  /** attempts per bucket of ATTEMPT_BUCKETS_S (not cumulative), summed element-wise */
  attemptBuckets: number[];
}

export interface MetricsRepo {
  /** Per integration with any rollup row: the sums over all its hours. */
  rollupTotals(): Promise<RollupTotals[]>;
  /** Per integration: delivery attempts under way right now (leased delivery jobs). */
  inFlight(now: Date): Promise<{ integrationId: string; count: number }[]>;
}
