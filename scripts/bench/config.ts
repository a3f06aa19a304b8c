// What every part of `npm run bench` shares: where it runs, how hard it pushes, the rows of the printed table, and
// how the web and worker processes are started (exactly as `npm start` and `npm run worker` run them).
import { randomUUID } from "node:crypto";
import { startScript } from "./setup";

export const server = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const dbName = `sbx_bench_${process.pid}`;
const PORT = 3300;
export const base = `http://127.0.0.1:${PORT}`;
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Enough jobs that each worker's start-up (its first periodic passes) is a small part of its run. */
export const JOBS = Number(process.env.BENCH_JOBS ?? 15_000);
export const WORKER_CONCURRENCY = 24;
export const secret = "bench-secret-0123456789abcdef";

export const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");
/** The table printed at the end: what | per second | p50 ms | p99 ms | note */
export const rows: string[][] = [];
export function printRows() {
  console.log("\n" + ["what", "per second", "p50 ms", "p99 ms", "note"].join(" | "));
  for (const row of rows) console.log(row.join(" | "));
}

export const baseEnv = {
  SIGNALBOX_SECRET: secret,
  NODE_ENV: "production",
  SIGNALBOX_BENCH: "1",
  NEXTAUTH_URL: base,
  PORT: String(PORT),
};
export const bodyFor = (i: number, extra: object = {}) =>
  JSON.stringify({ id: `${i}-${randomUUID()}`, total: i % 1000, ...extra });

/** The web process exactly as `npm start` runs it: the lean path for ingest, Next for the rest. */
export const startWeb = (env: Record<string, string>) => startScript("scripts/serve.ts", [], env);
/** The worker exactly as `npm run worker` runs it. */
export const startWorker = (env: Record<string, string>) =>
  startScript("lib/worker/main.ts", [], {
    ...env,
    SIGNALBOX_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
  });

/** The integration every part sends to: a contract with an idempotency key, delivering to the bench sink. */
export function benchIntegration(sinkUrl: string) {
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
