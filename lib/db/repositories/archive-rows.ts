// Archived events: read whole for the archive (a chunk at a time) and put back by `npm run archive:restore`.
import type { ArchivedEvent, ArchiveWriter } from "@/lib/core/ports";
import { Prisma } from "../../../generated/postgresql/client.ts";
import type { DbTx } from "../client";
import type { Provider } from "../database-url";
import { recordEventKeys } from "../event-keys";

/** Events per archive write: what is held in memory at once. */
const ARCHIVE_CHUNK = 50;

/** Dates as ISO text, everything else as stored. */
const plain = (row: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

/** The events whole, a chunk at a time, handed to the archive in order. */
export async function archiveEvents(db: DbTx, ids: string[], archive: ArchiveWriter) {
  for (let at = 0; at < ids.length; at += ARCHIVE_CHUNK) {
    const rows = await db.event.findMany({
      where: { id: { in: ids.slice(at, at + ARCHIVE_CHUNK) } },
      include: { stages: true, arrivals: true, replays: true, exceptions: true },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    });
    const events: ArchivedEvent[] = rows.map(({ stages, arrivals, replays, exceptions, ...event }) => ({
      event: plain(event),
      stages: stages.map(plain),
      arrivals: arrivals.map(plain),
      replays: replays.map(plain),
      exceptions: exceptions.map(plain),
    }));
    await archive(events);
  }
}

/** One archived event back in the store, under legal hold; skipped when still there, its integration is gone, or a
 * newer event holds its key. */
export async function restoreArchived(
  db: DbTx,
  provider: Provider,
  { event, stages, arrivals, replays, exceptions }: ArchivedEvent,
): Promise<"restored" | "present" | "no_integration" | "key_taken"> {
  const id = String(event.id);
  if (await db.event.findUnique({ where: { id }, select: { id: true } })) return "present";
  const integrationId = String(event.integrationId);
  if (!(await db.integration.findUnique({ where: { id: integrationId }, select: { id: true } })))
    return "no_integration";
  const taken = await db.event.findUnique({
    where: { integrationId_idempotencyKey: { integrationId, idempotencyKey: String(event.idempotencyKey) } },
    select: { id: true },
  });
  if (taken) return "key_taken";
  const contract = event.contractVersionId
    ? await db.contractVersion.findUnique({ where: { id: String(event.contractVersionId) }, select: { id: true } })
    : null;
  const json = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
  const { integrationId: _i, contractVersionId: _c, payload, deliveryPayload, ...rest } = event;
  await db.event.create({
    data: {
      ...(rest as Omit<Prisma.EventUncheckedCreateInput, "integrationId" | "payload">),
      integrationId,
      contractVersionId: contract?.id ?? null,
      payload: json(payload) as Prisma.InputJsonValue,
      deliveryPayload: json(deliveryPayload),
      occurredAt: date(event.occurredAt),
      receivedAt: date(event.receivedAt)!,
      firstFailedAt: date(event.firstFailedAt),
      completedAt: date(event.completedAt),
      payloadExpiredAt: date(event.payloadExpiredAt),
      erasedAt: date(event.erasedAt),
      updatedAt: date(event.updatedAt)!,
      // Back for a look: the next retention pass must not remove it again.
      legalHold: true,
      stages: {
        create: stages.map(({ eventId: _e, detail, startedAt, endedAt, ...s }) => ({
          ...(s as Omit<Prisma.StageRunCreateWithoutEventInput, "startedAt">),
          detail: json(detail),
          startedAt: date(startedAt)!,
          endedAt: date(endedAt),
        })),
      },
      arrivals: {
        create: arrivals.map(({ eventId: _e, payload: p, receivedAt, ...a }) => ({
          ...(a as Omit<Prisma.DuplicateArrivalCreateWithoutEventInput, "receivedAt">),
          payload: json(p),
          receivedAt: date(receivedAt)!,
        })),
      },
      replays: {
        create: replays.map(({ eventId: _e, payload: p, deliveryPayload: d, createdAt, ...r }) => ({
          ...(r as Omit<Prisma.EventReplayCreateWithoutEventInput, "payload" | "createdAt">),
          payload: json(p) as Prisma.InputJsonValue,
          deliveryPayload: json(d),
          actorId: null,
          createdAt: date(createdAt)!,
        })),
      },
    },
  });
  await recordEventKeys(db, provider, [{ integrationId, idempotencyKey: String(event.idempotencyKey), eventId: id }]);
  // Exceptions come back closed and unassigned (their people may be gone).
  for (const x of exceptions)
    await db.exception.create({
      data: {
        ...(x as unknown as Prisma.ExceptionUncheckedCreateInput),
        eventId: id,
        integrationId,
        assigneeId: null,
        escalatedToId: null,
        openForEventId: null,
        openedAt: date(x.openedAt)!,
        dueAt: date(x.dueAt)!,
        escalatedAt: date(x.escalatedAt),
        resolvedAt: date(x.resolvedAt),
      },
    });
  return "restored";
}
