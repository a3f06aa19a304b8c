// The worker queue. Claiming is one statement: FOR UPDATE SKIP LOCKED on
// PostgreSQL (concurrent workers get disjoint rows), a conditional UPDATE on
// SQLite (one writer at a time). Deliveries of paused integrations stay put.
import type { NewJob, QueueJob } from "@/lib/core/delivery/types";
import type { QueueRepo } from "@/lib/core/ports";
import type { Provider } from "../database-url";
import type { DbTx } from "../client";
import { isUniqueViolation } from "../errors";
import { json } from "./json";

export const JOBS_CHANNEL = "signalbox_jobs";

type RawJob = Omit<QueueJob, "runAt" | "lockedUntil" | "attempt"> & { runAt: Date | string; lockedUntil: Date | string | null; attempt: number | bigint };

const toJob = (r: RawJob): QueueJob => ({
  ...r,
  payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
  runAt: new Date(r.runAt),
  lockedUntil: r.lockedUntil ? new Date(r.lockedUntil) : null,
  attempt: Number(r.attempt),
});

const HELD_WHEN_PAUSED = `('deliver', 'replay_webhook')`;

export function queueRepo(db: DbTx, provider: Provider): QueueRepo {
  // Delivered to LISTENing workers when the surrounding transaction commits.
  // SQLite needs nothing: the commit itself touches the WAL the workers watch.
  const wake = async () => {
    if (provider === "postgresql") await db.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
  };
  return {
    async enqueue(job: NewJob) {
      try {
        await db.queueJob.create({
          data: {
            kind: job.kind,
            integrationId: job.integrationId ?? null,
            eventId: job.eventId ?? null,
            dedupeKey: job.dedupeKey ?? null,
            payload: json(job.payload),
            runAt: job.runAt,
            createdAt: job.runAt,
          },
        });
      } catch (error) {
        if (job.dedupeKey && isUniqueViolation(error)) return false;
        throw error;
      }
      await wake();
      return true;
    },

    wake,

    async claim(workerId, limit, leaseMs, now) {
      const until = new Date(now.getTime() + leaseMs);
      const rows =
        provider === "postgresql"
          ? await db.$queryRawUnsafe<RawJob[]>(
              `UPDATE "QueueJob" AS q SET "lockedBy" = $1, "lockedUntil" = $2, "attempt" = q."attempt" + 1
               FROM (SELECT j."id" FROM "QueueJob" j LEFT JOIN "Integration" i ON i."id" = j."integrationId"
                     WHERE j."runAt" <= $3 AND (j."lockedUntil" IS NULL OR j."lockedUntil" < $3)
                       AND (j."kind" NOT IN ${HELD_WHEN_PAUSED} OR i."lifecycle" IS NULL OR i."lifecycle" <> 'paused')
                     ORDER BY j."runAt" LIMIT $4 FOR UPDATE OF j SKIP LOCKED) AS due
               WHERE q."id" = due."id"
               RETURNING q."id", q."kind", q."integrationId", q."eventId", q."payload", q."runAt", q."attempt", q."lockedBy", q."lockedUntil"`,
              workerId, until, now, limit,
            )
          : await db.$queryRawUnsafe<RawJob[]>(
              `UPDATE "QueueJob" SET "lockedBy" = ?, "lockedUntil" = ?, "attempt" = "attempt" + 1
               WHERE "id" IN (SELECT j."id" FROM "QueueJob" j LEFT JOIN "Integration" i ON i."id" = j."integrationId"
                     WHERE j."runAt" <= ? AND (j."lockedUntil" IS NULL OR j."lockedUntil" < ?)
                       AND (j."kind" NOT IN ${HELD_WHEN_PAUSED} OR i."lifecycle" IS NULL OR i."lifecycle" <> 'paused')
                     ORDER BY j."runAt" LIMIT ?)
               RETURNING "id", "kind", "integrationId", "eventId", "payload", "runAt", "attempt", "lockedBy", "lockedUntil"`,
              workerId, until, now, now, limit,
            );
      return rows.map(toJob);
    },

    async complete(jobId, workerId) {
      const { count } = await db.queueJob.deleteMany({ where: { id: jobId, lockedBy: workerId } });
      return count === 1;
    },

    async reschedule(jobId, workerId, runAt) {
      const { count } = await db.queueJob.updateMany({
        where: { id: jobId, lockedBy: workerId },
        data: { runAt, lockedBy: null, lockedUntil: null },
      });
      return count === 1;
    },

    async release(jobIds, workerId) {
      if (jobIds.length === 0) return;
      await db.queueJob.updateMany({ where: { id: { in: jobIds }, lockedBy: workerId }, data: { lockedBy: null, lockedUntil: null } });
    },

    async nextDueAt() {
      const [next] = await db.queueJob.findMany({ orderBy: { runAt: "asc" }, take: 1, where: { lockedUntil: null }, select: { runAt: true } });
      const [lease] = await db.queueJob.findMany({ orderBy: { lockedUntil: "asc" }, take: 1, where: { lockedUntil: { not: null } }, select: { lockedUntil: true } });
      const times = [next?.runAt, lease?.lockedUntil].filter((d): d is Date => Boolean(d));
      return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
    },

    async deleteForEvent(eventId, kind) {
      await db.queueJob.deleteMany({ where: { eventId, kind } });
    },
  };
}
