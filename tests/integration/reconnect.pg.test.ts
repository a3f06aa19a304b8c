// Scale-out, proven (issue 13 item 6): two web processes and two workers on one PostgreSQL behind one load generator,
// and the database goes away under load and comes back. By default every connection of the test's database is cut
// and new ones are refused for three seconds — what a restart looks like from the processes, without touching the
// rest of the server. With SIGNALBOX_TEST_PG_RESTART="15 main" the cluster itself is restarted
// (`pg_ctlcluster 15 main restart`; run this file alone then). Afterwards the processes carry on by themselves: no
// request got a 2xx without a committed row, every accepted record is delivered (recorded once), and workers are
// woken by new work again, not only by their timer.
// PostgreSQL only (`*.pg.test.ts`); in the process part, beside the other tests that start the built web process.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Store } from "@/lib/db/client";
import { startApp, type AppProcess } from "./helpers/app-process";
import { pgAdmin } from "./helpers/pg-admin";
import { makeRelay, order } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";
import { killHard, spawnWorker, type WorkerProcess } from "./helpers/worker-process";

let store: Store;
let sink: Sink;
const apps: AppProcess[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  store = await freshStore({ poolSize: 4 });
  sink = await startSink();
});
afterAll(async () => {
  for (const app of apps) await app.stop();
  for (const worker of workers) killHard(worker);
  await sink.close();
  await store.close().catch(() => {});
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("PostgreSQL restarts under load", () => {
  it("web and worker reconnect by themselves; nothing acknowledged is lost; deliveries and wake-ups resume", async () => {
    const testDb = inject("testDb");
    if (testDb.provider !== "postgresql") throw new Error("PostgreSQL only");
    const database = new URL(store.target.url).pathname.slice(1);
    const relay = await makeRelay(testContext(store), sink.url, {
      destination: { url: `${sink.url}/restart`, allowPrivateNetwork: true, timeoutMs: 5_000 },
      rateLimit: { perSecond: 100_000, burst: 100_000 },
      retryPolicy: { maxAttempts: 20, initialDelayMs: 200, maxDelayMs: 1_000, multiplier: 2, maxAgeMs: 600_000 },
    });
    apps.push(await startApp(store), await startApp(store));
    workers.push(
      spawnWorker(store, { SIGNALBOX_WORKER_LEASE_MS: "4000", SIGNALBOX_WORKER_ID: "survivor-a" }),
      spawnWorker(store, { SIGNALBOX_WORKER_LEASE_MS: "4000", SIGNALBOX_WORKER_ID: "survivor-b" }),
    );
    await Promise.all(workers.map((w) => w.ready));

    const accepted: string[] = [];
    const refusedStatuses: number[] = [];
    let stop = false;
    let turn = 0;
    const post = async (key: string) => {
      const app = apps[turn++ % apps.length]!; // one load generator, both web processes
      const res = await fetch(`${app.url}/api/ingest/${relay.slug}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${relay.key}` },
        body: JSON.stringify(order(key)),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string };
      return { status: res.status, id: body.id };
    };
    const lanes = Array.from({ length: 8 }, async (_, lane) => {
      for (let i = 0; !stop; i++) {
        const answer = await post(`P-${lane}-${i}`).catch(() => ({ status: 0, id: undefined }));
        if (answer.status === 202) accepted.push(answer.id!);
        else {
          refusedStatuses.push(answer.status);
          await sleep(50);
        }
      }
    });

    while (accepted.length < 300) await sleep(10);
    const cutAt = accepted.length;
    await restartDatabase(testDb.serverUrl, database);

    // Ingest recovers on its own.
    const until = Date.now() + 30_000;
    while (accepted.length < cutAt + 300) {
      if (Date.now() > until) throw new Error(`ingest did not recover: ${accepted.length - cutAt} accepted since`);
      await sleep(20);
    }
    stop = true;
    await Promise.all(lanes);
    expect(refusedStatuses.every((s) => s === 0 || s >= 500)).toBe(true); // refused while down: never a 2xx or 4xx

    // Every 202 has its committed event, and every one is delivered; the delivery is recorded once per event.
    const fresh = await freshClient(store);
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const succeeded = await fresh.count(relay.integrationId, "succeeded");
        if (succeeded === accepted.length) break;
        if (Date.now() > deadline)
          throw new Error(
            `${succeeded} of ${accepted.length} delivered; workers said:\n${workers.map((w) => w.output.join("")).join("\n")}`,
          );
        await sleep(200);
      }
      expect(await fresh.ids(relay.integrationId)).toEqual(new Set(accepted));
      expect(await fresh.deliveredTwice(relay.integrationId)).toBe(0);
      const reached = new Set(sink.requests.filter((r) => r.url === "/restart").map((r) => r.headers["webhook-id"]));
      expect(accepted.every((id) => reached.has(id))).toBe(true);

      // The workers are idle now (their timers poll every 5 s): a new record is delivered at once only if a
      // worker's LISTEN came back after the restart.
      await sleep(1_000);
      const sentAt = Date.now();
      const one = await post("P-after");
      expect(one.status).toBe(202);
      while (!sink.requests.some((r) => r.headers["webhook-id"] === one.id)) {
        if (Date.now() - sentAt > 10_000) throw new Error("never delivered");
        await sleep(20);
      }
      expect(Date.now() - sentAt).toBeLessThan(2_500);
    } finally {
      await fresh.close();
    }
  }, 240_000);
});

/** Cut the database away for three seconds (default), or restart the whole cluster when asked to. */
async function restartDatabase(serverUrl: string, database: string): Promise<void> {
  const cluster = process.env.SIGNALBOX_TEST_PG_RESTART?.trim();
  if (cluster) {
    const [version, name] = cluster.split(/\s+/);
    execFileSync("pg_ctlcluster", [version!, name!, "restart"], { stdio: "inherit" });
    return;
  }
  await pgAdmin(serverUrl, [
    `ALTER DATABASE ${database} ALLOW_CONNECTIONS false`,
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}'`,
  ]);
  await sleep(3_000);
  await pgAdmin(serverUrl, [`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`]);
}

/** The test's own store was cut too: read through a new pool. */
async function freshClient(store: Store) {
  const pg = (await import("pg")).default;
  const pool = new pg.Pool({ connectionString: store.target.url, max: 2 });
  return {
    async count(integrationId: string, status: string) {
      const r = await pool.query(`SELECT count(*)::int AS n FROM "Event" WHERE "integrationId" = $1 AND status = $2`, [
        integrationId,
        status,
      ]);
      return r.rows[0].n as number;
    },
    async ids(integrationId: string) {
      const r = await pool.query(`SELECT id FROM "Event" WHERE "integrationId" = $1`, [integrationId]);
      return new Set(r.rows.map((row: { id: string }) => row.id));
    },
    async deliveredTwice(integrationId: string) {
      const r = await pool.query(
        `SELECT count(*)::int AS n FROM (SELECT s."eventId" FROM "StageRun" s JOIN "Event" e ON e.id = s."eventId"
          WHERE e."integrationId" = $1 AND s.stage = 'delivered' GROUP BY s."eventId" HAVING count(*) > 1) d`,
        [integrationId],
      );
      return r.rows[0].n as number;
    },
    close: () => pool.end(),
  };
}
