// Erasure over Prisma. Payloads become a tombstone; keys become keyed hashes (the secret box's digest, so a
// dictionary of e-mail addresses cannot be run against them without the server secret) that stay unique per
// integration, so a replayed arrival of an erased record is still recognised as a duplicate.
import type { ErasureCandidate, ErasureMatch, ErasureRepo } from "@/lib/core/ports";
import type { SecretBox } from "@/lib/core/security/secret-box";
import type { Provider } from "../database-url";
import { Prisma } from "../../../generated/postgresql/client.ts";
import { renameEventKey } from "../event-keys";
import type { DbTx } from "../client";
import { sqliteTime } from "../ids";
import { ERASED_PAYLOAD, MIN_NEEDLE, redact, scrubText } from "./redact";
import { trimSql } from "./retention";

/** Rows changed per statement outside the erased events (the core repeats until none is left). */
const SCRUB_BATCH = 500;
const FINISHED = new Set(["succeeded", "failed", "rejected", "stale", "overridden", "discarded"]);
type Json = Prisma.InputJsonValue;

/** The text of a JSON string as it appears inside a stored document (quotes and backslashes escaped). */
const inJson = (value: string) => JSON.stringify(value).slice(1, -1);

export function erasureRepo(db: DbTx, provider: Provider, box: SecretBox): ErasureRepo {
  const hash = (scope: string, value: string) => `erased:${box.digest(`${scope}\n${value}`)}`;
  const keyOf = (integrationId: string, key: string) => hash(integrationId, key);
  const orNull = (scope: string, value: string | null) => (value === null ? null : hash(scope, value));
  const contains = (column: string, arg: string) =>
    provider === "postgresql"
      ? `strpos(coalesce(${column}::text, ''), ${arg}) > 0`
      : `instr(coalesce(${column}, ''), ${arg}) > 0`;

  /** Ids of rows of `table` whose `columns` hold the needle (bounded). */
  async function holding(table: string, columns: string[], needle: string): Promise<string[]> {
    const arg = provider === "postgresql" ? "$1" : "?";
    const where = columns.map((c) => contains(`"${c}"`, arg)).join(" OR ");
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id" FROM "${table}" WHERE (${where}) LIMIT ${SCRUB_BATCH}`,
      ...(provider === "postgresql" ? [needle] : columns.map(() => needle)),
    );
    return rows.map((r) => r.id);
  }

  async function redactAudit(where: Prisma.AuditEntryWhereInput, needles: string[], dropPayloads: boolean) {
    const entries = await db.auditEntry.findMany({
      where,
      select: { id: true, before: true, after: true, reason: true },
    });
    for (const e of entries) {
      await db.auditEntry.update({
        where: { id: e.id },
        data: {
          before: e.before === null ? Prisma.DbNull : (redact(e.before, needles, dropPayloads) as Json),
          after: e.after === null ? Prisma.DbNull : (redact(e.after, needles, dropPayloads) as Json),
          reason: e.reason === null ? null : scrubText(e.reason, needles),
        },
      });
    }
    return entries.length;
  }

  return {
    async find(match: ErasureMatch, value: string, integrationIds: string[], asOf: Date, limit: number) {
      if (!integrationIds.length) return [];
      if (match !== "payload_value") {
        const where: Prisma.EventWhereInput =
          match === "entity_key"
            ? { entityKey: value }
            : { OR: [{ idempotencyKey: value }, { correlationId: value }, { targetId: value }] };
        return db.event.findMany({
          where: { ...where, integrationId: { in: integrationIds }, erasedAt: null, receivedAt: { lte: asOf } },
          select: { id: true, integrationId: true, legalHold: true },
          orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
          take: limit,
        });
      }
      const needle = inJson(value);
      const pg = provider === "postgresql";
      const n = pg ? "$1" : "?";
      const ids = integrationIds.map((_, i) => (pg ? `$${i + 3}` : "?")).join(", ");
      const upTo = pg ? "$2::timestamp" : "?";
      const sql = `SELECT e."id", e."integrationId", e."legalHold" FROM "Event" e
        WHERE e."integrationId" IN (${ids}) AND e."erasedAt" IS NULL AND e."receivedAt" <= ${upTo} AND (
          ${contains('e."payload"', n)} OR ${contains('e."deliveryPayload"', n)}
          OR EXISTS (SELECT 1 FROM "EventReplay" r WHERE r."eventId" = e."id"
                      AND (${contains('r."payload"', n)} OR ${contains('r."deliveryPayload"', n)}))
          OR EXISTS (SELECT 1 FROM "DuplicateArrival" a WHERE a."eventId" = e."id" AND ${contains('a."payload"', n)}))
        ORDER BY e."receivedAt", e."id" LIMIT ${Math.floor(limit)}`;
      // SQLite binds in order of appearance: the ids, the instant, then the needle once per use (five).
      const args = pg
        ? [needle, asOf.toISOString(), ...integrationIds]
        : [...integrationIds, sqliteTime(asOf), ...Array<string>(5).fill(needle)];
      const rows = await db.$queryRawUnsafe<(Omit<ErasureCandidate, "legalHold"> & { legalHold: boolean | number })[]>(
        sql,
        ...args,
      );
      return rows.map((r) => ({ id: r.id, integrationId: r.integrationId, legalHold: Boolean(r.legalHold) }));
    },

    async erase(eventIds, needle, at) {
      const events = await db.event.findMany({
        where: { id: { in: eventIds }, legalHold: false, erasedAt: null },
        select: {
          id: true,
          integrationId: true,
          idempotencyKey: true,
          entityKey: true,
          correlationId: true,
          targetId: true,
          status: true,
        },
      });
      if (!events.length) return 0;
      const ids = events.map((e) => e.id);
      const needles = [
        needle,
        ...events.flatMap((e) => [e.idempotencyKey, e.entityKey, e.correlationId, e.targetId]),
      ].filter((n): n is string => typeof n === "string" && n.length >= MIN_NEEDLE);

      for (const e of events) {
        const unfinished = !FINISHED.has(e.status);
        const key = { integrationId: e.integrationId, idempotencyKey: e.idempotencyKey, eventId: e.id };
        await renameEventKey(db, provider, key, keyOf(e.integrationId, e.idempotencyKey));
        await db.event.update({
          where: { id: e.id },
          data: {
            payload: ERASED_PAYLOAD,
            deliveryPayload: Prisma.DbNull,
            idempotencyKey: keyOf(e.integrationId, e.idempotencyKey),
            entityKey: orNull(`${e.integrationId}#entity`, e.entityKey),
            correlationId: hash("correlation", e.correlationId),
            targetId: orNull(`${e.integrationId}#target`, e.targetId),
            erasedAt: at,
            payloadExpiredAt: at,
            updatedAt: at,
            ...(unfinished ? { status: "discarded", outcome: "discarded", completedAt: at } : {}),
          },
        });
        // The version guard's entry, when it points at an erased event (a later record of the entity keeps it).
        const guard =
          e.entityKey === null
            ? null
            : await db.entityVersion.findUnique({
                where: { integrationId_entityKey: { integrationId: e.integrationId, entityKey: e.entityKey } },
              });
        const guardErased =
          guard !== null &&
          (ids.includes(guard.eventId) ||
            (await db.event.findUnique({ where: { id: guard.eventId }, select: { erasedAt: true } }))?.erasedAt);
        if (e.entityKey !== null && guardErased) {
          const hashed = hash(`${e.integrationId}#entity`, e.entityKey);
          const taken = await db.entityVersion.findUnique({
            where: { integrationId_entityKey: { integrationId: e.integrationId, entityKey: hashed } },
          });
          if (taken)
            await db.entityVersion.deleteMany({ where: { integrationId: e.integrationId, entityKey: e.entityKey } });
          else
            await db.entityVersion.updateMany({
              where: { integrationId: e.integrationId, entityKey: e.entityKey },
              data: { entityKey: hashed },
            });
        }
      }
      await db.queueJob.deleteMany({ where: { eventId: { in: ids } } });
      await db.eventReplay.updateMany({
        where: { eventId: { in: ids } },
        data: { payload: ERASED_PAYLOAD, deliveryPayload: Prisma.DbNull },
      });
      await db.duplicateArrival.updateMany({ where: { eventId: { in: ids } }, data: { payload: Prisma.DbNull } });
      await db.$executeRawUnsafe(trimSql(provider, "StageRun", "error", ids), ...ids);
      await db.$executeRawUnsafe(trimSql(provider, "Exception", "message", ids), ...ids);
      // The journey stays (steps, statuses, times): response bodies go, and the keys and the value wherever written.
      for (const s of await db.stageRun.findMany({
        where: { eventId: { in: ids } },
        select: { id: true, eventId: true, error: true, detail: true },
      })) {
        const error = s.error === null ? null : scrubText(s.error, needles);
        const detail = s.detail === null ? null : redact(s.detail, needles, true);
        if (error !== s.error || JSON.stringify(detail) !== JSON.stringify(s.detail))
          await db.stageRun.updateMany({
            // by its event too: PostgreSQL's stage rows are keyed (eventId, id), partitioned by the event
            where: { eventId: s.eventId, id: s.id },
            data: { error, detail: detail === null ? Prisma.DbNull : (detail as Json) },
          });
      }

      const exceptions = await db.exception.findMany({
        where: { eventId: { in: ids } },
        select: { id: true, status: true, message: true, note: true, resolution: true },
      });
      for (const x of exceptions) {
        await db.exception.update({
          where: { id: x.id },
          data: {
            message: scrubText(x.message, needles),
            note: x.note === null ? null : scrubText(x.note, needles),
            ...(x.status === "open"
              ? { status: "ignored", resolution: "erased", resolvedAt: at, openForEventId: null }
              : { resolution: x.resolution === null ? null : scrubText(x.resolution, needles) }),
          },
        });
      }
      const exceptionIds = exceptions.map((x) => x.id);
      for (const item of await db.bulkJobItem.findMany({
        where: { exceptionId: { in: exceptionIds }, message: { not: null } },
      }))
        await db.bulkJobItem.update({
          where: { jobId_exceptionId: { jobId: item.jobId, exceptionId: item.exceptionId } },
          data: { message: scrubText(item.message!, needles) },
        });
      await redactAudit({ objectId: { in: [...ids, ...exceptionIds] } }, needles, true);

      // Reconciliations compared these records by their keys: the rows keep a hash in place of each.
      for (const e of events) {
        const keys = [e.idempotencyKey, e.entityKey, e.targetId].filter((k): k is string => k !== null);
        const ofIntegration = { reconciliation: { integrationId: e.integrationId } };
        for (const key of keys) {
          const h = hash(`${e.integrationId}#reconciliation`, key);
          await db.reconciliationItem.updateMany({
            where: { ...ofIntegration, externalId: key },
            data: { externalId: h },
          });
          await db.reconciliationItem.updateMany({ where: { ...ofIntegration, otherId: key }, data: { otherId: h } });
          await db.reconciliationFinding.updateMany({
            where: { ...ofIntegration, sourceId: key },
            data: { sourceId: h },
          });
          await db.reconciliationFinding.updateMany({
            where: { ...ofIntegration, targetId: key },
            data: { targetId: h },
          });
        }
      }
      for (const f of await db.reconciliationFinding.findMany({
        where: { eventId: { in: ids } },
        select: { id: true, detail: true },
      }))
        await db.reconciliationFinding.update({ where: { id: f.id }, data: { detail: scrubText(f.detail, needles) } });
      return events.length;
    },

    async scrub(needle) {
      const needles = [needle];
      let changed = 0;
      const audit = await holding("AuditEntry", ["before", "after", "reason"], needle);
      changed += await redactAudit({ id: { in: audit } }, needles, false);
      const drift = await holding("DriftCount", ["example"], needle);
      changed += (await db.driftCount.updateMany({ where: { id: { in: drift } }, data: { example: Prisma.DbNull } }))
        .count;
      for (const id of await holding("QueueJob", ["payload"], needle)) {
        const job = await db.queueJob.findUniqueOrThrow({ where: { id }, select: { payload: true } });
        await db.queueJob.update({ where: { id }, data: { payload: redact(job.payload, needles, false) as Json } });
        changed++;
      }
      for (const id of await holding("Exception", ["message", "note", "resolution"], needle)) {
        const x = await db.exception.findUniqueOrThrow({ where: { id } });
        await db.exception.update({
          where: { id },
          data: {
            message: scrubText(x.message, needles),
            note: x.note === null ? null : scrubText(x.note, needles),
            resolution: x.resolution === null ? null : scrubText(x.resolution, needles),
          },
        });
        changed++;
      }
      for (const id of await holding("Alert", ["message"], needle)) {
        const a = await db.alert.findUniqueOrThrow({ where: { id }, select: { message: true } });
        await db.alert.update({ where: { id }, data: { message: scrubText(a.message, needles) } });
        changed++;
      }
      return changed;
    },

    async erasedKey(integrationId, key) {
      const hashed = keyOf(integrationId, key);
      const found = await db.event.findUnique({
        where: { integrationId_idempotencyKey: { integrationId, idempotencyKey: hashed } },
        select: { id: true },
      });
      return found ? hashed : null;
    },
  };
}
