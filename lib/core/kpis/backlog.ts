// The backlog as it was at a moment, from the hourly snapshots the rollup
// takes (`writeBacklog` into the current hour, every pass). Pure.
import { HOUR_MS } from "./days";

export interface BacklogRow {
  integrationId: string;
  hour: Date;
  /** when the row's backlog was last written (its snapshot time, when it is one) */
  takenAt: Date;
  openExceptions: number;
  pendingDeliveries: number;
  oldestPendingMs: number;
}

export interface Backlog {
  openExceptions: number;
  pendingDeliveries: number;
  oldestPendingMs: number;
}

/** How far before a moment a snapshot still tells the backlog "as it was then" (the worker snapshots every 30 s). */
export const SNAPSHOT_LOOKBACK_MS = 3 * HOUR_MS;

/**
 * A row holds a backlog snapshot only when it was written within its own hour:
 * rows the rollup creates later for past hours (history, late arrivals, a
 * stopped worker) carry counts and a backlog of 0 that was never observed.
 */
export const isSnapshot = (r: Pick<BacklogRow, "hour" | "takenAt">) =>
  r.takenAt >= r.hour && r.takenAt.getTime() < r.hour.getTime() + HOUR_MS;

/**
 * The backlog at `at`: each integration's newest snapshot taken at or before
 * `at` and no more than SNAPSHOT_LOOKBACK_MS earlier, added up. null when no
 * integration has one: there is no earlier figure (never 0 by default).
 */
export function backlogAt(rows: BacklogRow[], at: Date): Backlog | null {
  const newest = new Map<string, BacklogRow>();
  for (const r of rows) {
    if (!isSnapshot(r) || r.takenAt > at || at.getTime() - r.takenAt.getTime() > SNAPSHOT_LOOKBACK_MS) continue;
    const seen = newest.get(r.integrationId);
    if (!seen || r.takenAt > seen.takenAt) newest.set(r.integrationId, r);
  }
  if (newest.size === 0) return null;
  const snapshots = [...newest.values()];
  return {
    openExceptions: snapshots.reduce((a, r) => a + r.openExceptions, 0),
    pendingDeliveries: snapshots.reduce((a, r) => a + r.pendingDeliveries, 0),
    oldestPendingMs: snapshots.reduce((a, r) => Math.max(a, r.oldestPendingMs), 0),
  };
}
