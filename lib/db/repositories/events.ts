import { foldStages, unfoldStages } from "../stage-fold";
import type { EventRecord, StageRecord } from "@/lib/core/events/types";
import type { EventsRepo } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import type { Provider } from "../database-url";
import { recordEventKeys } from "../event-keys";
import { afterCursor, decodeCursor, pageOf } from "../keyset";
import { json } from "./json";

type Row = Prisma.EventGetPayload<object>;

/**
 * A case-sensitive prefix match an index can serve: the range [q, q with its last character incremented) is a
 * B-tree range scan on both stores (byte order: SQLite's BINARY, PostgreSQL's C / C.UTF-8 collation), and the
 * startsWith (LIKE, wildcards escaped) keeps the answer exact where the range alone is not (SQLite's LIKE ignores case).
 */
function prefix(q: string) {
  const last = [...q].at(-1)!.codePointAt(0)!;
  if (last >= 0x10ffff) return { gte: q, startsWith: q };
  const head = q.slice(0, last > 0xffff ? -2 : -1);
  return { gte: q, lt: head + String.fromCodePoint(last + 1), startsWith: q };
}

export const toEvent = (row: Row): EventRecord => ({ ...row, source: row.source as EventRecord["source"] });

export function eventsRepo(db: DbTx, provider: Provider): EventsRepo {
  return {
    async list(filter, { cursor, limit }) {
      const where: Prisma.EventWhereInput = {
        AND: [
          filter.integrationId ? { integrationId: filter.integrationId } : {},
          filter.status ? { status: filter.status } : {},
          filter.correlationId ? { correlationId: filter.correlationId } : {},
          filter.q ? { OR: [{ idempotencyKey: prefix(filter.q) }, { entityKey: prefix(filter.q) }] } : {},
          filter.from ? { receivedAt: { gte: filter.from } } : {},
          filter.to ? { receivedAt: { lt: filter.to } } : {},
          afterCursor("receivedAt", decodeCursor(cursor)),
        ],
      };
      const rows = await db.event.findMany({
        where,
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        take: limit + 1,
        include: { integration: { select: { slug: true } }, contract: { select: { version: true } } },
      });
      const items = rows.map(({ integration, contract, ...row }) => ({
        ...toEvent(row),
        integrationSlug: integration.slug,
        contractVersion: contract?.version ?? null,
      }));
      return pageOf(items, limit, (e) => e.receivedAt);
    },
    async createMissing({ integrationId, entityKey, payload, correlationId, now }) {
      const row = await db.event.create({
        data: {
          integrationId,
          idempotencyKey: `reconciliation:${entityKey}:${now.getTime()}`,
          fingerprint: "",
          correlationId,
          entityKey,
          payload: json(payload) ?? {},
          status: "failed",
          outcome: "failed",
          source: "reconciliation",
          receivedAt: now,
          completedAt: now,
          updatedAt: now,
        },
      });
      await recordEventKeys(db, provider, [{ integrationId, idempotencyKey: row.idempotencyKey, eventId: row.id }]);
      return toEvent(row);
    },
    findById: async (id) => {
      const row = await db.event.findUnique({ where: { id } });
      return row ? toEvent(row) : null;
    },
    findByKey: async (integrationId, idempotencyKey) => {
      const row = await db.event.findUnique({
        where: { integrationId_idempotencyKey: { integrationId, idempotencyKey } },
      });
      return row ? toEvent(row) : null;
    },
    async transition(id, from, patch, now) {
      const data = {
        ...patch,
        payload: patch.payload === undefined ? undefined : (json(patch.payload) ?? {}),
        deliveryPayload: patch.deliveryPayload === undefined ? undefined : json(patch.deliveryPayload),
        updatedAt: now,
      };
      const { count } = await db.event.updateMany({
        where: { id, ...(from ? { status: { in: [...from] } } : {}) },
        data,
      });
      if (count === 0) return null;
      return toEvent(await db.event.findUniqueOrThrow({ where: { id } }));
    },
    async recordArrival(event, arrival) {
      await db.duplicateArrival.create({
        data: {
          eventId: event.id,
          integrationId: event.integrationId,
          kind: arrival.kind,
          fingerprint: arrival.fingerprint,
          payload: json(arrival.payload),
          receivedAt: arrival.at,
        },
      });
      await db.event.update({
        where: { id: event.id },
        data: arrival.kind === "duplicate" ? { duplicateCount: { increment: 1 } } : { conflictCount: { increment: 1 } },
      });
    },
    async addStages(eventId, stages) {
      if (stages.length === 0) return;
      await db.stageRun.createMany({
        data: foldStages(stages).map((s) => ({
          eventId,
          stage: s.stage,
          attempt: s.attempt ?? 1,
          status: s.status,
          startedAt: s.startedAt,
          endedAt: s.endedAt ?? null,
          durationMs: s.durationMs ?? null,
          errorCategory: s.errorCategory ?? null,
          error: s.error ?? null,
          responseStatus: s.responseStatus ?? null,
          detail: json(s.detail),
        })),
      });
    },
    async finishStage(eventId, stage, attempt, patch) {
      const open = await db.stageRun.findFirst({
        where: { eventId, stage, attempt, status: "started" },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      });
      if (!open) return false;
      const endedAt = patch.endedAt ?? null;
      await db.stageRun.updateMany({
        // by its event too: PostgreSQL's stage rows are keyed (eventId, id), partitioned by the event
        where: { eventId, id: open.id },
        data: {
          status: patch.status,
          endedAt,
          durationMs: endedAt ? Math.max(0, endedAt.getTime() - open.startedAt.getTime()) : null,
          errorCategory: patch.errorCategory ?? null,
          error: patch.error ?? null,
          responseStatus: patch.responseStatus ?? null,
          detail: json(patch.detail),
        },
      });
      return true;
    },
    arrivals: (eventId) =>
      db.duplicateArrival.findMany({
        where: { eventId },
        orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, fingerprint: true, payload: true, receivedAt: true },
        take: 500,
      }),
    replays: (eventId) =>
      db.eventReplay.findMany({
        where: { eventId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, payload: true, deliveryPayload: true, actorId: true, createdAt: true },
      }),
    addReplay: (eventId, r) =>
      db.eventReplay.create({
        data: {
          eventId,
          payload: json(r.payload) ?? {},
          deliveryPayload: json(r.deliveryPayload),
          actorId: r.actorId,
          createdAt: r.at,
        },
        select: { id: true, payload: true, deliveryPayload: true, actorId: true, createdAt: true },
      }),
    newestVersion: (integrationId, entityKey) =>
      db.entityVersion.findUnique({
        where: { integrationId_entityKey: { integrationId, entityKey } },
        select: { version: true, eventId: true },
      }),
    async correlated(correlationId, limit) {
      const rows = await db.event.findMany({
        where: { correlationId },
        orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
        take: limit,
        include: { integration: { select: { slug: true } }, contract: { select: { version: true } } },
      });
      return rows.map(({ integration, contract, ...row }) => ({
        ...toEvent(row),
        integrationSlug: integration.slug,
        contractVersion: contract?.version ?? null,
      }));
    },
    stagesOf: async (eventIds) =>
      unfoldStages(
        (await db.stageRun.findMany({
          where: { eventId: { in: eventIds } },
          orderBy: [{ startedAt: "asc" }, { id: "asc" }],
          take: 2_000,
        })) as StageRecord[],
      ),
    stages: async (eventId) =>
      unfoldStages(
        (await db.stageRun.findMany({
          where: { eventId },
          orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        })) as StageRecord[],
      ),
  };
}
