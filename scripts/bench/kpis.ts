// The KPI dashboard at scale (npm run bench; alone: BENCH_ONLY=kpis npm run bench).
// Seeds BENCH_KPI_EVENTS (default 1 000 000) events over 30 days into a fresh
// PostgreSQL database, times the worker's rollup catch-up, checks the rollup's
// numbers against the raw rows, then times the dashboard's query — in process
// and through GET /api/v1/kpis on `next start` with a manager's token —
// against the baseline of computing the 30-day totals straight from the raw
// tables with one aggregate statement, measured in the same run.
import path from "node:path";
import pg from "pg";
import { SYSTEM, type Actor } from "../../lib/core/context";
import { getKpis, type TKpiQuery } from "../../lib/core/kpis/get-kpis";
import { MANUAL_ACTIONS, rollupKpis } from "../../lib/core/kpis/rollup";
import { createSecretBox } from "../../lib/core/security/secret-box";
import { createToken } from "../../lib/core/tokens/tokens";
import { createStore } from "../../lib/db/client";
import { createContext } from "../../lib/db/context";
import { migrateDatabase } from "../../lib/db/migrate";
import { buildIfNeeded } from "../lib/build";
import { ROOT } from "../lib/runtime";
import { percentile } from "./load";
import { seedEvents } from "./seed-events";
import { dropDatabase, freshDatabase, startProcess, stopProcess, waitForHttp } from "./setup";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PORT = 3301;
const RUNS = 30;
const fmt = (n: number | null | undefined, d = 0) =>
  n !== null && n !== undefined && Number.isFinite(n) ? n.toFixed(d) : "—";

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The 30-day totals straight from the raw rows: what the dashboard would run without rollups. */
async function rawTotals(pool: pg.Pool, from: Date, to: Date) {
  const [events, duplicates, recovery, manual] = await Promise.all([
    pool.query(
      `SELECT COUNT(*)::int AS received,
         COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Exception" x WHERE x."eventId" = e."id"))::int AS "exceptionEvents",
         COUNT(*) FILTER (WHERE e."firstFailedAt" IS NOT NULL)::int AS "firstFailed",
         COUNT(*) FILTER (WHERE e."status" = 'succeeded' AND e."firstFailedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Exception" x WHERE x."eventId" = e."id"))::int AS "autoRecovered",
         percentile_disc(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (e."completedAt" - e."receivedAt")) * 1000) AS "lagP50",
         percentile_disc(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (e."completedAt" - e."receivedAt")) * 1000) AS "lagP95"
       FROM "Event" e WHERE e."receivedAt" >= $1 AND e."receivedAt" < $2 AND e."source" IN ('relay', 'tracked')`,
      [from, to],
    ),
    pool.query(
      `SELECT COUNT(*)::int AS n FROM "DuplicateArrival" WHERE "kind" = 'duplicate' AND "receivedAt" >= $1 AND "receivedAt" < $2`,
      [from, to],
    ),
    pool.query(
      `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("resolvedAt" - "openedAt")) * 1000) AS p50,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("resolvedAt" - "openedAt")) * 1000) AS p90
       FROM "Exception" WHERE "status" = 'resolved' AND "resolvedAt" >= $1 AND "resolvedAt" < $2`,
      [from, to],
    ),
    pool.query(
      `SELECT COUNT(*)::int AS n FROM "AuditEntry" WHERE "at" >= $1 AND "at" < $2 AND "actorId" IS NOT NULL AND "action" = ANY($3)`,
      [from, to, [...MANUAL_ACTIONS]],
    ),
  ]);
  const e = events.rows[0];
  const dup = duplicates.rows[0].n as number;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    received: e.received as number,
    failureRate: ratio(e.exceptionEvents, e.received),
    duplicateRate: ratio(dup, e.received + dup),
    autoRecoveryRate: ratio(e.autoRecovered, e.firstFailed),
    manualInterventions: manual.rows[0].n as number,
    lagP50Ms: Number(e.lagP50),
    lagP95Ms: Number(e.lagP95),
    recoveryP50Ms: Number(recovery.rows[0].p50),
    recoveryP90Ms: Number(recovery.rows[0].p90),
  };
}

export async function benchKpis(server: string): Promise<string[]> {
  const events = Number(process.env.BENCH_KPI_EVENTS ?? 1_000_000);
  const name = `sbx_bench_kpis_${process.pid}`;
  const secret = process.env.SIGNALBOX_SECRET ?? "bench-secret-0123456789abcdef";
  const url = await freshDatabase(server, name);
  const out: string[] = [];
  let web: ReturnType<typeof startProcess> | undefined;
  try {
    await migrateDatabase({ provider: "postgresql", url }, ROOT);
    console.log(`kpis: seeding ${events.toLocaleString("en")} events over 30 days into ${name}…`);
    const seeded = await seedEvents({ url, events, log: console.log });
    console.log(`kpis: seeded ${JSON.stringify(seeded.counts)} in ${fmt(seeded.seconds, 1)} s`);

    const store = await createStore({ provider: "postgresql", url });
    const secretBox = createSecretBox(secret);
    const ctx = createContext(store, SYSTEM, { secretBox });
    const t0 = performance.now();
    const caughtUp = await rollupKpis(ctx);
    const catchUpS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const idle = await rollupKpis(ctx);
    const idleMs = performance.now() - t1;

    // One manager, as the dashboard's reader.
    const manager = await store.db.user.findUniqueOrThrow({ where: { id: seeded.managerUserId } });
    const actor: Actor = {
      kind: "user",
      userId: manager.id,
      email: manager.email,
      name: manager.name,
      role: "manager",
      via: "token",
    };
    const asManager = createContext(store, actor, { secretBox });
    const token = (await createToken({ ctx: asManager, input: { name: "bench" } })).token;

    // Whole hours, so the raw baseline and the rollups cover exactly the same rows.
    const to = new Date(Math.ceil(seeded.now.getTime() / HOUR) * HOUR);
    const query = (days: number, bucket: "hour" | "day", integration?: string): TKpiQuery => ({
      from: new Date(to.getTime() - days * DAY).toISOString(),
      to: to.toISOString(),
      bucket,
      integration,
    });
    const month = query(30, "day");

    // Correctness: the rollups against the raw rows.
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const raw = await rawTotals(pool, new Date(month.from!), to);
    const mine = (await getKpis({ ctx: asManager, input: month })).totals;
    const mismatches: string[] = [];
    for (const key of [
      "received",
      "failureRate",
      "duplicateRate",
      "autoRecoveryRate",
      "manualInterventions",
    ] as const) {
      if (Math.abs((mine[key] ?? -1) - (raw[key] ?? -1)) > 1e-12) mismatches.push(`${key} ${mine[key]} ≠ ${raw[key]}`);
    }
    // Percentiles come from log buckets: the bucket's upper bound, at most 4.5 % above the exact value.
    for (const key of ["lagP50Ms", "lagP95Ms", "recoveryP50Ms", "recoveryP90Ms"] as const) {
      const ratio = (mine[key] ?? 0) / raw[key];
      if (!(ratio >= 0.999 && ratio <= 1.045)) mismatches.push(`${key} ${mine[key]} vs exact ${raw[key]}`);
    }

    const baseline = await timed(5, () => rawTotals(pool, new Date(month.from!), to));
    await pool.end();
    const cases: [string, TKpiQuery][] = [
      ["24 h, hourly, all", query(1, "hour")],
      ["7 d, daily, all", query(7, "day")],
      ["7 d, hourly, all", query(7, "hour")],
      ["30 d, daily, all", month],
      ["30 d, daily, one integration", query(30, "day", "bench-kpi-orders")],
      ["30 d, hourly, all", query(30, "hour")],
    ];
    const inProcess: [string, { p50: number; p95: number }][] = [];
    for (const [label, input] of cases)
      inProcess.push([label, await timed(RUNS, () => getKpis({ ctx: asManager, input }))]);
    await store.close();

    buildIfNeeded();
    const base = `http://127.0.0.1:${PORT}`;
    web = startProcess(
      process.execPath,
      [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT)],
      {
        DATABASE_URL: url,
        SIGNALBOX_SECRET: secret,
        NODE_ENV: "production",
        NEXTAUTH_URL: base,
      },
    );
    await waitForHttp(`${base}/api/health`);
    const get = async (input: TKpiQuery) => {
      const params = new URLSearchParams(
        Object.entries(input).filter((e): e is [string, string] => typeof e[1] === "string"),
      );
      const res = await fetch(`${base}/api/v1/kpis?${params}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET /api/v1/kpis answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    // The dashboard's three presets as the console asks for them, and a week by hour (API only).
    const presets: [string, TKpiQuery][] = [
      ["24 h hourly", query(1, "hour")],
      ["7 d daily", query(7, "day")],
      ["30 d daily", month],
      ["7 d hourly (API only)", query(7, "hour")],
    ];
    const http: [string, { p50: number; p95: number }][] = [];
    for (const [label, input] of presets) http.push([label, await timed(RUNS, () => get(input))]);
    const slowest = http.slice(0, 3).reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a));
    const monthHttp = http.find(([label]) => label === "30 d daily")![1];

    console.log(
      `\nKPI dashboard at ${seeded.counts.events.toLocaleString("en")} events (${seeded.counts.stageRuns.toLocaleString("en")} delivery attempts, ${seeded.counts.exceptions.toLocaleString("en")} exceptions)`,
    );
    console.log(
      `  rollup catch-up from empty: ${fmt(catchUpS, 1)} s for ${caughtUp.hours} integration-hours; a pass with nothing new: ${fmt(idleMs)} ms (${idle.hours} hours)`,
    );
    console.log(
      `  rollup vs raw rows over 30 d: ${mismatches.length ? `MISMATCH ${mismatches.join("; ")}` : "every total matches (percentiles within the 4.5 % bucket width)"}`,
    );
    console.log(["what", "p50 ms", "p95 ms"].join(" | "));
    console.log(`baseline: raw SQL, 30 d totals only | ${fmt(baseline.p50, 1)} | ${fmt(baseline.p95, 1)}`);
    for (const [label, t] of inProcess) console.log(`getKpis ${label} | ${fmt(t.p50, 1)} | ${fmt(t.p95, 1)}`);
    for (const [label, t] of http) console.log(`GET /api/v1/kpis ${label} | ${fmt(t.p50, 1)} | ${fmt(t.p95, 1)}`);
    out.push(
      `  kpis: raw 30 d totals / dashboard 30 d  = ${fmt(baseline.p50 / monthHttp.p50, 1)}x   (the raw query computes the totals only; the dashboard also builds series, previous period, ranking)`,
    );
    out.push(
      `  kpis: dashboard 30 d at ${(seeded.counts.events / 1e6).toFixed(1)}M events     = ${fmt(monthHttp.p50)} ms median, ${fmt(monthHttp.p95)} ms p95 over HTTP   (target < 200 ms)`,
    );
    out.push(
      `  kpis: slowest dashboard preset (${slowest[0]}) = ${fmt(slowest[1].p50)} ms median, ${fmt(slowest[1].p95)} ms p95 over HTTP`,
    );
    out.push(`  kpis: rollup matches raw rows          = ${mismatches.length ? "NO" : "yes"}`);
    if (mismatches.length) process.exitCode = 1;
    return out;
  } finally {
    if (web) await stopProcess(web);
    await dropDatabase(server, name).catch(() => {});
  }
}
