// Processes started on their own (issue 13 item 1): `npm run worker` uses the same defaults as `npm start` (the
// secret generated into the data folder), never migrates the store but waits for a current schema or says in one
// line what to run, and restarts cleanly while the store is busy. Readiness reports store, schema and workers.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/health/ready/route";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { checkIn, checkOut } from "@/lib/db/heartbeat";
import type { Readiness } from "@/lib/core/health";
import { pgAdmin, withDatabase } from "./helpers/pg-admin";
import { ingest, makeRelay, order, useGlobalStore } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, provider, testContext } from "./helpers/store";
import { killHard, spawnEntry, spawnWorker, storeUrl, type WorkerProcess } from "./helpers/worker-process";
import { inject } from "vitest";

let store: Store;
let ctx: Ctx;
let sink: Sink;
const processes: WorkerProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
});
afterAll(async () => {
  for (const p of processes) killHard(p);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  await sink.close();
  await store.close();
});

/** A data folder of its own and, on PostgreSQL, an empty database (nothing migrated): a machine on its first day. */
async function newMachine(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-start-"));
  dirs.push(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, SIGNALBOX_DATA_DIR: dir };
  delete env.SIGNALBOX_SECRET;
  delete env.DATABASE_URL;
  const testDb = inject("testDb");
  if (testDb.provider === "postgresql") {
    const name = testDb.template.replace(/_tmpl$/, `_${randomBytes(4).toString("hex")}`);
    await pgAdmin(testDb.serverUrl, [`CREATE DATABASE ${name}`]);
    env.DATABASE_URL = withDatabase(testDb.serverUrl, name);
  }
  return { dir, env };
}

function run(script: string, env: NodeJS.ProcessEnv): WorkerProcess {
  const p = spawnEntry(script, env);
  processes.push(p);
  return p;
}

const stderrLines = (p: WorkerProcess) => p.stderr.join("").trim().split("\n").filter(Boolean);

describe("a worker started on its own", () => {
  it("before the store is migrated: waits, then exits with one line saying what to run; the secret is generated into the data folder", async () => {
    const { dir, env } = await newMachine();
    const worker = run("lib/worker/main.ts", { ...env, SIGNALBOX_SCHEMA_WAIT_SECONDS: "1" });
    expect(await worker.exited).toBe(1);
    expect(stderrLines(worker)).toEqual([
      expect.stringMatching(
        /^signalbox worker: the store's schema is not current \(\d+ migrations not applied\); npm start applies them, or run npm run migrate$/,
      ),
    ]);
    expect(worker.output.join("")).toContain("waiting up to 1 s");
    expect(fs.readFileSync(path.join(dir, "secret.key"), "utf8").trim()).toMatch(/^[\w-]{40,}$/);
    if (provider === "sqlite") expect(fs.existsSync(path.join(dir, "signalbox.db"))).toBe(false); // it never migrated
  }, 60_000);

  it("waits for `npm run migrate` from another process, then starts with the same secret", async () => {
    const { dir, env } = await newMachine();
    const worker = run("lib/worker/main.ts", { ...env, SIGNALBOX_SCHEMA_WAIT_SECONDS: "120" });
    await eventuallyTrue(() => worker.output.join("").includes("waiting up to 120 s"), 30_000);
    const migrate = run("scripts/migrate.ts", env);
    expect(await migrate.exited).toBe(0);
    await worker.ready;
    // One secret for both: written once by the first process, read by the second.
    expect(fs.readdirSync(dir).filter((f) => f.includes("secret"))).toEqual(["secret.key"]);
    expect(worker.output.join("") + migrate.output.join("")).toContain("generated a server secret");
    process.kill(-worker.child.pid!, "SIGTERM");
    const code = await worker.exited;
    expect(code, worker.output.join("")).toBe(0);
  }, 120_000);

  it("a DATABASE_URL it cannot use: exit 1 with one line, no stack", async () => {
    const { env } = await newMachine();
    const worker = run("lib/worker/main.ts", { ...env, DATABASE_URL: "mysql://root@localhost/signalbox" });
    expect(await worker.exited).toBe(1);
    expect(stderrLines(worker)).toEqual([
      "signalbox: DATABASE_URL: must be postgresql://… or file:… (or unset for the embedded store)",
    ]);
  }, 30_000);

  it("a store migrated by a newer Signalbox: exit 1 at once with one line", async () => {
    const newer = await freshStore();
    try {
      await newer.db.$executeRawUnsafe(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('future', 'x', '29991231000000_from_the_future', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)`,
      );
      const started = Date.now();
      const worker = run("lib/worker/main.ts", {
        ...process.env,
        DATABASE_URL: storeUrl(newer),
        SIGNALBOX_SCHEMA_WAIT_SECONDS: "60",
      });
      expect(await worker.exited).toBe(1);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(stderrLines(worker)).toEqual([
        "signalbox worker: the store was migrated by a newer Signalbox (29991231000000_from_the_future); run that version, or upgrade this one",
      ]);
    } finally {
      await newer.close();
    }
  }, 60_000);

  it("restarted 10 times during a burst of ingest: every start succeeds, every accepted record is delivered once", async () => {
    const relay = await makeRelay(ctx, sink.url, {
      destination: { url: `${sink.url}/restarts`, allowPrivateNetwork: true, timeoutMs: 5_000 },
      rateLimit: { perSecond: 10_000, burst: 10_000 },
    });
    sink.fallback = { status: 200, body: "{}", delayMs: 5 };
    let stop = false;
    const accepted: string[] = [];
    const burst = Promise.all(
      Array.from({ length: 4 }, async (_, lane) => {
        for (let i = 0; !stop; i++) {
          const res = await ingest(relay.slug, order(`R-${lane}-${i}`), { key: relay.key });
          if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body)}`);
          accepted.push(res.body.id!);
        }
      }),
    );
    try {
      for (let n = 0; n < 10; n++) {
        const worker = spawnWorker(store, {
          SIGNALBOX_WORKER_ID: `restart-${n}`,
          SIGNALBOX_WORKER_LEASE_MS: "2000",
          SIGNALBOX_SCHEMA_WAIT_SECONDS: "0",
        });
        processes.push(worker);
        await Promise.race([
          worker.ready,
          worker.exited.then((code) => {
            throw new Error(`start ${n} ended (exit ${code}): ${worker.output.join("")}`);
          }),
        ]);
        await new Promise((r) => setTimeout(r, 300 + 100 * n));
        // Half of them stopped politely, half killed mid-work.
        if (n % 2 === 0) {
          process.kill(-worker.child.pid!, "SIGTERM");
          const code = await worker.exited;
          if (code !== 0) throw new Error(`stop ${n} exit ${code}: ${worker.output.join("")}`);
        } else {
          killHard(worker);
          await worker.exited;
        }
      }
    } finally {
      stop = true;
      await burst.catch(() => {});
    }
    await burst;
    expect(accepted.length).toBeGreaterThan(100);
    const last = spawnWorker(store, { SIGNALBOX_WORKER_ID: "restart-last", SIGNALBOX_WORKER_LEASE_MS: "2000" });
    processes.push(last);
    await last.ready;
    await eventuallyTrue(
      async () =>
        (await store.db.event.count({ where: { integrationId: relay.integrationId, status: "succeeded" } })) ===
        accepted.length,
      90_000,
    );
    const delivered = await store.db.stageRun.groupBy({
      by: ["eventId"],
      where: { stage: "delivered", event: { integrationId: relay.integrationId } },
      _count: { _all: true },
    });
    expect(new Set(delivered.map((d) => d.eventId))).toEqual(new Set(accepted));
    expect(delivered.every((d) => d._count._all === 1)).toBe(true);
    const reached = new Set(sink.requests.filter((r) => r.url === "/restarts").map((r) => r.headers["webhook-id"]));
    expect(accepted.every((id) => reached.has(id))).toBe(true);
    killHard(last);
  }, 240_000);
});

describe("GET /api/health/ready", () => {
  it("ready when the store is reachable and its schema current; reports the newest worker check-in", async () => {
    await store.db.workerHeartbeat.deleteMany({});
    let res = await ready();
    expect(res.status).toBe(200);
    let body = (await res.json()) as Readiness;
    expect(body).toMatchObject({
      status: "ready",
      store: { ok: true, provider },
      schema: { current: true, pending: 0, unknown: 0 },
      worker: { status: "none", lastSeenAt: null },
    });

    const startedAt = new Date(Date.now() - 120_000);
    await checkIn(store, "probe-worker", startedAt, new Date(Date.now() - 5_000));
    body = (await (await ready()).json()) as Readiness;
    expect(body.worker).toMatchObject({ status: "running" });
    expect(body.worker.ageSeconds).toBeGreaterThanOrEqual(4);

    // Missed three check-ins: late, and still ready (ingest does not need a worker; records wait in the queue).
    await checkIn(store, "probe-worker", startedAt, new Date(Date.now() - 45_000));
    res = await ready();
    expect(res.status).toBe(200);
    expect(((await res.json()) as Readiness).worker).toMatchObject({ status: "late" });

    // A worker that stops cleanly checks out.
    await checkOut(store, "probe-worker");
    expect(((await (await ready()).json()) as Readiness).worker.status).toBe("none");
  });

  it("not ready (503) while a migration is pending", async () => {
    const latest = (
      await store.db.$queryRawUnsafe<{ migration_name: string }[]>(
        `SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`,
      )
    )[0]!.migration_name;
    await store.db.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${latest}'`,
    );
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "not ready", schema: { current: false, pending: 1 } });
    } finally {
      await store.db.$executeRawUnsafe(
        `UPDATE _prisma_migrations SET finished_at = started_at WHERE migration_name = '${latest}'`,
      );
    }
  });
});

async function eventuallyTrue(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
