import type { AuditFilter, AuditRecord, AuditRepo } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import { afterCursor, decodeCursor, pageOf } from "../keyset";
import { json } from "./json";

function matching(filter: AuditFilter): Prisma.AuditEntryWhereInput[] {
  return [
    filter.actorId ? { actorId: filter.actorId } : {},
    filter.objectType ? { objectType: filter.objectType } : {},
    filter.objectId ? { objectId: filter.objectId } : {},
    filter.objects?.length ? { OR: filter.objects.map((o) => ({ objectType: o.type, objectId: o.id })) } : {},
    filter.from ? { at: { gte: filter.from } } : {},
    filter.to ? { at: { lt: filter.to } } : {},
  ];
}

export function auditRepo(db: DbTx): AuditRepo {
  return {
    async record(entry) {
      const row = await db.auditEntry.create({
        data: { ...entry, reason: entry.reason ?? null, before: json(entry.before), after: json(entry.after) },
      });
      return row as AuditRecord;
    },
    async list(filter, { cursor, limit, order = "desc" }) {
      const where: Prisma.AuditEntryWhereInput = {
        AND: [...matching(filter), afterCursor("at", decodeCursor(cursor), order)],
      };
      const rows = await db.auditEntry.findMany({ where, orderBy: [{ at: order }, { id: order }], take: limit + 1 });
      return pageOf(rows as AuditRecord[], limit, (r) => r.at);
    },
    count: (filter) => db.auditEntry.count({ where: { AND: matching(filter) } }),
    async findById(id) {
      return (await db.auditEntry.findUnique({ where: { id } })) as AuditRecord | null;
    },
  };
}
