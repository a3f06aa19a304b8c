import type { EventSource } from "@/lib/core/events/types";
import type { ExceptionRecord } from "@/lib/core/exceptions/types";
import { errorSignature } from "@/lib/core/exceptions/signature";
import type { ExceptionFilter, ExceptionGroup, ExceptionsRepo } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import { afterCursor, decodeCursor, pageOf } from "../keyset";
import { isUniqueViolation } from "../errors";

type Row = Prisma.ExceptionGetPayload<object>;
const toException = ({ openForEventId: _open, ...row }: Row): ExceptionRecord => row;

function whereOf(f: ExceptionFilter): Prisma.ExceptionWhereInput {
  return {
    AND: [
      f.status ? { status: f.status } : {},
      f.assigneeId === null ? { assigneeId: null } : f.assigneeId ? { assigneeId: f.assigneeId } : {},
      f.integrationId ? { integrationId: f.integrationId } : {},
      f.category ? { category: f.category } : {},
      f.pastSlaAt ? { status: "open", dueAt: { lt: f.pastSlaAt } } : {},
      f.group ? { integrationId: f.group.integrationId, category: f.group.category, signature: f.group.signature } : {},
      f.ids ? { id: { in: f.ids } } : {},
    ],
  };
}

export function exceptionsRepo(db: DbTx): ExceptionsRepo {
  const refresh = async (
    eventId: string,
    data: { category: Row["category"]; reason: string; message: string; signature: string },
  ) => toException(await db.exception.update({ where: { openForEventId: eventId }, data }));

  return {
    async list(filter, { cursor, limit }) {
      const rows = await db.exception.findMany({
        where: { AND: [whereOf(filter), afterCursor("openedAt", decodeCursor(cursor))] },
        orderBy: [{ openedAt: "desc" }, { id: "desc" }],
        take: limit + 1,
        include: {
          integration: { select: { slug: true, name: true } },
          assignee: { select: { name: true } },
          event: { select: { entityKey: true, idempotencyKey: true, status: true, attempts: true, source: true } },
        },
      });
      const items = rows.map(({ integration, assignee, event, ...row }) => ({
        ...toException(row),
        integrationSlug: integration.slug,
        integrationName: integration.name,
        assigneeName: assignee?.name ?? null,
        event: { ...event, source: event.source as EventSource },
      }));
      return pageOf(items, limit, (e) => e.openedAt);
    },
    async ids(filter, max) {
      const rows = await db.exception.findMany({
        where: whereOf(filter),
        select: { id: true },
        orderBy: [{ openedAt: "asc" }, { id: "asc" }],
        take: max,
      });
      return rows.map((r) => r.id);
    },
    async groups(filter) {
      const grouped = await db.exception.groupBy({
        by: ["integrationId", "category", "signature"],
        where: whereOf(filter),
        _count: { _all: true },
        _min: { openedAt: true },
        _max: { reason: true, message: true },
      });
      const integrations = await db.integration.findMany({
        where: { id: { in: [...new Set(grouped.map((g) => g.integrationId))] } },
        select: { id: true, slug: true, name: true },
      });
      const byId = new Map(integrations.map((i) => [i.id, i]));
      return grouped
        .map((g): ExceptionGroup => ({
          integrationId: g.integrationId,
          integrationSlug: byId.get(g.integrationId)?.slug ?? "",
          integrationName: byId.get(g.integrationId)?.name ?? "",
          category: g.category,
          signature: g.signature,
          reason: g._max.reason ?? "",
          message: g._max.message ?? "",
          count: g._count._all,
          oldestOpenedAt: g._min.openedAt!,
        }))
        .sort((a, b) => b.count - a.count || a.oldestOpenedAt.getTime() - b.oldestOpenedAt.getTime());
    },
    forEvent: async (eventId) =>
      (await db.exception.findMany({ where: { eventId }, orderBy: [{ openedAt: "asc" }, { id: "asc" }] })).map(
        toException,
      ),
    async assign(id, assigneeId) {
      const { count } = await db.exception.updateMany({ where: { id, status: "open" }, data: { assigneeId } });
      if (count === 0) return null;
      return toException(await db.exception.findUniqueOrThrow({ where: { id } }));
    },
    async close(id, close) {
      const { count } = await db.exception.updateMany({
        where: { id, status: "open" },
        data: {
          status: close.status,
          resolution: close.resolution,
          note: close.note ?? null,
          resolvedAt: close.at,
          openForEventId: null,
        },
      });
      if (count === 0) return null;
      return toException(await db.exception.findUniqueOrThrow({ where: { id } }));
    },
    async overdue(now, limit) {
      const rows = await db.exception.findMany({
        where: { status: "open", escalatedAt: null, dueAt: { lt: now }, integration: { lifecycle: "live" } },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
        take: limit,
        include: {
          integration: {
            select: {
              id: true,
              slug: true,
              name: true,
              lifecycle: true,
              ownerIncidentId: true,
              notificationWebhook: true,
            },
          },
        },
      });
      return rows.map(({ integration, ...row }) => ({
        ...toException(row),
        integration: {
          id: integration.id,
          slug: integration.slug,
          name: integration.name,
          lifecycle: integration.lifecycle,
          incidentOwnerId: integration.ownerIncidentId,
          hasNotificationWebhook: Boolean(integration.notificationWebhook),
        },
      }));
    },
    async escalate(id, toUserId, at) {
      const { count } = await db.exception.updateMany({
        where: { id, status: "open", escalatedAt: null },
        data: { escalatedAt: at, escalatedToId: toUserId },
      });
      return count === 1;
    },
    async open(data) {
      const signature = errorSignature(`${data.reason} ${data.message}`);
      const existing = await db.exception.findUnique({ where: { openForEventId: data.eventId } });
      if (existing)
        return refresh(data.eventId, {
          category: data.category,
          reason: data.reason,
          message: data.message,
          signature,
        });
      try {
        return toException(
          await db.exception.create({ data: { ...data, signature, status: "open", openForEventId: data.eventId } }),
        );
      } catch (error) {
        // Opened by someone else between our read and write: the unique key says so; refresh that one.
        if (isUniqueViolation(error))
          return refresh(data.eventId, {
            category: data.category,
            reason: data.reason,
            message: data.message,
            signature,
          });
        throw error;
      }
    },
    findOpenForEvent: async (eventId) => {
      const row = await db.exception.findUnique({ where: { openForEventId: eventId } });
      return row ? toException(row) : null;
    },
    findById: async (id) => {
      const row = await db.exception.findUnique({ where: { id } });
      return row ? toException(row) : null;
    },
    async closeForEvent(eventId, close) {
      const open = await db.exception.findUnique({ where: { openForEventId: eventId } });
      if (!open) return null;
      const { count } = await db.exception.updateMany({
        where: { id: open.id, openForEventId: eventId },
        data: {
          status: close.status,
          resolution: close.resolution,
          note: close.note ?? null,
          resolvedAt: close.at,
          openForEventId: null,
        },
      });
      return count === 1
        ? toException({
            ...open,
            status: close.status,
            resolution: close.resolution,
            note: close.note ?? null,
            resolvedAt: close.at,
          })
        : null;
    },
  };
}
