// Readiness as the console and load balancers read it (GET /api/health/ready), and how a worker's last check-in is
// judged. Shared by the server and the browser.

/** How often a worker checks in. */
export const HEARTBEAT_MS = 10_000;
/** A worker that missed three check-ins in a row is late. */
export const LATE_AFTER_MS = 3 * HEARTBEAT_MS;

export type WorkerState = "running" | "late" | "none";

export interface Readiness {
  /** ready: this web process can serve (store reachable, schema current); workers are reported, not required */
  status: "ready" | "not ready";
  store: { ok: boolean; provider?: string; error?: string };
  schema: { current: boolean; pending: number; unknown: number } | null;
  /** the newest worker check-in: running (within three heartbeats), late (older), none (no worker has checked in) */
  worker: { status: WorkerState; lastSeenAt: string | null; ageSeconds: number | null };
}

export function workerState(lastSeen: Date | null, now: Date): Readiness["worker"] {
  if (!lastSeen) return { status: "none", lastSeenAt: null, ageSeconds: null };
  const age = Math.max(0, now.getTime() - lastSeen.getTime());
  return {
    status: age <= LATE_AFTER_MS ? "running" : "late",
    lastSeenAt: lastSeen.toISOString(),
    ageSeconds: Math.round(age / 1000),
  };
}
