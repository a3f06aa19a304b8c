import type { ExceptionRecord } from "@/lib/core/exceptions/types";
import { errorSignature } from "@/lib/core/exceptions/signature";
import type { ExceptionsRepo } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import { isUniqueViolation } from "../errors";

type Row = Prisma.ExceptionGetPayload<object>;
const toException = ({ openForEventId: _open, ...row }: Row): ExceptionRecord => row;

export function exceptionsRepo(db: DbTx): ExceptionsRepo {
  const refresh = async (eventId: string, data: { category: Row["category"]; reason: string; message: string; signature: string }) =>
    toException(await db.exception.update({ where: { openForEventId: eventId }, data }));

  return {
    async open(data) {
      const signature = errorSignature(`${data.reason} ${data.message}`);
      const existing = await db.exception.findUnique({ where: { openForEventId: data.eventId } });
      if (existing) return refresh(data.eventId, { category: data.category, reason: data.reason, message: data.message, signature });
      try {
        return toException(await db.exception.create({ data: { ...data, signature, status: "open", openForEventId: data.eventId } }));
      } catch (error) {
        // Opened by someone else between our read and write: the unique key says so; refresh that one.
        if (isUniqueViolation(error)) return refresh(data.eventId, { category: data.category, reason: data.reason, message: data.message, signature });
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
        data: { status: close.status, resolution: close.resolution, note: close.note ?? null, resolvedAt: close.at, openForEventId: null },
      });
      return count === 1 ? toException({ ...open, status: close.status, resolution: close.resolution, note: close.note ?? null, resolvedAt: close.at }) : null;
    },
  };
}
