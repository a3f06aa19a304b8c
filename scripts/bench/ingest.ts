// (a) ingest through the real endpoint against a bare Next.js route and against raw one-row INSERTs of the same row
// from the same number of clients, on PostgreSQL and on the embedded store.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { SYSTEM } from "../../lib/core/context";
import { createIntegration } from "../../lib/core/integrations/create-integration";
import { createStore } from "../../lib/db/client";
import { createContext } from "../../lib/db/context";
import { migrateDatabase } from "../../lib/db/migrate";
import { ROOT } from "../lib/runtime";
import { base, baseEnv, benchIntegration, bodyFor, CONCURRENCY, dbName, fmt, rows, SECONDS, startWeb } from "./config";
import { closedLoop, percentile } from "./load";
import { cpuBetween, cpuSpent, stopProcess, waitForHttp } from "./setup";

export type IngestFigures = { store: string; real: number; bare: number; raw: number; batches: string };
type Timed = { perSecond: number; latencies: number[]; cpu: string };

/**
 * CPU (µs per request) of this process (the load generator, or the raw clients), of `pid` and its children, and of
 * the PostgreSQL backends of the bench database (`postgres`; on SQLite the store works inside the web process): what
 * one request costs each, whatever else the machine runs.
 */
async function costOf<T>(pid: number | null, postgres: boolean, count: (result: T) => number, run: () => Promise<T>) {
  const [before, self] = [cpuSpent(pid ?? process.pid, dbName), process.cpuUsage()];
  const result = await run();
  const [after, own] = [cpuSpent(pid ?? process.pid, dbName), process.cpuUsage(self)];
  const n = count(result);
  const us = (ms: number) => fmt((ms * 1000) / n);
  const parts = [`this process ${fmt((own.user + own.system) / n)}`];
  if (pid) parts.push(`web ${us(cpuBetween(before.process, after.process))}`);
  if (postgres) parts.push(`store ${us(cpuBetween(before.store, after.store))}`);
  return { result, cpu: `CPU µs per request: ${parts.join(", ")}` };
}

export function printIngestRatios(figures: IngestFigures[]) {
  for (const r of figures) {
    console.log(
      `  ingest (${r.store}): real endpoint / bare Next.js route = ${fmt(r.real / r.bare, 2)}x   (target ≥ 3.00x)`,
    );
    console.log(
      `  ingest (${r.store}): real endpoint / raw INSERTs         = ${fmt(r.real / r.raw, 2)}x   (target ≥ 1.00x; ${r.batches})`,
    );
  }
}

/** The baseline: the event row alone, one row per transaction, from CONCURRENCY clients for SECONDS. */
const EVENT_ROW_SQL = (p: (n: number) => string) =>
  `INSERT INTO "Event" ("id","integrationId","idempotencyKey","fingerprint","correlationId","payload","status","receivedAt","updatedAt") VALUES (${p(1)},${p(2)},${p(3)},${p(4)},${p(5)},${p(6)},'received',${p(7)},${p(7)})`;

async function timedClients(postgres: boolean, once: (i: number) => Promise<void>): Promise<Timed> {
  const { result, cpu } = await costOf(
    null,
    postgres,
    (r: { latencies: number[] }) => r.latencies.length,
    () => clients(once),
  );
  return { perSecond: result.latencies.length / result.seconds, latencies: result.latencies, cpu };
}

async function clients(once: (i: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
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
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

export function rawPgInserts(url: string, integrationId: string): () => Promise<Timed> {
  return async () => {
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
    const sql = EVENT_ROW_SQL((n) => `$${n}`);
    try {
      return await timedClients(true, async (i) => {
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

export async function ingestBench(
  label: string,
  storeEnv: Record<string, string>,
  key: string,
  raw: () => Promise<Timed>,
): Promise<IngestFigures> {
  const web = startWeb({ ...baseEnv, ...storeEnv, SIGNALBOX_REPORT_BATCHES: "1" });
  await waitForHttp(`${base}/api/health`);
  const headers = { authorization: `Bearer ${key}` };
  const bare = (i: number) => ({ url: `${base}/api/bench/bare`, body: bodyFor(i), headers: {} });
  const real = (i: number) => ({ url: `${base}/api/ingest/bench-orders`, body: bodyFor(i), headers });
  await closedLoop(bare, CONCURRENCY, 2, () => true);
  const bareResult = await closedLoop(bare, CONCURRENCY, SECONDS, (st) => st === 202);
  await closedLoop(real, CONCURRENCY, 2, () => true);
  const { result: realResult, cpu: realCpu } = await costOf(
    web.pid!,
    Boolean(storeEnv.DATABASE_URL?.startsWith("postgres")),
    (r) => r.requests,
    () => closedLoop(real, CONCURRENCY, SECONDS, (st) => st === 202),
  );
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
    `${realResult.errors} errors; ${realCpu.replace("this process", "load generator")}`,
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
    rawResult.cpu.replace("this process", "clients"),
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
export async function ingestOnSqlite(): Promise<IngestFigures> {
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
        return await timedClients(false, async (i) => {
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
