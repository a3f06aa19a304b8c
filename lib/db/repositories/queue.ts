// The worker queue through Prisma: enqueueing from operations (retries,
// replays) and completing jobs outside the hot path. Claiming and the common
// completions live in lib/db/hot (plain SQL).
import type { NewJob } from "@/lib/core/delivery/types";
import type { QueueRepo } from "@/lib/core/ports";
import type { Provider } from "../database-url";
import type { DbTx } from "../client";
import { isUniqueViolation } from "../errors";
import { json } from "./json";

export const JOBS_CHANNEL = "signalbox_jobs";

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

    async deleteForEvent(eventId, kind) {
      await db.queueJob.deleteMany({ where: { eventId, kind } });
    },
  };
}
