// The worker's claim runs many times a second on the same connections for days. PostgreSQL plans a prepared
// statement once it has run a few times and keeps that plan; one made while the tables were empty joins the events by
// reading the whole table, and keeps doing so at 300,000 rows (the 10-minute soak slowed until the backlog grew).
// Only an ANALYZE replaces it, and none may come (autovacuum off, or not yet due). The hot paths plan per call.
// Plan caching is PostgreSQL's (this file runs in the PostgreSQL part only: vitest.config.ts, `*.pg.test.ts`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import type { Store } from "@/lib/db/client";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
const clock = { now: new Date("2026-07-01T10:00:00Z") };

describe("the claim on a store that grew since the worker started", () => {
  beforeAll(async () => {
    store = await freshStore({ poolSize: 1 });
    ctx = testContext(store, undefined, clock);
  });
  afterAll(() => store.close());

  it("reads the claimed jobs' events by their key, not by scanning every event", async () => {
    if (store.driver.kind !== "postgresql") throw new Error("PostgreSQL only");
    const pool = store.driver.pool;
    const integration = (
      await createIntegration({
        ctx,
        input: {
          mode: "relay",
          slug: "plans",
          name: "Plans",
          sourceSystem: "S",
          targetSystem: "T",
          destination: { url: "https://t.example" },
        },
      })
    ).integration.id;
    // The worker starts on an empty store: its claim runs often enough to be planned for good.
    for (let i = 0; i < 8; i++) expect(await ctx.repos.dispatch.claim("w", 24, 60_000, clock.now)).toEqual([]);
    // Then 50,000 events arrive (no ANALYZE), five of them with a delivery due.
    await pool.query(
      `INSERT INTO "Event" ("id","integrationId","idempotencyKey","fingerprint","correlationId","payload","status","receivedAt","updatedAt")
       SELECT 'ev' || g, $1, 'k' || g, 'f', 'c' || g, '{}'::jsonb, 'received', now(), now() FROM generate_series(1, 50000) g`,
      [integration],
    );
    await pool.query(
      `INSERT INTO "QueueJob" ("id","kind","integrationId","eventId","runAt","attempt","createdAt")
       SELECT 'job' || g, 'deliver', $1, 'ev' || g, (now() AT TIME ZONE 'UTC') - interval '1 minute', 0, now() AT TIME ZONE 'UTC' FROM generate_series(1, 5) g`,
      [integration],
    );
    const scans = async () => {
      await pool.query(`SELECT pg_stat_force_next_flush()`);
      await pool.query(`SELECT 1`);
      const reader = await pool.connect();
      try {
        await reader.query(`SELECT pg_stat_clear_snapshot()`);
        const { rows } = await reader.query<{ n: string }>(
          `SELECT seq_scan::text AS n FROM pg_stat_user_tables WHERE relname = 'Event'`,
        );
        return Number(rows[0]!.n);
      } finally {
        reader.release();
      }
    };
    const before = await scans();
    const claimed = await ctx.repos.dispatch.claim("w", 24, 60_000, new Date());
    expect(claimed.map((j) => j.event?.id).sort()).toEqual(["ev1", "ev2", "ev3", "ev4", "ev5"]);
    expect((await scans()) - before).toBe(0);
  });
});
