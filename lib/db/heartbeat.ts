// Worker heartbeats: each worker checks in every HEARTBEAT_MS; readiness and the console read the newest check-in.
import os from "node:os";
import type { Store } from "./client";

/** Rows of workers that went away without saying so (kill -9) are dropped after a day. */
const FORGET_AFTER_MS = 24 * 3600_000;

export async function checkIn(store: Store, workerId: string, startedAt: Date, now = new Date()): Promise<void> {
  await store.db.workerHeartbeat.upsert({
    where: { id: workerId },
    create: { id: workerId, host: os.hostname().slice(0, 200), pid: process.pid, startedAt, seenAt: now },
    update: { seenAt: now },
  });
  await store.db.workerHeartbeat.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
}

/** A worker stopping cleanly takes its row with it, so readiness does not count it as running. */
export async function checkOut(store: Store, workerId: string): Promise<void> {
  await store.db.workerHeartbeat.deleteMany({ where: { id: workerId } });
}

export async function newestHeartbeat(store: Store): Promise<Date | null> {
  const row = await store.db.workerHeartbeat.findFirst({ orderBy: { seenAt: "desc" }, select: { seenAt: true } });
  return row?.seenAt ?? null;
}
