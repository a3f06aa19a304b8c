// The store at size (BENCH_ONLY=size npm run bench; issue 13 item 7). Seeds BENCH_SIZE_EVENTS (default 10,000,000)
// events over 30 days into a fresh PostgreSQL database, every row as ingest and delivery write it (ingest stages,
// delivered body, attempts' details), then reports: bytes per stored event (tables and indexes), the events list, the
// exception queue and an event's page p95 over HTTP (`next start`, an operator's token), the time the retention pass
// takes to expire one day's payloads and then that day's records, and bytes per event once every payload has expired
// (the pass's statements over the whole store, then VACUUM FULL so that the figure is what the store needs, not what
// the files still hold).
import path from "node:path";
import pg from "pg";
import { SYSTEM, type Actor } from "../../lib/core/context";
import { expireRetention, setRetention } from "../../lib/core/retention/retention";
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

const PORT = 3302;
const RUNS = 40;
const DAY = 86_400_000;
const TABLES = ["Event", "StageRun", "Exception", "DuplicateArrival", "EventReplay", "QueueJob", "EntityVersion"];
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");

async function bytesPerEvent(pool: pg.Pool) {
  const { rows } = await pool.query<{ t: string; bytes: string }>(
    `SELECT relname::text AS t, pg_total_relation_size(oid)::text AS bytes FROM pg_class
      WHERE relkind IN ('r', 'p') AND relname = ANY($1)`,
    [TABLES],
  );
  const events = Number((await pool.query(`SELECT count(*) AS n FROM "Event"`)).rows[0].n);
  const total = rows.reduce((n, r) => n + Number(r.bytes), 0);
  const by = Object.fromEntries(rows.map((r) => [r.t, Number(r.bytes) / events]));
  return { events, perEvent: total / events, by };
}

async function timed(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function benchSize(server: string, secret: string): Promise<string[]> {
  const n = Number(process.env.BENCH_SIZE_EVENTS ?? 10_000_000);
  process.env.SIGNALBOX_SECRET ??= secret; // the seeder's fixtures go through the domain operations
  const name = `sbx_bench_size_${process.pid}`;
  const url = await freshDatabase(server, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let web: ReturnType<typeof startProcess> | null = null;
  const out: string[] = [];
  try {
    await migrateDatabase({ provider: "postgresql", url }, ROOT);
    console.log(`size: seeding ${n.toLocaleString("en")} events over 30 days into ${name}…`);
    const seeded = await seedEvents({
      url,
      events: n,
      full: true,
      log: (l) => (/0,000,000 \//.test(l) || n < 2_000_000 ? console.log(l) : undefined),
    });
    console.log(`size: seeded ${JSON.stringify(seeded.counts)} in ${fmt(seeded.seconds)} s; VACUUM ANALYZE…`);
    await pool.query("VACUUM ANALYZE");
    const full = await bytesPerEvent(pool);
    const payload = (
      await pool.query(
        `SELECT avg(pg_column_size("payload")) AS p, avg(coalesce(pg_column_size("deliveryPayload"), 0)) AS d
           FROM "Event" TABLESAMPLE SYSTEM (1)`,
      )
    ).rows[0];

    // Reads over HTTP, as an operator's console makes them.
    const store = await createStore({ provider: "postgresql", url });
    const box = createSecretBox(secret);
    const ctx = createContext(store, SYSTEM, { secretBox: box });
    const ops = await store.db.user.findUniqueOrThrow({ where: { id: seeded.opsUserId } });
    const actor: Actor = { kind: "user", userId: ops.id, email: ops.email, name: ops.name, role: "ops", via: "token" };
    const token = (await createToken({ ctx: createContext(store, actor, { secretBox: box }), input: { name: "b" } }))
      .token;
    const sample = (
      await pool.query<{ id: string }>(`SELECT "id" FROM "Event" TABLESAMPLE SYSTEM (0.1) LIMIT ${RUNS + 3}`)
    ).rows.map((r) => r.id);
    buildIfNeeded();
    const base = `http://127.0.0.1:${PORT}`;
    web = startProcess(
      process.execPath,
      [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT)],
      { DATABASE_URL: url, SIGNALBOX_SECRET: secret, NODE_ENV: "production", NEXTAUTH_URL: base },
    );
    await waitForHttp(`${base}/api/health`);
    const get = async (p: string) => {
      const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const slug = seeded.integrations[0]!.slug;
    const reads: [string, { p50: number; p95: number }][] = [
      ["events list, first page", await timed(RUNS, () => get("/api/v1/events?limit=50"))],
      [
        `events list, one integration, failed`,
        await timed(RUNS, () => get(`/api/v1/events?integration=${slug}&status=failed`)),
      ],
      ["exception queue, first page", await timed(RUNS, () => get("/api/v1/exceptions"))],
      ["an event's page", await timed(RUNS, (i) => get(`/api/v1/events/${sample[i % sample.length]}`))],
    ];
    await stopProcess(web);
    web = null;

    // One day past its lifetime: the oldest day of the 30.
    const oldestDay = async () =>
      Number(
        (
          await pool.query(`SELECT count(*) AS n FROM "Event" WHERE "receivedAt" < $1`, [
            new Date(seeded.now.getTime() - 29 * DAY),
          ])
        ).rows[0].n,
      );
    const dayEvents = await oldestDay();
    const expireAll = async () => {
      const t0 = performance.now();
      let passes = 0;
      let changed = 0;
      for (;;) {
        const pass = await expireRetention(ctx);
        passes++;
        changed += pass.payloads + pass.records;
        if (pass.payloads + pass.records === 0) break;
      }
      return { seconds: (performance.now() - t0) / 1000, passes, changed };
    };
    const policy = (payloadDays: number | null, recordDays: number | null) =>
      setRetention({ ctx, input: { defaults: { payloadDays, recordDays, auditDays: null }, integrations: {} } });
    await policy(29, null);
    const payloads = await expireAll();
    await policy(29, 29);
    const records = await expireAll();
    await store.close();

    // Every payload expired (the pass's own statements, over the whole store at once), then the space given back.
    await pool.query(
      `UPDATE "Event" SET "payload" = '{"expired":true}', "deliveryPayload" = NULL, "payloadExpiredAt" = now() WHERE "payloadExpiredAt" IS NULL`,
    );
    await pool.query(
      `UPDATE "StageRun" SET "detail" = "detail" #- '{response,body}' #- '{response,headers}' WHERE "detail" ? 'response'`,
    );
    await pool.query(`UPDATE "DuplicateArrival" SET "payload" = NULL`);
    await pool.query(`VACUUM FULL ANALYZE`);
    const thin = await bytesPerEvent(pool);

    const perTable = (b: Record<string, number>) =>
      TABLES.filter((t) => (b[t] ?? 0) >= 1)
        .map((t) => `${t} ${fmt(b[t]!)}`)
        .join(", ");
    console.log(
      `\nThe store at ${full.events.toLocaleString("en")} events (${seeded.counts.stageRuns.toLocaleString("en")} delivery attempts)`,
    );
    console.log(
      `  record ${fmt(Number(payload.p))} B, delivered body ${fmt(Number(payload.d))} B on average (TOAST-compressed size)`,
    );
    console.log(`  bytes per event with payloads: ${fmt(full.perEvent)} (${perTable(full.by)})`);
    console.log(`  bytes per event after payload expiry: ${fmt(thin.perEvent)} (${perTable(thin.by)})`);
    console.log(["read over HTTP", "p50 ms", "p95 ms"].join(" | "));
    for (const [label, t] of reads) console.log(`${label} | ${fmt(t.p50, 1)} | ${fmt(t.p95, 1)}`);
    console.log(
      `  one day (${dayEvents.toLocaleString("en")} events): payloads expired in ${fmt(payloads.seconds, 1)} s (${payloads.passes} passes), records removed in ${fmt(records.seconds, 1)} s (${records.passes} passes), by batched statements`,
    );
    const worst = reads.reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a));
    out.push(`  size: bytes per event with payloads        = ${fmt(full.perEvent)}`);
    out.push(`  size: bytes per event after payload expiry = ${fmt(thin.perEvent)}   (target ≤ 2,048)`);
    out.push(
      `  size: slowest read p95 (${worst[0]}) = ${fmt(worst[1].p95, 1)} ms at ${(full.events / 1e6).toFixed(1)}M events   (target ≤ 60 ms)`,
    );
    out.push(
      `  size: expiring one day, payloads / records = ${fmt(payloads.seconds, 1)} s / ${fmt(records.seconds, 1)} s   (target ≤ 1 s)`,
    );
    return out;
  } finally {
    if (web) await stopProcess(web);
    await pool.end();
    await dropDatabase(server, name).catch(() => {});
  }
}
