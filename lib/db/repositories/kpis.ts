// KPI rollups: which minutes changed, the raw facts of a span (minute or hour),
// and the stored rows (minutes of the hot hours, hours, days) the dashboard reads.
import type { KpiRepo, StoredHour } from "@/lib/core/ports";
import type { DbTx } from "../client";
import type { Provider } from "../database-url";
import { rawQuery } from "../raw";
import { dirtyMinutes, rawFacts, ROLLUP_KEY, writeRollups, type RollupTable } from "./kpi-facts";

const COUNTED = ["relay", "tracked"];
const STATE_ID = "kpi-rollup";

const NUMBERS = [
  "received",
  "exceptionEvents",
  "duplicates",
  "firstFailed",
  "autoRecovered",
  "succeeded",
  "failed",
  "completed",
  "recoveries",
  "attempts",
  "attemptSumMs",
] as const;
const BACKLOG = ["openExceptions", "pendingDeliveries", "oldestPendingMs"] as const;
const JSONS = ["lagHist", "recoveryHist", "manual", "attemptBuckets"] as const;
/** JSON comes back parsed from PostgreSQL and as text from SQLite; times as Date or ISO text. */
const parsed = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === "string" ? (JSON.parse(v) as unknown) : v;
const toStored = (r: Record<string, unknown>): StoredHour => {
  const row: Record<string, unknown> = {
    integrationId: r.integrationId,
    hour: r.at instanceof Date ? r.at : new Date(r.at as string),
  };
  for (const c of [...NUMBERS, ...BACKLOG]) row[c] = Number(r[c] ?? 0);
  for (const c of JSONS) row[c] = parsed(r[c]);
  return row as unknown as StoredHour;
};

/** Plain reads on the driver (node-postgres), when the store offers them. */
export type Reader = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/** Stored rollup rows in [from, to), oldest first, in plain SQL: the dashboard's read (a third of the model query's time). */
async function stored(
  db: DbTx,
  provider: Provider,
  reader: Reader | undefined,
  table: RollupTable,
  f: { integrationIds?: string[]; from: Date; to: Date },
): Promise<StoredHour[]> {
  if (f.integrationIds?.length === 0) return [];
  const key = ROLLUP_KEY[table];
  // On the driver, times go in as UTC text (Prisma keeps UTC in timestamp(3)).
  const time = (n: number) => (reader ? `($${n}::timestamptz AT TIME ZONE 'UTC')` : `$${n}`);
  const params: unknown[] = reader ? [f.from.toISOString(), f.to.toISOString()] : [f.from, f.to];
  const only = f.integrationIds
    ? ` AND "integrationId" IN (${f.integrationIds.map((id) => `$${params.push(id)}`).join(", ")})`
    : "";
  // Minutes hold no backlog snapshot (read as 0).
  const columns = ["integrationId", ...NUMBERS, ...(table === "KpiSlice" ? [] : BACKLOG), ...JSONS]
    .map((c) => `"${c}"`)
    .join(", ");
  const sql = `SELECT ${columns}, "${key}" AS "at" FROM "${table}" WHERE "${key}" >= ${time(1)} AND "${key}" < ${time(2)}${only} ORDER BY "${key}", "integrationId"`;
  const rows = reader ? await reader(sql, params) : await rawQuery<Record<string, unknown>>(db, provider, sql, params);
  return rows.map(toStored);
}

export function kpisRepo(db: DbTx, provider: Provider, reader?: Reader): KpiRepo {
  return {
    async watermark() {
      return (await db.kpiState.findUnique({ where: { id: STATE_ID } }))?.watermark ?? null;
    },
    async setWatermark(at) {
      await db.kpiState.upsert({
        where: { id: STATE_ID },
        create: { id: STATE_ID, watermark: at },
        update: { watermark: at },
      });
    },
    dirtyMinutes: (since, until) => dirtyMinutes(db, provider, since ?? new Date(0), until),
    rawFacts: (pairs, spanMs, manualActions) => rawFacts(db, provider, pairs, spanMs, manualActions),
    writeHours: (rows, now) => writeRollups(db, provider, "KpiHour", rows, now),
    writeMinutes: (rows, now) => writeRollups(db, provider, "KpiSlice", rows, now),
    minutes: (filter) => stored(db, provider, reader, "KpiSlice", filter),
    async dropMinutesBefore(before) {
      await db.kpiSlice.deleteMany({ where: { minute: { lt: before } } });
    },
    async backlog(now) {
      const [open, pending] = await Promise.all([
        db.exception.groupBy({ by: ["integrationId"], where: { status: "open" }, _count: { _all: true } }),
        db.event.groupBy({
          by: ["integrationId"],
          where: { status: { in: ["received", "processing", "retrying"] }, source: { in: COUNTED } },
          _count: { _all: true },
          _min: { receivedAt: true },
        }),
      ]);
      const ids = new Set([...open.map((o) => o.integrationId), ...pending.map((p) => p.integrationId)]);
      return [...ids].map((integrationId) => {
        const p = pending.find((x) => x.integrationId === integrationId);
        return {
          integrationId,
          openExceptions: open.find((x) => x.integrationId === integrationId)?._count._all ?? 0,
          pendingDeliveries: p?._count._all ?? 0,
          oldestPendingMs: p?._min.receivedAt ? Math.max(0, now.getTime() - p._min.receivedAt.getTime()) : 0,
        };
      });
    },
    async writeBacklog(integrationId, hour, backlog, now) {
      await db.kpiHour.upsert({
        where: { integrationId_hour: { integrationId, hour } },
        create: { integrationId, hour, ...backlog, backlogAt: now, updatedAt: now },
        update: { ...backlog, backlogAt: now, updatedAt: now },
      });
    },
    hours: (filter) => stored(db, provider, reader, "KpiHour", filter),
    async backlogRows({ integrationIds, from, to }) {
      if (integrationIds?.length === 0) return [];
      const rows = await db.kpiHour.findMany({
        where: {
          hour: { gte: from, lt: to },
          backlogAt: { not: null },
          ...(integrationIds ? { integrationId: { in: integrationIds } } : {}),
        },
        select: {
          integrationId: true,
          hour: true,
          backlogAt: true,
          openExceptions: true,
          pendingDeliveries: true,
          oldestPendingMs: true,
        },
      });
      return rows.map(({ backlogAt, ...r }) => ({ ...r, takenAt: backlogAt! }));
    },
    days: (filter) => stored(db, provider, reader, "KpiDay", filter),
    writeDays: (rows, now) => writeRollups(db, provider, "KpiDay", rows, now),
  };
}
