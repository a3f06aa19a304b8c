// Bulk actions: a job over a frozen list of exception ids, settled item by item.
import type { BulkJobRecord, BulkJobsRepo } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import { json } from "./json";

type Row = Prisma.BulkJobGetPayload<object>;
const toJob = (row: Row): BulkJobRecord => ({
  ...row,
  action: row.action as BulkJobRecord["action"],
  params: (row.params as Record<string, unknown> | null) ?? null,
});

export function bulkRepo(db: DbTx): BulkJobsRepo {
  return {
    async create({ action, params, exceptionIds, createdById, now }) {
      const job = await db.bulkJob.create({
        data: { action, params: json(params), total: exceptionIds.length, createdById, createdAt: now },
      });
      for (let i = 0; i < exceptionIds.length; i += 500) {
        await db.bulkJobItem.createMany({
          data: exceptionIds.slice(i, i + 500).map((exceptionId) => ({ jobId: job.id, exceptionId })),
        });
      }
      return toJob(job);
    },
    get: async (id) => {
      const row = await db.bulkJob.findUnique({ where: { id } });
      return row ? toJob(row) : null;
    },
    pendingItems: async (jobId, limit) =>
      (
        await db.bulkJobItem.findMany({
          where: { jobId, status: "pending" },
          orderBy: { exceptionId: "asc" },
          take: limit,
          select: { exceptionId: true },
        })
      ).map((r) => r.exceptionId),
    async settle(jobId, exceptionId, outcome, message) {
      const { count } = await db.bulkJobItem.updateMany({
        where: { jobId, exceptionId, status: "pending" },
        data: { status: outcome, message },
      });
      if (count === 1) await db.bulkJob.update({ where: { id: jobId }, data: { [outcome]: { increment: 1 } } });
    },
    async setStatus(jobId, status, at) {
      await db.bulkJob.update({
        where: { id: jobId },
        data: {
          status,
          ...(status === "running" ? { startedAt: at } : {}),
          ...(["succeeded", "failed", "cancelled"].includes(status) ? { finishedAt: at } : {}),
        },
      });
    },
    async requestCancel(jobId) {
      const { count } = await db.bulkJob.updateMany({
        where: { id: jobId, status: { in: ["queued", "running"] } },
        data: { cancelRequested: true },
      });
      const row = await db.bulkJob.findUnique({ where: { id: jobId } });
      return row && count >= 0 ? toJob(row) : null;
    },
  };
}
