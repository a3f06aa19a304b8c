import { getStore } from "@/lib/db/client";
import { workerState, type Readiness } from "@/lib/core/health";
import { newestHeartbeat } from "@/lib/db/heartbeat";
import { pingStore } from "@/lib/db/health";
import { openStoreSchema } from "@/lib/db/schema-status";

export async function checkStore(): Promise<{ ok: boolean; provider?: string; error?: string }> {
  try {
    const store = await getStore();
    await pingStore(store);
    return { ok: true, provider: store.provider };
  } catch (error) {
    return { ok: false, error: (error as Error).message.slice(0, 200) };
  }
}

/** Readiness for a load balancer (the HTTP status) and the console (the worker line). Ingest does not need a worker:
 * records queue while none runs, so a late worker never takes the web process out of rotation. */
export async function checkReadiness(now = new Date()): Promise<Readiness> {
  const store = await checkStore();
  if (!store.ok) return { status: "not ready", store, schema: null, worker: workerState(null, now) };
  const db = await getStore();
  const [schema, lastSeen] = await Promise.all([openStoreSchema(db), newestHeartbeat(db).catch(() => null)]);
  const current = schema.pending.length === 0 && schema.unknown.length === 0;
  return {
    status: current ? "ready" : "not ready",
    store,
    schema: { current, pending: schema.pending.length, unknown: schema.unknown.length },
    worker: workerState(lastSeen, now),
  };
}
