// npm run bench — Signalbox against baselines measured in the same run, on the
// same machine and the same PostgreSQL; prints ratios, never absolute verdicts.
//  (a) ingest through the real endpoint vs a bare Next.js route vs raw INSERTs
//  (b) delivery jobs/s to a local sink vs graphile-worker 0.17.3 and pg-boss 10.4.2
//  (c) received → delivered latency at a fixed 200 events/s
//  (d) the KPI dashboard at 1M events (scripts/bench/kpis.ts)
//  (g) BENCH_ONLY=health: /api/health while CSV uploads and drift-heavy records run
//  (e) BENCH_ONLY=sustained: 1,000/s for 60 s end to end; (f) BENCH_ONLY=soak: 500/s for 10 minutes, with memory
// BENCH_ONLY=kpis runs (d) alone; =ingest (a) alone, on both stores; =delivery (b) alone; =relay skips (d), (e), (f).
// BENCH_PROFILE=DIR writes CPU profiles of the processes it starts (web, worker, peers) into DIR.
// BENCH_PEERS=none skips the peers in (b) (quick iterations on the worker; no ratios printed).
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { SYSTEM } from "../../lib/core/context";
import { createIntegration } from "../../lib/core/integrations/create-integration";
import { ingestRecord } from "../../lib/core/ingest/ingest-record";
import { createStore } from "../../lib/db/client";
import { createContext } from "../../lib/db/context";
import { migrateDatabase } from "../../lib/db/migrate";
import { buildIfNeeded } from "../lib/build";
import { ROOT } from "../lib/runtime";
import { benchKpis } from "./kpis";
import { closedLoop, openLoop, percentile } from "./load";
import {
  cpuBetween,
  cpuSpent,
  freshDatabase,
  dropDatabase,
  sleep,
  startProcess,
  stopProcess,
  TSX,
  waitForHttp,
} from "./setup";
import { startBenchSink } from "./sink";
import { healthUnderAbuse } from "./health";
import { steadyLoad } from "./sustained";

const server = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `sbx_bench_${process.pid}`;
const PORT = 3300;
const base = `http://127.0.0.1:${PORT}`;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const JOBS = Number(process.env.BENCH_JOBS ?? 5_000);
const WORKER_CONCURRENCY = 24;
const secret = "bench-secret-0123456789abcdef";
const rows: string[][] = [];
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");

const baseEnv = {
  SIGNALBOX_SECRET: secret,
  NODE_ENV: "production",
  SIGNALBOX_BENCH: "1",
  SIGNALBOX_SKIP_MIGRATE: "1",
  NEXTAUTH_URL: base,
  PORT: String(PORT),
};
const bodyFor = (i: number, extra: object = {}) =>
  JSON.stringify({ id: `${i}-${randomUUID()}`, total: i % 1000, ...extra });
/** The web process exactly as `npm start` runs it: the lean path for ingest, Next for the rest. */
const startWeb = (env: Record<string, string>) => startProcess(TSX, [path.join(ROOT, "scripts/serve.ts")], env);

function printRows() {
  console.log("\n" + ["what", "per second", "p50 ms", "p99 ms", "note"].join(" | "));
  for (const row of rows) console.log(row.join(" | "));
}

function printIngestRatios(figures: IngestFigures[]) {
  for (const r of figures) {
    console.log(
      `  ingest (${r.store}): real endpoint / bare Next.js route = ${fmt(r.real / r.bare, 2)}x   (target ≥ 3.00x)`,
    );
    console.log(
      `  ingest (${r.store}): real endpoint / raw INSERTs         = ${fmt(r.real / r.raw, 2)}x   (target ≥ 1.00x; ${r.batches})`,
    );
  }
}

type IngestFigures = { store: string; real: number; bare: number; raw: number; batches: string };

/** The baseline: the event row alone, one row per transaction, from CONCURRENCY clients for SECONDS. */
const EVENT_ROW_SQL = (p: (n: number) => string) =>
  `INSERT INTO "Event" ("id","integrationId","idempotencyKey","fingerprint","correlationId","payload","status","receivedAt","updatedAt") VALUES (${p(1)},${p(2)},${p(3)},${p(4)},${p(5)},${p(6)},'received',${p(7)},${p(7)})`;

async function timedClients(once: (i: number) => Promise<void>): Promise<{ perSecond: number; latencies: number[] }> {
  let n = 0;
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await once(n++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), latencies };
}

function rawPgInserts(url: string, integrationId: string): () => Promise<{ perSecond: number; latencies: number[] }> {
  return async () => {
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
    const sql = EVENT_ROW_SQL((n) => `$${n}`);
    try {
      return await timedClients(async (i) => {
        await pool.query(sql, [
          `raw-${i}-${randomUUID()}`,
          integrationId,
          `raw-${i}-${randomUUID()}`,
          "f".repeat(64),
          randomUUID(),
          bodyFor(i),
          new Date(),
        ]);
      });
    } finally {
      await pool.end();
    }
  };
}

async function ingestBench(
  label: string,
  storeEnv: Record<string, string>,
  key: string,
  raw: () => Promise<{ perSecond: number; latencies: number[] }>,
): Promise<IngestFigures> {
  const web = startWeb({ ...baseEnv, ...storeEnv, SIGNALBOX_REPORT_BATCHES: "1" });
  await waitForHttp(`${base}/api/health`);
  const headers = { authorization: `Bearer ${key}` };
  const bare = (i: number) => ({ url: `${base}/api/bench/bare`, body: bodyFor(i), headers: {} });
  const real = (i: number) => ({ url: `${base}/api/ingest/bench-orders`, body: bodyFor(i), headers });
  await closedLoop(bare, CONCURRENCY, 2, () => true);
  const bareResult = await closedLoop(bare, CONCURRENCY, SECONDS, (st) => st === 202);
  await closedLoop(real, CONCURRENCY, 2, () => true);
  const realResult = await closedLoop(real, CONCURRENCY, SECONDS, (st) => st === 202);
  const batches = await fetch(`${base}/api/bench/batches`).then(
    (r) => r.text(),
    () => "batches: n/a",
  );
  await stopProcess(web);
  const rawResult = await raw();
  rows.push([
    `ingest (${label}): real endpoint`,
    fmt(realResult.perSecond),
    fmt(realResult.p50, 1),
    fmt(realResult.p99, 1),
    `${realResult.errors} errors`,
  ]);
  rows.push([
    `ingest (${label}): bare Next.js route`,
    fmt(bareResult.perSecond),
    fmt(bareResult.p50, 1),
    fmt(bareResult.p99, 1),
    `${bareResult.errors} errors`,
  ]);
  rows.push([
    `ingest (${label}): raw INSERT, one row per transaction`,
    fmt(rawResult.perSecond),
    fmt(percentile(rawResult.latencies, 50), 1),
    fmt(percentile(rawResult.latencies, 99), 1),
    "",
  ]);
  return {
    store: label,
    real: realResult.perSecond,
    bare: bareResult.perSecond,
    raw: rawResult.perSecond,
    batches: batches.trim(),
  };
}

/** The same ingest comparison on the embedded store (a fresh file, synchronous = FULL as Signalbox runs it). */
async function ingestOnSqlite(): Promise<IngestFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-bench-"));
  const file = path.join(dir, "bench.db");
  try {
    await migrateDatabase({ provider: "sqlite", url: file }, ROOT);
    const store = await createStore({ provider: "sqlite", url: file });
    const ctx = createContext(store, SYSTEM);
    const created = await createIntegration({ ctx, input: benchIntegration("http://127.0.0.1:9") });
    await store.close();
    const raw = async () => {
      const db = new Database(file, { timeout: 10_000 });
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      const insert = db.prepare(EVENT_ROW_SQL(() => "?"));
      try {
        return await timedClients(async (i) => {
          insert.run(
            `raw-${i}-${randomUUID()}`,
            created.integration.id,
            `raw-${i}-${randomUUID()}`,
            "f".repeat(64),
            randomUUID(),
            bodyFor(i),
            ...Array(2).fill(new Date().toISOString()),
          );
          await new Promise((r) => setImmediate(r));
        });
      } finally {
        db.close();
      }
    };
    return await ingestBench("SQLite", { DATABASE_URL: `file:${file}` }, created.ingestKey.key, raw);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function benchIntegration(sinkUrl: string) {
  return {
    slug: "bench-orders",
    name: "Bench orders",
    mode: "relay" as const,
    sourceSystem: "Bench",
    targetSystem: "Sink",
    destination: { url: `${sinkUrl}/signalbox`, allowPrivateNetwork: true },
    rateLimit: { perSecond: 100_000, burst: 1_000_000 },
    contract: {
      schema: {
        type: "object",
        required: ["id"],
        properties: { id: { type: "string" }, total: { type: "number" }, sentAt: { type: "number" } },
      },
      idempotencyKeyPaths: ["/id"],
    },
  };
}

if (process.env.BENCH_ONLY === "kpis") {
  const lines = await benchKpis(server);
  console.log("\nratios (same run, same machine, same PostgreSQL):");
  for (const line of lines) console.log(line);
  process.exit();
}

console.log(`bench: fresh database ${dbName}; concurrency ${CONCURRENCY}; ${SECONDS}s per run; ${JOBS} delivery jobs`);
const url = await freshDatabase(server, dbName);
process.env.SIGNALBOX_SECRET = secret;
try {
  await migrateDatabase({ provider: "postgresql", url }, ROOT);
  buildIfNeeded();
  const store = await createStore({ provider: "postgresql", url });
  const ctx = createContext(store, SYSTEM);
  const sink = await startBenchSink();
  const created = await createIntegration({ ctx, input: benchIntegration(sink.url) });
  const env = { ...baseEnv, DATABASE_URL: url };
  const ingestHeaders = { authorization: `Bearer ${created.ingestKey.key}` };

  const only = process.env.BENCH_ONLY;
  if (only === "health") {
    const web = startWeb(env);
    await waitForHttp(`${base}/api/health`);
    const lines = await healthUnderAbuse({
      ctx,
      base,
      ingestKey: created.ingestKey.key,
      seconds: Number(process.env.BENCH_DURATION ?? 20),
    });
    await stopProcess(web);
    await sink.close();
    await store.close();
    console.log("");
    for (const line of lines) console.log(`  ${line}`);
    process.exit();
  }
  if (only === "sustained" || only === "soak") {
    // (e) 1,000/s for 60 s; (f) 500/s for 10 minutes with memory — web, worker, store and load on this machine
    const [rate, seconds] =
      only === "sustained"
        ? [Number(process.env.BENCH_RATE ?? 1_000), Number(process.env.BENCH_DURATION ?? 60)]
        : [Number(process.env.BENCH_RATE ?? 500), Number(process.env.BENCH_DURATION ?? 600)];
    const web = startWeb(env);
    const worker = startProcess(TSX, [path.join(ROOT, "lib/worker/main.ts")], {
      ...env,
      SIGNALBOX_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    });
    await waitForHttp(`${base}/api/health`);
    await sleep(2_000);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const request = (i: number) => ({
      url: `${base}/api/ingest/bench-orders`,
      body: bodyFor(i, { sentAt: performance.timeOrigin + performance.now() }),
      headers: ingestHeaders,
    });
    await steadyLoad({ label: "warm-up", rate: 100, seconds: 3, sink, pool, web, worker, request });
    const result = await steadyLoad({ label: only, rate, seconds, sink, pool, web, worker, request });
    await stopProcess(worker);
    await stopProcess(web);
    await pool.end();
    await sink.close();
    await store.close();
    console.log("");
    for (const line of result.lines) console.log(`  ${line}`);
    console.log(
      `  targets: p95 ≤ 100 ms → ${result.p95 <= 100 ? "met" : "NOT met"}; backlog not growing → ${result.backlogGrew ? "NOT met" : "met"}; zero lost / duplicates → ${result.lost === 0 && result.duplicates === 0 ? "met" : "NOT met"}${
        result.memoryDrift
          ? `; memory flat within 10 % → ${result.memoryDrift.web <= 0.1 && result.memoryDrift.worker <= 0.1 ? "met" : "NOT met"}`
          : ""
      }`,
    );
    process.exit();
  }

  // (a) ingest, on PostgreSQL here and on SQLite below (ingestOnSqlite)
  const pgIngest =
    only === "delivery"
      ? null
      : await ingestBench(
          "PostgreSQL",
          { DATABASE_URL: url },
          created.ingestKey.key,
          rawPgInserts(url, created.integration.id),
        );
  if (only === "ingest") {
    const sqliteIngest = await ingestOnSqlite();
    await sink.close();
    await store.close();
    printRows();
    printIngestRatios([pgIngest!, sqliteIngest]);
    process.exit();
  }

  // (b) delivery
  await store.db.$executeRawUnsafe(`DELETE FROM "QueueJob"`);
  for (let i = 0; i < JOBS; i++) {
    await ingestRecord(ctx, {
      integration: (await ctx.repos.integrations.findBySlug("bench-orders"))!,
      contract: await ctx.repos.contracts.current(created.integration.id),
      payload: { id: `d-${i}`, total: i },
      headers: {},
      auth: "api_key",
    });
  }
  const measure = async (label: string, start: () => Promise<ChildProcess>) => {
    sink.reset();
    const child = await start();
    // CPU is counted from the first delivery on (start-up and module loading are not the work measured)
    while (sink.count === 0 && child.exitCode === null) await sleep(2);
    const [before, counted] = [cpuSpent(child.pid!, dbName), JOBS - sink.count];
    const done = await sink.waitFor(JOBS, 180_000);
    const after = cpuSpent(child.pid!, dbName);
    await stopProcess(child);
    const perSecond = done ? (JOBS - 1) / ((sink.last - sink.first) / 1000) : Number.NaN;
    // CPU per job does not depend on what else the machine runs: the honest comparison on a shared machine.
    const cost = `CPU per 1,000 jobs: worker ${fmt((cpuBetween(before.process, after.process) * 1000) / counted)} ms, store ${fmt((cpuBetween(before.store, after.store) * 1000) / counted)} ms`;
    rows.push([
      `delivery: ${label}`,
      fmt(perSecond),
      "",
      "",
      done ? `${JOBS} jobs; ${cost}` : `timed out at ${sink.count}`,
    ]);
    return perSecond;
  };
  const ours = await measure("Signalbox worker", async () =>
    startProcess(TSX, [path.join(ROOT, "lib/worker/main.ts")], {
      ...env,
      SIGNALBOX_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    }),
  );

  if (process.env.BENCH_PEERS === "none") {
    printRows();
    process.exit();
  }
  const { makeWorkerUtils } = await import("graphile-worker");
  const graphileJobs = async (prefix: string) => {
    const utils = await makeWorkerUtils({ connectionString: url });
    await utils.migrate();
    for (let i = 0; i < JOBS; i += 500)
      await utils.addJobs(
        Array.from({ length: Math.min(500, JOBS - i) }, (_, k) => ({
          identifier: "deliver",
          payload: { id: `${prefix}-${i + k}`, total: i + k },
        })),
      );
    await utils.release();
  };
  await graphileJobs("g");
  const graphile = await measure("graphile-worker 0.17.3 (unbatched)", async () =>
    startProcess(
      TSX,
      [path.join(ROOT, "scripts/bench/peer-graphile.ts"), url, sink.url, String(WORKER_CONCURRENCY)],
      {},
    ),
  );
  await graphileJobs("gb");
  const graphileBatched = await measure(
    "graphile-worker 0.17.3 (batched: local queue 100, batched completion)",
    async () =>
      startProcess(
        TSX,
        [path.join(ROOT, "scripts/bench/peer-graphile.ts"), url, sink.url, String(WORKER_CONCURRENCY), "batched"],
        {},
      ),
  );

  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false });
  await boss.start();
  await boss.createQueue("deliver");
  for (let i = 0; i < JOBS; i += 500)
    await boss.insert(
      Array.from({ length: Math.min(500, JOBS - i) }, (_, k) => ({
        name: "deliver",
        data: { id: `b-${i + k}`, total: i + k },
      })),
    );
  await boss.stop({ graceful: false });
  const pgboss = await measure("pg-boss 10.4.2 (batch 8, 0.5 s poll)", async () =>
    startProcess(TSX, [path.join(ROOT, "scripts/bench/peer-pgboss.ts"), url, sink.url, String(WORKER_CONCURRENCY)], {}),
  );

  if (only === "delivery") {
    printRows();
    console.log(`\n  delivery: Signalbox / graphile-worker unbatched = ${fmt(ours / graphile, 2)}x   (target ≥ 1.50x)`);
    console.log(
      `  delivery: Signalbox / graphile-worker batched   = ${fmt(ours / graphileBatched, 2)}x   (target ≥ 0.80x)`,
    );
    process.exit();
  }

  // (c) latency at a fixed rate
  const web2 = startWeb(env);
  const worker = startProcess(TSX, [path.join(ROOT, "lib/worker/main.ts")], {
    ...env,
    SIGNALBOX_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
  });
  await waitForHttp(`${base}/api/health`);
  await sleep(2_000);
  const latencyAt = async (rate: number) => {
    sink.reset();
    const answers = await openLoop(
      (i) => ({
        url: `${base}/api/ingest/bench-orders`,
        body: bodyFor(i, { sentAt: performance.timeOrigin + performance.now() }),
        headers: ingestHeaders,
      }),
      rate,
      SECONDS,
    );
    await sink.waitFor(rate * SECONDS, 30_000);
    const lat = [...sink.latencies].sort((a, b) => a - b);
    rows.push([
      `latency: received → delivered at ${rate}/s`,
      "",
      fmt(percentile(lat, 50), 1),
      "",
      `p95 ${fmt(percentile(lat, 95), 1)} ms over ${lat.length}; ingest answer p50/p95 ${fmt(percentile(answers, 50), 1)}/${fmt(percentile(answers, 95), 1)} ms`,
    ]);
    return percentile(lat, 95);
  };
  await latencyAt(20); // warm-up: Next.js loads the route, connections open
  rows.pop();
  const p95at50 = await latencyAt(50);
  const p95 = await latencyAt(200);
  await stopProcess(worker);
  await stopProcess(web2);
  await sink.close();
  await store.close();

  printRows();
  console.log("\nratios (same run, same machine, same PostgreSQL):");
  printIngestRatios([pgIngest!, await ingestOnSqlite()]);
  console.log(`  delivery: Signalbox / graphile-worker unbatched = ${fmt(ours / graphile, 2)}x   (target ≥ 1.50x)`);
  console.log(
    `  delivery: Signalbox / graphile-worker batched   = ${fmt(ours / graphileBatched, 2)}x   (target ≥ 0.80x)`,
  );
  console.log(`  delivery: Signalbox / pg-boss          = ${fmt(ours / pgboss, 2)}x`);
  console.log(
    `  latency p95 at 200/s                  = ${fmt(p95, 1)} ms   (target ≤ 10 ms; at 50/s: ${fmt(p95at50, 1)} ms)`,
  );
} finally {
  await dropDatabase(server, dbName).catch(() => {});
}
if (process.env.BENCH_ONLY === "relay") process.exit();
const kpiLines = await benchKpis(server);
console.log("\nratios, KPI dashboard (same run, same machine, same PostgreSQL):");
for (const line of kpiLines) console.log(line);
process.exit();
