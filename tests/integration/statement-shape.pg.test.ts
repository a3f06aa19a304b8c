// PostgreSQL parses and plans every hot-path statement on each call (no named prepared statements, so they pass
// through a transaction-mode pooler and never keep a stale plan). That is cheap only while a statement's text does
// not grow with its batch: a VALUES list with a placeholder per cell made a 32-arrival batch ~2,000 placeholders,
// longer to parse and plan than to write. Batches send one array per column instead (`unnest`), so a batch of 40 is
// the same statement as a batch of 2. PostgreSQL only (`*.pg.test.ts`).
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, startWorker, useGlobalStore, waitForEvent, type Relay } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let relay: Relay;
/** every statement sent through the pool: its text and how many parameters it carried */
const sent: { text: string; params: number }[] = [];

beforeAll(async () => {
  store = await freshStore();
  if (store.driver.kind !== "postgresql") throw new Error("PostgreSQL only");
  const pool: pg.Pool = store.driver.pool;
  // Observe (not replace) what goes to the database: the statements still run.
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const config = args[0] as string | { text: string; values?: unknown[] };
    if (typeof config === "object") sent.push({ text: config.text, params: config.values?.length ?? 0 });
    return query(...args);
  };
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
  // No version guard: guarded arrivals are written one by one inside a transaction.
  relay = await makeRelay(ctx, sink.url, {
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    contract: { schema: { type: "object", required: ["order"] }, idempotencyKeyPaths: ["/order/id"] },
  });
});
afterAll(async () => {
  await sink.close();
  await store.close();
});

const parallel = <T>(n: number, make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => make(i)));

describe("hot-path statements on PostgreSQL", () => {
  it("a batch of arrivals or of completions is the same statement whatever its size", async () => {
    const arrivals = () => sent.filter((s) => s.text.startsWith('WITH k AS (INSERT INTO "EventKey"'));
    const completions = () => sent.filter((s) => s.text.includes('DELETE FROM "QueueJob" q USING i'));

    const first = await ingest(relay.slug, order("SHAPE-0"), { key: relay.key });
    expect(first.status).toBe(202);
    const answers = await parallel(40, (i) => ingest(relay.slug, order(`SHAPE-${i + 1}`), { key: relay.key }));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(arrivals().length).toBeLessThan(41); // some arrivals were written together
    expect(new Set(arrivals().map((s) => s.text)).size).toBe(1);
    expect(new Set(arrivals().map((s) => s.params)).size).toBe(1);
    expect(arrivals()[0]!.params).toBeLessThan(60); // one per column, not one per cell

    const worker = await startWorker(ctx, store, { concurrency: 16 });
    try {
      for (const a of [first, ...answers]) await waitForEvent(ctx, a.body.id!, (e) => e.status === "succeeded");
    } finally {
      await worker.stop();
    }
    expect(completions().length).toBeGreaterThan(0);
    expect(completions().length).toBeLessThan(41); // deliveries finishing together were recorded together
    expect(new Set(completions().map((s) => s.text)).size).toBe(1);
    expect(new Set(completions().map((s) => s.params)).size).toBe(1);
  });
});
