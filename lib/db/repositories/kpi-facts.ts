// The rollup's raw facts, set-based: many (integration, span) pairs — hours, or
// the minutes of the current and previous hour — answered by one statement per
// table (the pairs as a VALUES list joined to the raw rows through their
// indexes), and rows written back in one upsert. Same definitions as one span
// at a time; the worker catches up on a month of history in seconds instead of
// one round of queries per hour.
import type { RawHour, StoredHour } from "@/lib/core/ports";
import type { DbTx } from "../client";
import type { Provider } from "../database-url";
import { minuteOf, rawExecute, rawQuery } from "../raw";

const COUNTED = `('relay','tracked')`;

/** An integration and the start of a span (an hour or a minute). */
export interface Pair {
  integrationId: string;
  start: Date;
}
type Num = number | bigint | null;
type Time = Date | string | number;
const n = (v: Num | undefined) => Number(v ?? 0);
const time = (v: Time) => (v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(v));

function sql(provider: Provider, spanMs = 0) {
  const pg = provider === "postgresql";
  const cast = (p: string, type: string) => (pg ? `CAST(${p} AS ${type})` : p);
  /** `name(k, [i,] s, e)`: row index, [integration,] span start and end. */
  const values = (name: string, rows: { i?: string; s: Date }[], params: unknown[]) =>
    `${name}(k, ${rows[0]?.i === undefined ? "" : "i, "}s, e) AS (VALUES ${rows
      .map((r, k) => {
        const cols = [String(k)];
        if (r.i !== undefined) cols.push(`$${params.push(r.i)}`);
        cols.push(
          cast(`$${params.push(r.s)}`, "TIMESTAMP(3)"),
          cast(`$${params.push(new Date(r.s.getTime() + spanMs))}`, "TIMESTAMP(3)"),
        );
        return `(${cols.join(", ")})`;
      })
      .join(", ")})`;
  /** milliseconds between two timestamp columns: exact in SQL on PostgreSQL; SQLite hands both times to JS */
  const between = (from: string, to: string) =>
    pg ? `CAST(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000 AS DOUBLE PRECISION) AS ms` : `${from} AS a, ${to} AS b`;
  return { cast, values, between };
}

/** Steps run one after another: a background pass takes one connection (one core of the store), not five. */
async function inTurn<T extends readonly (() => Promise<unknown>)[]>(
  steps: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const step of steps) out.push(await step());
  return out as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/** The raw facts of each pair's span (`spanMs` long), in order. */
export async function rawFacts(
  db: DbTx,
  provider: Provider,
  asked: Pair[],
  spanMs: number,
  manualActions: readonly string[],
): Promise<RawHour[]> {
  if (asked.length === 0) return [];
  const { values, between } = sql(provider, spanMs);
  const unique = new Map(asked.map((x) => [`${x.integrationId}|${x.start.getTime()}`, x]));
  const pairs = [...unique.values()];
  const starts = [...new Set(pairs.map((p) => p.start.getTime()))];
  const startIndex = new Map(starts.map((h, k) => [h, k]));
  const pairIndex = new Map(pairs.map((p, k) => [`${p.integrationId}|${startIndex.get(p.start.getTime())}`, k]));
  const pp: unknown[] = [];
  const p = values(
    "p",
    pairs.map((x) => ({ i: x.integrationId, s: x.start })),
    pp,
  );
  const hp: unknown[] = [];
  const h = values(
    "h",
    starts.map((s) => ({ s: new Date(s) })),
    hp,
  );
  const integrations = [...new Set(pairs.map((x) => x.integrationId))];
  const inList = (params: unknown[], items: readonly string[]) =>
    items.map((item) => `$${params.push(item)}`).join(", ");
  const attemptsParams = [...hp];
  const attemptsIn = inList(attemptsParams, integrations);
  const manualParams = [...hp];
  const actionsIn = inList(manualParams, manualActions.length ? manualActions : [""]);
  const ms = (r: { ms?: Num; a?: Time; b?: Time }) => (r.ms !== undefined ? n(r.ms) : time(r.b!) - time(r.a!));

  const [counts, lags, recoveries, attempts, manual] = await inTurn([
    () =>
      rawQuery<
        Record<
          | "k"
          | "received"
          | "succeeded"
          | "failed"
          | "firstFailed"
          | "exceptionEvents"
          | "autoRecovered"
          | "duplicates",
          Num
        >
      >(
        db,
        provider,
        `WITH ${p}
       SELECT p.k AS k, COUNT(ev."id") AS received,
         SUM(CASE WHEN ev."status" = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
         SUM(CASE WHEN ev."status" = 'failed' THEN 1 ELSE 0 END) AS failed,
         SUM(CASE WHEN ev."firstFailedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "firstFailed",
         SUM(CASE WHEN EXISTS (SELECT 1 FROM "Exception" x WHERE x."eventId" = ev."id") THEN 1 ELSE 0 END) AS "exceptionEvents",
         SUM(CASE WHEN ev."status" = 'succeeded' AND ev."firstFailedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Exception" x WHERE x."eventId" = ev."id") THEN 1 ELSE 0 END) AS "autoRecovered",
         (SELECT COUNT(*) FROM "DuplicateArrival" d WHERE d."integrationId" = p.i AND d."kind" = 'duplicate' AND d."receivedAt" >= p.s AND d."receivedAt" < p.e) AS duplicates
       FROM p LEFT JOIN "Event" ev ON ev."integrationId" = p.i AND ev."receivedAt" >= p.s AND ev."receivedAt" < p.e AND ev."source" IN ${COUNTED}
       GROUP BY p.k, p.i, p.s, p.e`,
        pp,
      ),
    () =>
      rawQuery<{ k: Num; ms?: Num; a?: Time; b?: Time }>(
        db,
        provider,
        `WITH ${p} SELECT p.k AS k, ${between(`ev."receivedAt"`, `ev."completedAt"`)}
       FROM p JOIN "Event" ev ON ev."integrationId" = p.i AND ev."receivedAt" >= p.s AND ev."receivedAt" < p.e AND ev."source" IN ${COUNTED} AND ev."completedAt" IS NOT NULL`,
        pp,
      ),
    () =>
      rawQuery<{ k: Num; ms?: Num; a?: Time; b?: Time }>(
        db,
        provider,
        `WITH ${p} SELECT p.k AS k, ${between(`x."openedAt"`, `x."resolvedAt"`)}
       FROM p JOIN "Exception" x ON x."integrationId" = p.i AND x."status" = 'resolved' AND x."resolvedAt" >= p.s AND x."resolvedAt" < p.e`,
        pp,
      ),
    () =>
      rawQuery<{ k: Num; i: string; d: Num; c: Num }>(
        db,
        provider,
        `WITH ${h} SELECT h.k AS k, ev."integrationId" AS i, s."durationMs" AS d, COUNT(*) AS c
       FROM h JOIN "StageRun" s ON s."stage" IN ('delivered', 'replay_requested') AND s."startedAt" >= h.s AND s."startedAt" < h.e
       JOIN "Event" ev ON ev."id" = s."eventId"
       WHERE ev."integrationId" IN (${attemptsIn})
       GROUP BY h.k, ev."integrationId", s."durationMs"`,
        attemptsParams,
      ),
    // Whose action: the integration itself, or the integration of the exception / event acted on.
    () =>
      rawQuery<{ k: Num; i: string | null; action: string; c: Num }>(
        db,
        provider,
        `WITH ${h} SELECT k, i, action, COUNT(*) AS c FROM (
         SELECT h.k AS k, a."action" AS action, COALESCE(CASE WHEN a."objectType" = 'integration' THEN a."objectId" END, x."integrationId", ev."integrationId") AS i
         FROM h JOIN "AuditEntry" a ON a."at" >= h.s AND a."at" < h.e
         LEFT JOIN "Exception" x ON a."objectType" = 'exception' AND x."id" = a."objectId"
         LEFT JOIN "Event" ev ON a."objectType" = 'event' AND ev."id" = a."objectId"
         WHERE a."actorId" IS NOT NULL AND a."action" IN (${actionsIn})
       ) m GROUP BY k, i, action`,
        manualParams,
      ),
  ] as const);

  const out: RawHour[] = pairs.map(() => ({
    received: 0,
    exceptionEvents: 0,
    duplicates: 0,
    firstFailed: 0,
    autoRecovered: 0,
    succeeded: 0,
    failed: 0,
    lagsMs: [],
    recoveriesMs: [],
    manual: {},
    attemptDurationsMs: [],
  }));
  for (const c of counts) {
    const o = out[n(c.k)]!;
    Object.assign(o, {
      received: n(c.received),
      succeeded: n(c.succeeded),
      failed: n(c.failed),
      firstFailed: n(c.firstFailed),
      exceptionEvents: n(c.exceptionEvents),
      autoRecovered: n(c.autoRecovered),
      duplicates: n(c.duplicates),
    });
  }
  for (const r of lags) out[n(r.k)]!.lagsMs.push(ms(r));
  for (const r of recoveries) out[n(r.k)]!.recoveriesMs.push(ms(r));
  for (const r of attempts) {
    const k = pairIndex.get(`${r.i}|${n(r.k)}`);
    if (k !== undefined) for (let c = n(r.c); c > 0; c--) out[k]!.attemptDurationsMs.push(n(r.d));
  }
  for (const r of manual) {
    const k = r.i === null ? undefined : pairIndex.get(`${r.i}|${n(r.k)}`);
    if (k !== undefined) out[k]!.manual[r.action] = (out[k]!.manual[r.action] ?? 0) + n(r.c);
  }
  const at = new Map([...unique.keys()].map((key, k) => [key, out[k]!]));
  return asked.map((x) => at.get(`${x.integrationId}|${x.start.getTime()}`)!);
}

/** (integration, minute) pairs touched by anything written in [since, until): one statement. */
export async function dirtyMinutes(db: DbTx, provider: Provider, since: Date, until: Date): Promise<Pair[]> {
  const minute = (column: string) => minuteOf(provider, column);
  const rows = await rawQuery<{ integrationId: string | null; h: string }>(
    db,
    provider,
    `SELECT DISTINCT "integrationId", ${minute(`"receivedAt"`)} AS h FROM "Event" WHERE "updatedAt" >= $1 AND "updatedAt" < $2
     UNION SELECT DISTINCT "integrationId", ${minute(`"updatedAt"`)} AS h FROM "Event" WHERE "updatedAt" >= $1 AND "updatedAt" < $2
     UNION SELECT DISTINCT "integrationId", ${minute(`"receivedAt"`)} AS h FROM "DuplicateArrival" WHERE "receivedAt" >= $1 AND "receivedAt" < $2
     UNION SELECT DISTINCT "integrationId", ${minute(`"resolvedAt"`)} AS h FROM "Exception" WHERE "resolvedAt" >= $1 AND "resolvedAt" < $2
     UNION SELECT DISTINCT x."integrationId", ${minute(`e."receivedAt"`)} AS h FROM "Exception" x JOIN "Event" e ON e."id" = x."eventId" WHERE x."openedAt" >= $1 AND x."openedAt" < $2
     UNION SELECT DISTINCT COALESCE(CASE WHEN a."objectType" = 'integration' THEN a."objectId" END, x."integrationId", ev."integrationId") AS "integrationId", ${minute(`a."at"`)} AS h
       FROM "AuditEntry" a
       LEFT JOIN "Exception" x ON a."objectType" = 'exception' AND x."id" = a."objectId"
       LEFT JOIN "Event" ev ON a."objectType" = 'event' AND ev."id" = a."objectId"
       WHERE a."at" >= $1 AND a."at" < $2 AND a."actorId" IS NOT NULL`,
    [since, until],
  );
  return rows
    .filter((r): r is { integrationId: string; h: string } => r.integrationId !== null)
    .map((r) => ({ integrationId: r.integrationId, start: new Date(r.h) }));
}

type Column = [keyof StoredHour | "updatedAt", string];
const COUNTS: Column[] = [
  ["integrationId", "TEXT"],
  ["hour", "TIMESTAMP(3)"],
  ["received", "INTEGER"],
  ["exceptionEvents", "INTEGER"],
  ["duplicates", "INTEGER"],
  ["firstFailed", "INTEGER"],
  ["autoRecovered", "INTEGER"],
  ["succeeded", "INTEGER"],
  ["failed", "INTEGER"],
  ["completed", "INTEGER"],
  ["lagHist", "JSONB"],
  ["recoveries", "INTEGER"],
  ["recoveryHist", "JSONB"],
  ["manual", "JSONB"],
  ["attempts", "INTEGER"],
  ["attemptBuckets", "JSONB"],
  ["attemptSumMs", "DOUBLE PRECISION"],
  ["updatedAt", "TIMESTAMP(3)"],
];
const BACKLOG: Column[] = [
  ["openExceptions", "INTEGER"],
  ["pendingDeliveries", "INTEGER"],
  ["oldestPendingMs", "DOUBLE PRECISION"],
];

/** Each rollup table's key column (rows carry their span's start as `hour`). */
export const ROLLUP_KEY = { KpiSlice: "minute", KpiHour: "hour", KpiDay: "day" } as const;
export type RollupTable = keyof typeof ROLLUP_KEY;

/**
 * Upsert rollup rows in one statement: minutes' or hours' counts (an hour's backlog snapshot stays as it is), or
 * whole days with their backlog.
 */
export async function writeRollups(
  db: DbTx,
  provider: Provider,
  table: RollupTable,
  rows: (Omit<StoredHour, "openExceptions" | "pendingDeliveries" | "oldestPendingMs"> & Partial<StoredHour>)[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const { cast } = sql(provider);
  const columns = table === "KpiDay" ? [...COUNTS, ...BACKLOG] : COUNTS;
  const name = (c: string) => (c === "hour" ? ROLLUP_KEY[table] : c);
  const params: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${columns
        .map(([column, type]) => {
          const value = column === "updatedAt" ? now : row[column];
          return cast(
            `$${params.push(type === "JSONB" ? (value === null || value === undefined ? null : JSON.stringify(value)) : value)}`,
            type,
          );
        })
        .join(", ")})`,
  );
  // An hour row's updatedAt is when it was created or its backlog snapshot taken (writeBacklog): recomputing its
  // counts later leaves it, so a row written within its own hour is known to hold a snapshot (kpis/backlog.ts).
  const set = columns
    .slice(2)
    .filter(([c]) => table !== "KpiHour" || c !== "updatedAt")
    .map(([c]) => `"${c}" = excluded."${c}"`);
  await rawExecute(
    db,
    provider,
    `INSERT INTO "${table}" (${columns.map(([c]) => `"${name(c)}"`).join(", ")}) VALUES ${tuples.join(", ")}
     ON CONFLICT ("integrationId", "${name("hour")}") DO UPDATE SET ${set.join(", ")}`,
    params,
  );
}
