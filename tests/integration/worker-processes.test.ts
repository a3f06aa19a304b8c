// Real worker processes: a worker killed with SIGKILL mid-delivery loses
// nothing (its lease expires and another worker redelivers with the same
// key), and two workers sharing a backlog never deliver one event twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { setPaused } from "@/lib/core/integrations/manage";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, useGlobalStore, waitForEvent, markLive } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";
import { killHard, spawnWorker, type WorkerProcess } from "./helpers/worker-process";

let store: Store;
let ctx: Ctx;
let sink: Sink;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
});
afterAll(async () => {
  for (const w of workers) killHard(w);
  await sink.close();
  await store.close();
});

describe("worker processes", () => {
  it("a worker killed with SIGKILL mid-delivery: its lease expires, another worker redelivers with the same key", async () => {
    const relay = await makeRelay(ctx, sink.url, {
      destination: { url: `${sink.url}/kill`, allowPrivateNetwork: true, timeoutMs: 20_000 },
    });
    sink.script({ hang: true });
    const first = spawnWorker(store, { SIGNALBOX_WORKER_LEASE_MS: "2000", SIGNALBOX_WORKER_ID: "doomed" });
    workers.push(first);
    await first.ready;
    const before = sink.requests.length;
    const res = await ingest(relay.slug, order("K-1"), { key: relay.key });
    await sink.waitFor(before + 1);
    killHard(first);
    await first.exited;
    const job = await store.db.queueJob.findFirstOrThrow({ where: { eventId: res.body.id! } });
    expect(job.lockedBy).toBe("doomed");

    const second = spawnWorker(store, { SIGNALBOX_WORKER_LEASE_MS: "2000", SIGNALBOX_WORKER_ID: "rescuer" });
    workers.push(second);
    const event = await waitForEvent(ctx, res.body.id!, (e) => e.status === "succeeded", 20_000);
    const sent = sink.requests.filter((r) => r.url === "/kill");
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.headers["idempotency-key"])).toEqual(["K-1:1", "K-1:1"]);
    expect(sent.map((r) => r.headers["webhook-id"])).toEqual([event.id, event.id]);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(1_500);
    const delivered = (await ctx.repos.events.stages(event.id)).filter((s) => s.stage === "delivered");
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.detail).toMatchObject({ worker: "rescuer" });
    killHard(second);
  }, 60_000);

  it("SIGTERM: the worker stops claiming, finishes the delivery in flight, and exits cleanly", async () => {
    const relay = await makeRelay(ctx, sink.url, {
      destination: { url: `${sink.url}/graceful`, allowPrivateNetwork: true, timeoutMs: 10_000 },
    });
    sink.script({ status: 200, delayMs: 1_500 });
    const worker = spawnWorker(store, { SIGNALBOX_WORKER_ID: "graceful" });
    workers.push(worker);
    await worker.ready;
    const before = sink.requests.length;
    const res = await ingest(relay.slug, order("G-1"), { key: relay.key });
    await sink.waitFor(before + 1);
    process.kill(-worker.child.pid!, "SIGTERM");
    expect(await worker.exited).toBe(0);
    const event = await ctx.repos.events.findById(res.body.id!);
    expect(event).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await store.db.queueJob.count({ where: { eventId: event!.id } })).toBe(0);
    expect(worker.output.join("")).toContain("finishing work in flight");
  }, 30_000);

  it("two workers share a backlog of 200 events without delivering any of them twice", async () => {
    const relay = await makeRelay(ctx, sink.url, {
      destination: { url: `${sink.url}/shared`, allowPrivateNetwork: true },
      rateLimit: { perSecond: 10_000, burst: 10_000 },
    });
    sink.fallback = { status: 200, body: "{}", delayMs: 20 };
    // The backlog waits (paused) until both workers are up, then both race for it.
    await markLive(ctx, relay.slug);
    await setPaused({ ctx, slug: relay.slug, paused: true });
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await ingest(relay.slug, order(`S-${i}`), { key: relay.key })).body.id!);
    const a = spawnWorker(store, { SIGNALBOX_WORKER_ID: "worker-a", SIGNALBOX_WORKER_CONCURRENCY: "8" });
    const b = spawnWorker(store, { SIGNALBOX_WORKER_ID: "worker-b", SIGNALBOX_WORKER_CONCURRENCY: "8" });
    workers.push(a, b);
    await Promise.all([a.ready, b.ready]);
    await setPaused({ ctx, slug: relay.slug, paused: false });
    const deadline = Date.now() + 45_000;
    while ((await store.db.event.count({ where: { integrationId: relay.integrationId, status: "succeeded" } })) < 200) {
      if (Date.now() > deadline) throw new Error("backlog not drained");
      await new Promise((r) => setTimeout(r, 100));
    }
    const sent = sink.requests.filter((r) => r.url === "/shared");
    const perEvent = new Map<string, number>();
    for (const r of sent)
      perEvent.set(String(r.headers["webhook-id"]), (perEvent.get(String(r.headers["webhook-id"])) ?? 0) + 1);
    expect(sent).toHaveLength(200);
    expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(perEvent.keys())).toEqual(new Set(ids));
    const byWorker = await store.db.stageRun.findMany({
      where: { stage: "delivered", eventId: { in: ids } },
      select: { detail: true },
    });
    const counts = byWorker.reduce<Record<string, number>>((acc, s) => {
      const w = (s.detail as { worker: string }).worker;
      acc[w] = (acc[w] ?? 0) + 1;
      return acc;
    }, {});
    expect(Object.keys(counts).sort()).toEqual(["worker-a", "worker-b"]);
    killHard(a);
    killHard(b);
  }, 90_000);
});
