// The worker's job registry (STYLE habit 7): each kind names its payload
// schema and its handler. A payload that does not parse is parked at once —
// removed from the queue with an audit entry — never retried forever.
import { z } from "zod";
import { audit } from "../audit/record";
import type { Ctx } from "../context";
import { processJob, type JobOutcome, type WorkerDeps } from "../delivery/process-job";
import type { JobKind, QueueJob } from "../delivery/types";
import { runBulkJob } from "../exceptions/bulk";
import { computeReconciliation } from "../reconciliation/reconcile";
import { sendEmail, ZEmail } from "./email";
import { sendNotification, ZNotify } from "./notify";

interface JobHandler {
  schema: z.ZodType;
  run(ctx: Ctx, job: QueueJob, deps: WorkerDeps): Promise<JobOutcome>;
}

const ZDeliveryIntent = z
  .object({
    resolution: z.enum(["retried", "replayed"]).optional(),
    requestedAt: z.string().optional(),
    attemptBase: z.number().optional(),
    replayPayload: z.unknown().optional(),
  })
  .nullable();

export const JOBS: Record<JobKind, JobHandler> = {
  deliver: { schema: ZDeliveryIntent, run: processJob },
  replay_webhook: { schema: ZDeliveryIntent, run: processJob },
  bulk: {
    schema: z.object({ jobId: z.string().min(1) }),
    async run(ctx, job, deps) {
      await runBulkJob(ctx, (job.payload as { jobId: string }).jobId);
      return (await ctx.repos.queue.complete(job.id, deps.workerId)) ? "delivered" : "lost_lease";
    },
  },
  notify: { schema: ZNotify, run: sendNotification },
  email: { schema: ZEmail, run: sendEmail },
  reconcile: {
    schema: z.object({ reconciliationId: z.string().min(1) }),
    async run(ctx, job, deps) {
      await computeReconciliation(ctx, (job.payload as { reconciliationId: string }).reconciliationId);
      return (await ctx.repos.queue.complete(job.id, deps.workerId)) ? "delivered" : "lost_lease";
    },
  },
};

export async function runJob(ctx: Ctx, job: QueueJob, deps: WorkerDeps): Promise<JobOutcome> {
  const handler = JOBS[job.kind as JobKind];
  const parsed = handler?.schema.safeParse(job.payload ?? null);
  if (!handler || !parsed?.success) {
    await ctx.transaction(async (tx) => {
      await tx.repos.queue.complete(job.id, deps.workerId);
      await audit(tx, {
        action: "job.parked",
        objectType: "job",
        objectId: job.id,
        reason: handler
          ? `payload does not match the ${job.kind} job: ${parsed?.error?.issues[0]?.message}`
          : `unknown job kind ${job.kind}`,
        after: { kind: job.kind, payload: job.payload },
      });
    });
    return "dropped";
  }
  return handler.run(ctx, job, deps);
}
