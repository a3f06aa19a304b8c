// The worker's job registry (STYLE habit 7): each kind names its payload
// schema and its handler. The registry parses the payload once and hands the
// handler the typed value. A payload that does not parse is dropped at once —
// completed with one log line and an audit entry — never retried forever.
import { z } from "zod";
import { audit } from "../audit/record";
import type { Ctx } from "../context";
import { processJob, ZDeliveryIntent, type JobOutcome, type WorkerDeps } from "../delivery/process-job";
import type { JobKind, QueueJob } from "../delivery/types";
import { runBulkJob } from "../exceptions/bulk";
import { computeReconciliation } from "../reconciliation/reconcile";
import { forwardAuditEntry, ZAuditForward } from "./audit-webhook";
import { sendEmail, ZEmail } from "./email";
import { sendNotification, ZNotify } from "./notify";

interface JobHandler<T> {
  schema: z.ZodType<T>;
  /** `payload`: the job's payload, parsed with `schema` */
  run(ctx: Ctx, job: QueueJob, deps: WorkerDeps, payload: T): Promise<JobOutcome>;
}

/** One kind's schema and handler, typed together (the handler's payload is the schema's output). */
const job = <S extends z.ZodType>(
  schema: S,
  run: (ctx: Ctx, job: QueueJob, deps: WorkerDeps, payload: z.output<S>) => Promise<JobOutcome>,
): JobHandler<z.output<S>> => ({ schema: schema as z.ZodType<z.output<S>>, run });

const complete = async (ctx: Ctx, id: string, deps: WorkerDeps): Promise<JobOutcome> =>
  (await ctx.repos.queue.complete(id, deps.workerId)) ? "delivered" : "lost_lease";

export const JOBS: Record<JobKind, JobHandler<unknown>> = {
  deliver: job(ZDeliveryIntent, processJob),
  replay_webhook: job(ZDeliveryIntent, processJob),
  bulk: job(z.object({ jobId: z.string().min(1) }), async (ctx, j, deps, { jobId }) => {
    await runBulkJob(ctx, jobId);
    return complete(ctx, j.id, deps);
  }),
  notify: job(ZNotify, sendNotification),
  email: job(ZEmail, sendEmail),
  audit_webhook: job(ZAuditForward, forwardAuditEntry),
  reconcile: job(z.object({ reconciliationId: z.string().min(1) }), async (ctx, j, deps, { reconciliationId }) => {
    await computeReconciliation(ctx, reconciliationId);
    return complete(ctx, j.id, deps);
  }),
};

/** Why a job cannot run (unknown kind, or the first thing wrong with its payload), or its parsed payload. */
function parseJob(
  job: QueueJob,
): { ok: true; handler: JobHandler<unknown>; payload: unknown } | { ok: false; why: string } {
  const handler = (JOBS as Partial<Record<string, JobHandler<unknown>>>)[job.kind];
  if (!handler) return { ok: false, why: `unknown job kind ${job.kind}` };
  const parsed = handler.schema.safeParse(job.payload ?? null);
  if (parsed.success) return { ok: true, handler, payload: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return { ok: false, why: `payload does not match the ${job.kind} job${at}: ${issue?.message}` };
}

export async function runJob(ctx: Ctx, job: QueueJob, deps: WorkerDeps): Promise<JobOutcome> {
  const parsed = parseJob(job);
  if (parsed.ok) return parsed.handler.run(ctx, job, deps, parsed.payload);
  // The payload itself stays out of the log line (a notification job may carry a URL).
  console.warn(`[signalbox worker] job ${job.id} dropped: ${parsed.why}`);
  await ctx.transaction(async (tx) => {
    await tx.repos.queue.complete(job.id, deps.workerId);
    await audit(tx, {
      action: "job.parked",
      objectType: "job",
      objectId: job.id,
      reason: parsed.why,
      after: { kind: job.kind, payload: job.payload },
    });
  });
  return "dropped";
}
