// A delivery gives its send slot to the next job as soon as its target has answered: recording the outcome (which
// waits for the store, batched with others finishing together) must not hold the next send back — nor may a job be
// reported delivered before its outcome committed. The store is held back by a row lock on the events, which only
// PostgreSQL lets a test take from outside (this file runs in the PostgreSQL part only: `*.pg.test.ts`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import type { WorkerHandle } from "@/lib/worker/run";
import { eventually, ingest, makeRelay, order, startWorker, useGlobalStore, waitForEvent } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let worker: WorkerHandle | undefined;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store, { kind: "system", label: "worker" });
  sink = await startSink();
});
afterAll(async () => {
  await worker?.stop();
  await sink.close();
  await store.close();
});

describe("a send slot while the outcome is recorded", () => {
  it("starts the next send while the previous outcome waits for the store, and reports neither before it commits", async () => {
    if (store.driver.kind !== "postgresql") throw new Error("PostgreSQL only");
    const relay = await makeRelay(ctx, sink.url);
    const ids: string[] = [];
    for (const id of ["OV-1", "OV-2", "OV-3"]) {
      const res = await ingest(relay.slug, order(id), { key: relay.key });
      expect(res.status).toBe(202);
      ids.push(res.body.id!);
    }
    // Another session holds the events: recording any outcome waits for it.
    const blocker = await store.driver.pool.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(`SELECT "id" FROM "Event" WHERE "id" = ANY($1) FOR UPDATE`, [ids]);
      // One send at a time: before, the second send waited for the first outcome to be written.
      worker = await startWorker(ctx, store, { concurrency: 1 });
      await eventually(async () => sink.requests.length >= 3, 10_000);
      for (const id of ids) expect((await ctx.repos.events.findById(id))!.status).toBe("received");
    } finally {
      await blocker.query("COMMIT");
      blocker.release();
    }
    for (const id of ids) expect(await waitForEvent(ctx, id, (e) => e.status === "succeeded")).toBeTruthy();
    expect(sink.requests).toHaveLength(3);
    await worker.stop();
    worker = undefined;
  });

  it("bounds what waits to be recorded, and claims no more ahead while that bound holds sends back", async () => {
    if (store.driver.kind !== "postgresql") throw new Error("PostgreSQL only");
    const pool = store.driver.pool;
    const relay = await makeRelay(ctx, sink.url);
    const before = sink.requests.length;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await ingest(relay.slug, order(`CAP-${i}`), { key: relay.key })).body.id!);
    const leased = async () =>
      (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "QueueJob" WHERE "eventId" = ANY($1) AND "lockedBy" IS NOT NULL`,
          [ids],
        )
      ).rows[0]!.n;
    const blocker = await pool.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(`SELECT "id" FROM "Event" WHERE "id" = ANY($1) FOR UPDATE`, [ids]);
      // One send slot: at most three jobs sent and waiting to be recorded, one more claimed ahead.
      worker = await startWorker(ctx, store, { concurrency: 1 });
      await eventually(async () => sink.requests.length - before >= 3, 10_000);
      // New work wakes the worker; with the bound reached it must not claim more (their leases would run idle).
      ids.push((await ingest(relay.slug, order("CAP-6"), { key: relay.key })).body.id!);
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.requests.length - before).toBe(3);
      expect(await leased()).toBeLessThanOrEqual(4);
    } finally {
      await blocker.query("COMMIT");
      blocker.release();
    }
    for (const id of ids) expect(await waitForEvent(ctx, id, (e) => e.status === "succeeded")).toBeTruthy();
    expect(sink.requests.length - before).toBe(7);
  });
});
