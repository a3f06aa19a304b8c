// The store at size (BENCH_ONLY=size npm run bench; issue 13 item 7). Seeds BENCH_SIZE_EVENTS (default 10,000,000)
// events over 30 days into a fresh PostgreSQL database, every row as ingest and delivery write it (ingest stages,
// delivered body, attempts' details), then reports: bytes per stored event (tables and indexes), the events list, the
// exception queue and an event's page p95 over HTTP (`next start`, an operator's token), the time the retention pass
// takes to expire one day's payloads and then that day's records (its keys released, its partitions dropped), and bytes per event once every payload has expired
// (the pass's statements over the whole store, then VACUUM FULL so that the figure is what the store needs, not what
// the files still hold).
import path from "node:path";
import pg from "pg";
import { SYSTEM, type Actor } from "../../lib/core/context";
import { prepareDay } from "../../lib/core/retention/days";
import { expireRetention, setRetention } from "../../lib/core/retention/retention";
import { createSecretBox } from "../../lib/core/security/secret-box";
import { createToken } from "../../lib/core/tokens/tokens";
import { createStore } from "../../lib/db/client";
import { createContext } from "../../lib/db/context";
import { migrateDatabase } from "../../lib/db/migrate";
import { dayOf, partitionName } from "../../lib/db/partitions";
import { buildIfNeeded } from "../lib/build";
import { ROOT } from "../lib/runtime";
import { percentile } from "./load";
import { seedEvents } from "./seed-events";
import { dropDatabase, freshDatabase, startProcess, stopProcess, waitForHttp } from "./setup";

const PORT = 3302;
const RUNS = 40;
const DAY = 86_400_000;
const TABLES = [
  "Event",
  "EventKey",
  "StageRun",
  "Exception",
  "DuplicateArrival",
  "EventReplay",
  "QueueJob",
  "EntityVersion",
];
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");

async function bytesPerEvent(pool: pg.Pool) {
  // A partitioned table's own size is nothing: its partitions hold the rows.
  const { rows } = await pool.query<{ t: string; bytes: string }>(
    `SELECT t, (pg_total_relation_size(format('%I', t)::regclass) + coalesce((SELECT sum(pg_total_relation_size(i.inhrelid))
       FROM pg_inherits i WHERE i.inhparent = format('%I', t)::regclass), 0))::text AS bytes FROM unnest($1::text[]) AS t`,
    [TABLES],
  );
  const events = Number((await pool.query(`SELECT count(*) AS n FROM "Event"`)).rows[0].n);
  const total = rows.reduce((n, r) => n + Number(r.bytes), 0);
  const by = Object.fromEntries(rows.map((r) => [r.t, Number(r.bytes) / events]));
  return { events, perEvent: total / events, by };
}

async function thinned(pool: pg.Pool) {
  await pool.query(
    `UPDATE "Event" SET "payload" = '{"expired":true}', "deliveryPayload" = NULL, "payloadExpiredAt" = now() WHERE "payloadExpiredAt" IS NULL`,
  );
  await pool.query(
    `UPDATE "StageRun" SET "detail" = "detail" #- '{response,body}' #- '{response,headers}' #- '{request,headers}' WHERE "detail" ? 'response'`,
  );
  await pool.query(`UPDATE "DuplicateArrival" SET "payload" = NULL`);
  await pool.query(`VACUUM FULL ANALYZE`);
  return bytesPerEvent(pool);
}

async function seconds<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - t0) / 1000, value };
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
      now: new Date(Math.floor(Date.now() / DAY) * DAY), // midnight: the 30 days are whole days
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

    // One day past its lifetime: the oldest of the 30 (the span ends at midnight, so each day is whole), with the clock
    // at that midnight. Payloads expire by batched statements; the day's records go by dropping its partitions.
    const clocked = createContext(store, SYSTEM, { secretBox: box, now: () => seeded.now });
    const day = dayOf(seeded.now.getTime() - 30 * DAY);
    const dayEvents = Number(
      (await pool.query(`SELECT count(*) AS n FROM "${partitionName("Event", day)}"`)).rows[0].n,
    );
    const policy = (payloadDays: number | null, recordDays: number | null) =>
      setRetention({
        ctx: clocked,
        input: { defaults: { payloadDays, recordDays, auditDays: null }, integrations: {} },
      });
    await policy(29, null);
    const payloads = await seconds(async () => {
      let passes = 0;
      while ((await expireRetention(clocked)).payloads > 0) passes++;
      return passes;
    });
    await policy(29, 29);
    // The pass's two steps timed apart: the day's keys released (batched, while ingest goes on), then the drop.
    const release = await seconds(async () => {
      for (const i of seeded.integrations) await prepareDay(clocked, day, i.id, undefined);
      return 1;
    });
    const drop = await seconds(async () => {
      const dropped = await clocked.transaction((tx) => tx.repos.retention.dropDay(day));
      if (!dropped) throw new Error(`day ${day.name} was not dropped`);
      return 1;
    });
    const after = await expireRetention(clocked);
    if (after.records !== 0) throw new Error(`the dropped day left ${after.records} records to a batched pass`);
    await store.close();

    // Every payload expired (the pass's own statements, over the whole store at once), then the space given back.
    // BENCH_SIZE_THIN=0 skips this (a quarter of an hour at 10M).
    const thin = process.env.BENCH_SIZE_THIN === "0" ? null : await thinned(pool);

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
    if (thin) console.log(`  bytes per event after payload expiry: ${fmt(thin.perEvent)} (${perTable(thin.by)})`);
    console.log(["read over HTTP", "p50 ms", "p95 ms"].join(" | "));
    for (const [label, t] of reads) console.log(`${label} | ${fmt(t.p50, 1)} | ${fmt(t.p95, 1)}`);
    console.log(
      `  one day (${dayEvents.toLocaleString("en")} events): payloads expired in ${fmt(payloads.seconds, 1)} s (${payloads.value} passes of batched statements); records: keys and closed exceptions released in ${fmt(release.seconds, 1)} s (batched), then the day's partitions dropped in ${fmt(drop.seconds * 1000)} ms`,
    );
    const worst = reads.reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a));
    out.push(`  size: bytes per event with payloads        = ${fmt(full.perEvent)}`);
    if (thin) out.push(`  size: bytes per event after payload expiry = ${fmt(thin.perEvent)}   (target ≤ 2,048)`);
    out.push(
      `  size: slowest read p95 (${worst[0]}) = ${fmt(worst[1].p95, 1)} ms at ${(full.events / 1e6).toFixed(1)}M events   (target ≤ 60 ms)`,
    );
    out.push(
      `  size: expiring one day's records: partitions dropped in ${fmt(drop.seconds, 2)} s (target ≤ 1 s), after its keys were released in ${fmt(release.seconds, 1)} s; its payloads: ${fmt(payloads.seconds, 1)} s`,
    );
    return out;
  } finally {
    if (web) await stopProcess(web);
    await pool.end();
    await dropDatabase(server, name).catch(() => {});
  }
}
