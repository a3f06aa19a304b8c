// Retention by day on PostgreSQL: a day whose records have all expired is removed by dropping its partitions (events,
// stages, duplicate arrivals, replays; lib/db/partitions.ts) — milliseconds, where deleting a busy day's rows took
// minutes. Events that must stay (legal hold, unfinished, an open exception) are first moved to the default
// partition with their rows and keys. SQLite has no partitions: there, and for whatever a dropped day could not
// take, the batched deletes of retention.ts remain.
import type { RetentionRepo, StoredDay } from "@/lib/core/ports";
import type { DbTx } from "../client";
import type { Provider } from "../database-url";
import { forgetKeysSql } from "../event-keys";
import { dayOfPartition, ensureDayPartitions, PARTITIONED, partitionName } from "../partitions";

type DayMethods = Pick<
  RetentionRepo,
  "prepareDays" | "storedDays" | "integrationsOfDay" | "countDay" | "removableInDay" | "releaseEvents" | "dropDay"
> & { forgetKeys(eventIds: string[]): Promise<void> };

const FINISHED_SQL = `('succeeded','failed','rejected','stale','overridden','discarded')`;
/** Of an event row `e`: what keeps it when its day goes — per row (for a few rows at a time) or, for a whole day, with
 * the day's open exceptions read once (`openOfDay`: a subquery of their event ids). */
const MUST_STAY = (e: string, openOfDay?: string) =>
  `(${e}."legalHold" OR ${e}."status" NOT IN ${FINISHED_SQL} OR ${
    openOfDay
      ? `${e}."id" IN (${openOfDay})`
      : `EXISTS (SELECT 1 FROM "Exception" x WHERE x."eventId" = ${e}."id" AND x."status" = 'open')`
  })`;

/** Ids and day names go into statement text (DDL takes no parameters): only ever base-36 text. */
function safe(day: StoredDay): StoredDay {
  if (![day.name, day.from, day.to].every((v) => /^[0-9a-z]+$/.test(v))) throw new Error(`not a day: ${day.name}`);
  return day;
}
const inDay = (day: StoredDay, column: string) => `"${column}" >= '${day.from}' AND "${column}" < '${day.to}'`;

export function retentionDays(db: DbTx, provider: Provider): DayMethods {
  const exists = async (day: StoredDay) =>
    (
      await db.$queryRawUnsafe<{ t: string | null }[]>(
        `SELECT to_regclass($1)::text AS t`,
        `"${partitionName("Event", safe(day))}"`,
      )
    )[0]?.t != null;
  const forgetKeys = async (eventIds: string[]) => {
    if (provider !== "postgresql" || !eventIds.length) return;
    await db.$executeRawUnsafe(
      forgetKeysSql(`SELECT "id","integrationId","idempotencyKey" FROM "Event" WHERE "id" = ANY($1::text[])`),
      eventIds,
    );
  };
  return {
    prepareDays: async (from) =>
      provider === "postgresql" ? ensureDayPartitions((sql) => db.$executeRawUnsafe(sql), from) : [],
    async storedDays(before) {
      if (provider !== "postgresql") return [];
      const rows = await db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = '"Event"'::regclass`,
      );
      return rows
        .map((r) => dayOfPartition(r.name))
        .filter((d): d is StoredDay => d !== null && d.start.getTime() + 86_400_000 <= before.getTime())
        .sort((a, b) => a.start.getTime() - b.start.getTime());
    },
    async integrationsOfDay(day) {
      if (!(await exists(day))) return null;
      const out: string[] = [];
      for (const { id } of await db.integration.findMany({ select: { id: true } })) {
        // Through the parent (pruned to the day): a day dropped meanwhile by another worker reads as empty.
        const [hit] = await db.$queryRawUnsafe<unknown[]>(
          `SELECT 1 FROM "Event" WHERE ${inDay(safe(day), "id")} AND "integrationId" = $1 LIMIT 1`,
          id,
        );
        if (hit) out.push(id);
      }
      return out;
    },
    async removableInDay(day, integrationId, afterId, limit) {
      const rows = await db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT e."id" FROM "Event" e WHERE ${inDay(safe(day), "id")} AND e."id" > $2 AND e."integrationId" = $1
           AND NOT ${MUST_STAY("e")} ORDER BY e."id" LIMIT ${Math.floor(limit)}`,
        integrationId,
        afterId,
      );
      return rows.map((r) => r.id);
    },
    async countDay(day) {
      const rows = await db.$queryRawUnsafe<{ integrationId: string; n: bigint }[]>(
        `SELECT "integrationId", count(*) AS n FROM "Event" WHERE ${inDay(safe(day), "id")} GROUP BY 1`,
      );
      return Object.fromEntries(rows.map((r) => [r.integrationId, Number(r.n)]));
    },
    async releaseEvents(eventIds) {
      if (!eventIds.length) return;
      await forgetKeys(eventIds);
      await db.exception.deleteMany({ where: { eventId: { in: eventIds }, status: { not: "open" } } });
    },
    forgetKeys,
    async dropDay(day) {
      safe(day);
      const run = (sql: string) => db.$executeRawUnsafe(sql);
      const [lock] = await db.$queryRawUnsafe<{ ok: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext('signalbox:retention-days')) AS ok`,
      );
      if (!lock?.ok || !(await exists(day))) return null;
      // Waiting long for the tables would hold up ingest behind this: give up, the next pass tries again. The
      // partitioned tables are locked up front, in the order writers take them, so that no writer deadlocks with this.
      await run(`SET LOCAL lock_timeout = '5s'`);
      await run(`LOCK TABLE ${PARTITIONED.map(([t]) => `"${t}"`).join(", ")} IN ACCESS EXCLUSIVE MODE`);
      // Only what must stay is read under the lock (one pass over the day; its open exceptions read once): the
      // counting and the release of keys and closed exceptions were done before, outside it.
      const open = `SELECT x."eventId" FROM "Exception" x WHERE x."status" = 'open' AND ${inDay(day, "eventId")}`;
      await run(
        `CREATE TEMP TABLE "sbx_keep_Event" ON COMMIT DROP AS SELECT * FROM "Event" e WHERE ${inDay(day, "id")} AND ${MUST_STAY("e", open)}`,
      );
      for (const [table, key] of PARTITIONED.slice(1))
        await run(
          `CREATE TEMP TABLE "sbx_keep_${table}" ON COMMIT DROP AS SELECT * FROM "${table}"
            WHERE ${inDay(day, key)} AND "${key}" IN (SELECT "id" FROM "sbx_keep_Event")`,
        );
      const kept = await db.$queryRawUnsafe<{ integrationId: string; n: bigint }[]>(
        `SELECT "integrationId", count(*) AS n FROM "sbx_keep_Event" GROUP BY 1`,
      );
      // Exceptions of events that turned removable since their release (the others are gone or open, and kept).
      await run(
        `DELETE FROM "Exception" WHERE ${inDay(day, "eventId")} AND "eventId" NOT IN (SELECT "id" FROM "sbx_keep_Event")`,
      );
      for (const [table] of [...PARTITIONED].reverse())
        await run(`DROP TABLE IF EXISTS "${partitionName(table, day)}"`);
      for (const [table] of PARTITIONED) await run(`INSERT INTO "${table}" SELECT * FROM "sbx_keep_${table}"`);
      await run(
        `INSERT INTO "EventKey" ("integrationId","idempotencyKey","eventId")
         SELECT "integrationId","idempotencyKey","id" FROM "sbx_keep_Event" ON CONFLICT DO NOTHING`,
      );
      return { kept: Object.fromEntries(kept.map((r) => [r.integrationId, Number(r.n)])) };
    },
  };
}
