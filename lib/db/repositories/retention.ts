// Retention over Prisma, with two statements in each store's SQL dialect (trimming the response excerpts inside the
// attempts' JSON). Each call selects at most `limit` events through the (integrationId, receivedAt) index and works
// on those alone, in one transaction.
import type { RetentionRepo } from "@/lib/core/ports";
import { archiveEvents, restoreArchived } from "./archive-rows";
import { retentionDays } from "./retention-days";
import type { Provider } from "../database-url";
import Database from "better-sqlite3";
import { Prisma } from "../../../generated/postgresql/client.ts";
import type { DbTx } from "../client";

const SETTING = "retention";
/** Events retention may touch: finished, not under legal hold, no open exception. */
const FINISHED = ["succeeded", "failed", "rejected", "stale", "overridden", "discarded"] as const;
/** SQLite: pages given back per step, and steps per pass. */
const RECLAIM_PAGES = 1_000;
const RECLAIM_STEPS = 50;
/** Where PostgreSQL has no estimate yet, rows are counted up to this many. */
export const COUNT_CAP = 100_000;
/** What a payload becomes: the event, its stages and outcome stay; the record's content does not. */
export const EXPIRED_PAYLOAD = { expired: true };

function eligible(integrationId: string, before: Date): Prisma.EventWhereInput {
  return {
    integrationId,
    receivedAt: { lt: before },
    legalHold: false,
    status: { in: [...FINISHED] },
    exceptions: { none: { status: "open" } },
  };
}

/** `HTTP 422: <body text>` keeps `HTTP 422`; other texts (a timeout, a refused connection) say nothing of the record. */
export function trimSql(
  provider: Provider,
  table: "StageRun" | "Exception",
  column: "error" | "message",
  ids: string[],
) {
  const p = (i: number) => (provider === "postgresql" ? `$${i + 1}` : "?");
  const list = ids.map((_, i) => p(i)).join(", ");
  const head =
    provider === "postgresql"
      ? `split_part("${column}", ':', 1)`
      : `substr("${column}", 1, instr("${column}", ':') - 1)`;
  return `UPDATE "${table}" SET "${column}" = ${head} WHERE "eventId" IN (${list}) AND "${column}" LIKE 'HTTP %: %'`;
}

/** An attempt keeps its status, URL and times; the target's answer (the start of its body, its headers) goes with the
 * payload, and so do the headers sent (the body they signed is gone; the key and ids they carried are the event's). */
function stripBodiesSql(provider: Provider, ids: string[]) {
  const p = (i: number) => (provider === "postgresql" ? `$${i + 1}` : "?");
  const list = ids.map((_, i) => p(i)).join(", ");
  const stripped =
    provider === "postgresql"
      ? `"detail" #- '{response,body}' #- '{response,headers}' #- '{request,headers}'`
      : `json_remove("detail", '$.response.body', '$.response.headers', '$.request.headers')`;
  return `UPDATE "StageRun" SET "detail" = ${stripped} WHERE "eventId" IN (${list}) AND "detail" IS NOT NULL`;
}

/** expirePayloads, purgeRecords and dropDay write several tables: core calls them inside a transaction. */
export function retentionRepo(db: DbTx, provider: Provider): RetentionRepo {
  const pick = async (integrationId: string, before: Date, limit: number, extra: Prisma.EventWhereInput = {}) =>
    (
      await db.event.findMany({
        where: { ...eligible(integrationId, before), ...extra },
        select: { id: true },
        orderBy: { receivedAt: "asc" },
        take: limit,
      })
    ).map((e) => e.id);

  const days = retentionDays(db, provider);
  return {
    ...days,
    async policy() {
      const row = await db.setting.findUnique({ where: { key: SETTING } });
      return row ? { value: row.value, updatedAt: row.updatedAt } : null;
    },
    async savePolicy(value, at) {
      const v = value as Prisma.InputJsonValue;
      await db.setting.upsert({
        where: { key: SETTING },
        create: { key: SETTING, value: v, updatedAt: at },
        update: { value: v, updatedAt: at },
      });
    },
    due: (kind, integrationId, before, limit) =>
      pick(integrationId, before, limit, kind === "payloads" ? { payloadExpiredAt: null } : {}),
    async archive(eventIds, writer, withPayloadOnly) {
      const ids = withPayloadOnly
        ? (
            await db.event.findMany({
              where: { id: { in: eventIds }, payloadExpiredAt: null },
              select: { id: true },
            })
          ).map((e) => e.id)
        : eventIds;
      await archiveEvents(db, ids, writer);
      return ids.length;
    },
    async expirePayloads(integrationId, eventIds, before, now) {
      const ids = (
        await db.event.findMany({
          where: { id: { in: eventIds }, ...eligible(integrationId, before), payloadExpiredAt: null },
          select: { id: true },
        })
      ).map((e) => e.id);
      if (!ids.length) return 0;
      await db.event.updateMany({
        where: { id: { in: ids } },
        data: { payload: EXPIRED_PAYLOAD, deliveryPayload: Prisma.DbNull, payloadExpiredAt: now },
      });
      await db.eventReplay.updateMany({
        where: { eventId: { in: ids } },
        data: { payload: EXPIRED_PAYLOAD, deliveryPayload: Prisma.DbNull },
      });
      await db.duplicateArrival.updateMany({ where: { eventId: { in: ids } }, data: { payload: Prisma.DbNull } });
      await db.$executeRawUnsafe(stripBodiesSql(provider, ids), ...ids);
      await db.$executeRawUnsafe(trimSql(provider, "StageRun", "error", ids), ...ids);
      await db.$executeRawUnsafe(trimSql(provider, "Exception", "message", ids), ...ids);
      return ids.length;
    },
    async purgeRecords(integrationId, eventIds, before) {
      if (!eventIds.length) return 0;
      const ids = (
        await db.event.findMany({
          where: { id: { in: eventIds }, ...eligible(integrationId, before) },
          select: { id: true },
        })
      ).map((e) => e.id);
      if (!ids.length) return 0;
      // Stages, arrivals, replays, exceptions and the key go with their event (no foreign keys to PostgreSQL's
      // partitioned events: a whole day goes by dropping its partitions, see retention-days.ts).
      await days.forgetKeys(ids);
      const of = { where: { eventId: { in: ids } } };
      await db.stageRun.deleteMany(of);
      await db.duplicateArrival.deleteMany(of);
      await db.eventReplay.deleteMany(of);
      await db.exception.deleteMany(of);
      return (await db.event.deleteMany({ where: { id: { in: ids } } })).count;
    },
    async purgeAudit(before, limit) {
      const ids = (
        await db.auditEntry.findMany({
          where: { at: { lt: before } },
          select: { id: true },
          orderBy: { at: "asc" },
          take: limit,
        })
      ).map((a) => a.id);
      if (!ids.length) return 0;
      return (await db.auditEntry.deleteMany({ where: { id: { in: ids } } })).count;
    },
    async overview() {
      const num = (v: unknown) => Number(v ?? 0);
      let sizeBytes: number;
      let rows: { events: number; stages: number; exceptions: number; audit: number };
      if (provider === "postgresql") {
        const [size] = await db.$queryRawUnsafe<{ b: bigint }[]>(`SELECT pg_database_size(current_database()) AS b`);
        // A partitioned table's estimate is its partitions'; a plain table's its own.
        const stats = await db.$queryRawUnsafe<{ t: string; n: number }[]>(
          `SELECT t, sum(GREATEST(c.reltuples, 0))::float8 AS n
             FROM unnest(ARRAY['Event', 'StageRun', 'Exception', 'AuditEntry']) AS t
             JOIN pg_class c ON c.oid = format('%I', t)::regclass AND c.relkind = 'r'
                 OR c.oid IN (SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = format('%I', t)::regclass)
            GROUP BY t HAVING max(c.reltuples) >= 0`,
        );
        // A table never analysed has no estimate (-1): count it, but only up to a bound.
        const of = async (t: string) => {
          const n = num(stats.find((r) => r.t === t)?.n ?? -1);
          if (n > 0) return Math.round(n);
          const [c] = await db.$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM (SELECT 1 FROM "${t}" LIMIT ${COUNT_CAP}) s`,
          );
          return num(c?.n);
        };
        sizeBytes = num(size?.b);
        rows = {
          events: await of("Event"),
          stages: await of("StageRun"),
          exceptions: await of("Exception"),
          audit: await of("AuditEntry"),
        };
      } else {
        const [pages] = await db.$queryRawUnsafe<{ n: bigint }[]>(`PRAGMA page_count`);
        const [pageSize] = await db.$queryRawUnsafe<{ n: bigint }[]>(`PRAGMA page_size`);
        sizeBytes = num(Object.values(pages ?? {})[0]) * num(Object.values(pageSize ?? {})[0]);
        const top = async (t: string) =>
          num((await db.$queryRawUnsafe<{ n: bigint | null }[]>(`SELECT max(rowid) AS n FROM "${t}"`))[0]?.n);
        rows = {
          events: await top("Event"),
          stages: await top("StageRun"),
          exceptions: await top("Exception"),
          audit: await top("AuditEntry"),
        };
      }
      const integrations = await db.integration.findMany({ select: { id: true } });
      const out = [];
      for (const { id } of integrations) {
        const [oldest, kept] = await Promise.all([
          db.event.findFirst({
            where: { integrationId: id },
            orderBy: { receivedAt: "asc" },
            select: { receivedAt: true },
          }),
          db.event.findFirst({
            where: { integrationId: id, payloadExpiredAt: null },
            orderBy: { receivedAt: "asc" },
            select: { receivedAt: true },
          }),
        ]);
        out.push({
          integrationId: id,
          oldestAt: oldest?.receivedAt ?? null,
          oldestPayloadAt: kept?.receivedAt ?? null,
        });
      }
      return { provider, sizeBytes, rows, integrations: out };
    },
    async reclaim() {
      if (provider !== "sqlite") return 0;
      // On a connection of its own: Prisma's driver steps a PRAGMA once, and incremental_vacuum frees one page per
      // step; exec runs it to the end.
      const [main] = await db.$queryRawUnsafe<{ file: string }[]>(
        `SELECT file FROM pragma_database_list WHERE name = 'main'`,
      );
      if (!main?.file) return 0;
      const sqlite = new Database(main.file, { timeout: 10_000 });
      try {
        if (sqlite.pragma("auto_vacuum", { simple: true }) !== 2) return 0; // not incremental: pages are reused in place
        const pages = () => Number(sqlite.pragma("page_count", { simple: true }));
        const before = pages();
        // A few MB per step: each holds the write lock for milliseconds, so ingest waits no longer than that.
        for (let i = 0; i < RECLAIM_STEPS && Number(sqlite.pragma("freelist_count", { simple: true })) > 0; i++)
          sqlite.exec(`PRAGMA incremental_vacuum(${RECLAIM_PAGES})`);
        return before - pages();
      } finally {
        sqlite.close();
      }
    },
    restore: (archived) => restoreArchived(db, provider, archived),
    async setLegalHold(eventId, hold) {
      const { count } = await db.event.updateMany({ where: { id: eventId }, data: { legalHold: hold } });
      return count > 0;
    },
  };
}
