// Times are stored as UTC whatever the database server's TimeZone: the hot paths send times as UTC text into
// `timestamp(3)` columns (as Prisma does), and a server set to another zone must not shift them. PostgreSQL only
// (SQLite has no session time zone): vitest.config.ts runs `*.pg.test.ts` in the PostgreSQL part.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type pg from "pg";
import { createStore, type Store } from "@/lib/db/client";
import { ingest, makeRelay, order, startWorker, useGlobalStore, waitForEvent, type Relay } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let relay: Relay;

beforeAll(async () => {
  const made = await freshStore();
  if (made.driver.kind !== "postgresql") throw new Error("PostgreSQL only");
  // Thirteen hours from UTC: a time written as local time instead of UTC is off by half a day.
  const database = new URL(made.target.url).pathname.slice(1);
  await made.driver.pool.query(`ALTER DATABASE "${database}" SET TimeZone = 'Pacific/Auckland'`);
  await made.close();
  store = await createStore(made.target, { poolSize: 12 });
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
  relay = await makeRelay(ctx, sink.url);
});
afterAll(async () => {
  await sink.close();
  await store.close();
});

function pool(): pg.Pool {
  if (store.driver.kind !== "postgresql") throw new Error("PostgreSQL only");
  return store.driver.pool;
}

const near = (at: Date | null | undefined, from: number, to: number) => {
  expect(at).toBeInstanceOf(Date);
  expect(at!.getTime()).toBeGreaterThanOrEqual(from - 1_000);
  expect(at!.getTime()).toBeLessThanOrEqual(to + 1_000);
};

describe("a database server in another time zone", () => {
  it("sessions really run in that zone", async () => {
    const { rows } = await pool().query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz");
    expect(rows[0]!.tz).toBe("Pacific/Auckland");
  });

  it("keeps arrival, retry, delivery and stage times in UTC", async () => {
    sink.script({ status: 503 });
    const from = Date.now();
    const answer = await ingest(relay.slug, order("TZ-1"), { key: relay.key });
    expect(answer.status).toBe(202);
    const worker = await startWorker(ctx, store);
    try {
      const delivered = await waitForEvent(ctx, answer.body.id!, (e) => e.status === "succeeded");
      const to = Date.now();
      near(delivered.receivedAt, from, to);
      near(delivered.firstFailedAt, from, to);
      near(delivered.completedAt, from, to);
      expect(delivered.attempts).toBe(2);
      const stages = await store.db.stageRun.findMany({ where: { eventId: delivered.id } });
      expect(stages.length).toBeGreaterThanOrEqual(3);
      for (const s of stages) near(s.startedAt, from, to);
      // Read as the column holds it: the UTC wall time, not Auckland's.
      const { rows } = await pool().query<{ at: string }>(
        `SELECT to_char("receivedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at FROM "Event" WHERE "id" = $1`,
        [delivered.id],
      );
      expect(rows[0]!.at).toBe(delivered.receivedAt.toISOString().slice(0, 23));
    } finally {
      await worker.stop();
    }
  });
});
