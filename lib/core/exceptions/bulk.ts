// Bulk actions on a frozen selection of exceptions: explicit ids, or a filter
// resolved to ids when the job is created. The worker settles the items one by
// one through the same single-item operations, so a second run of the same
// action skips what the first already did (invalid_state → skipped).
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize, requireUser } from "../authorize";
import { userActor } from "../auth/sign-in";
import { withActor, type Ctx } from "../context";
import { DomainError, invalidState, notFound } from "../errors";
import { parseInput } from "../parse";
import type { BulkJobRecord } from "../ports";
import { assignException } from "./assign-exception";
import { discardException, resolveException } from "./close-exception";
import { exceptionFilter } from "./list-exceptions";
import { rerunException } from "./rerun-exception";
import { retryException } from "./retry-exception";
import { ZExceptionQuery, type TJobView } from "./schemas";

export const MAX_BULK_ITEMS = 10_000;

const ZFilter = ZExceptionQuery.omit({ cursor: true, limit: true, status: true });

export const ZBulk = z
  .object({
    action: z.enum(["retry", "rerun", "resolve", "discard", "assign"]),
    ids: z.array(z.string().min(1)).min(1).max(MAX_BULK_ITEMS).optional(),
    filter: ZFilter.optional(),
    note: z.string().trim().max(2_000).optional(),
    reason: z.string().trim().max(2_000).optional(),
    assignee: z.string().nullable().optional(),
  })
  .superRefine((v, c) => {
    if (!v.ids === !v.filter) c.addIssue({ code: "custom", path: ["ids"], message: "send either ids or a filter" });
    if (v.action === "resolve" && !v.note)
      c.addIssue({ code: "custom", path: ["note"], message: "a manual override needs a note" });
    if (v.action === "discard" && !v.reason)
      c.addIssue({ code: "custom", path: ["reason"], message: "discarding needs a reason" });
    if (v.action === "assign" && v.assignee === undefined)
      c.addIssue({ code: "custom", path: ["assignee"], message: "name the assignee (or null)" });
  });
export type TBulk = z.input<typeof ZBulk>;

export function jobView(j: BulkJobRecord): TJobView {
  return {
    id: j.id,
    action: j.action,
    status: j.status,
    total: j.total,
    done: j.done,
    failed: j.failed,
    skipped: j.skipped,
    cancelRequested: j.cancelRequested,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

async function selection(ctx: Ctx, data: z.output<typeof ZBulk>): Promise<string[]> {
  if (data.ids) return [...new Set(data.ids)];
  const filter = await exceptionFilter(ctx, { ...ZExceptionQuery.parse({}), ...data.filter, status: "open" });
  return filter ? ctx.repos.exceptions.ids(filter, MAX_BULK_ITEMS) : [];
}

/** How many open exceptions a filter selects right now (the confirmation's count). */
export async function previewBulk({ ctx, input }: { ctx: Ctx; input: TBulk }): Promise<{ total: number }> {
  authorize(ctx, "exceptions.act");
  const data = parseInput(ZBulk, input);
  return { total: (await selection(ctx, data)).length };
}

/** Freeze the selection and queue the job. @returns 202 { jobId, total } */
export async function startBulk({ ctx, input }: { ctx: Ctx; input: TBulk }): Promise<{ jobId: string; total: number }> {
  authorize(ctx, "exceptions.act");
  const user = requireUser(ctx);
  const data = parseInput(ZBulk, input);
  const ids = await selection(ctx, data);
  if (ids.length === 0) throw invalidState("Nothing matches this selection.");
  return ctx.transaction(async (tx) => {
    const now = tx.now();
    const params = {
      note: data.note ?? null,
      reason: data.reason ?? null,
      assignee: data.assignee ?? null,
      filter: data.filter ?? null,
    };
    const job = await tx.repos.bulk.create({
      action: data.action,
      params,
      exceptionIds: ids,
      createdById: user.userId,
      now,
    });
    await tx.repos.queue.enqueue({ kind: "bulk", payload: { jobId: job.id }, dedupeKey: `bulk:${job.id}`, runAt: now });
    await audit(tx, {
      action: "bulk.start",
      objectType: "job",
      objectId: job.id,
      reason: data.note ?? data.reason ?? null,
      after: { action: data.action, total: ids.length },
    });
    return { jobId: job.id, total: ids.length };
  });
}

export async function getJob({ ctx, id }: { ctx: Ctx; id: string }): Promise<TJobView> {
  authorize(ctx, "jobs.read");
  const job = await ctx.repos.bulk.get(id);
  if (!job) throw notFound("Job");
  return jobView(job);
}

export async function cancelJob({ ctx, id }: { ctx: Ctx; id: string }): Promise<TJobView> {
  authorize(ctx, "jobs.cancel");
  return ctx.transaction(async (tx) => {
    const job = await tx.repos.bulk.get(id);
    if (!job) throw notFound("Job");
    if (!["queued", "running"].includes(job.status)) throw invalidState(`This job has already ${job.status}.`);
    const after = await tx.repos.bulk.requestCancel(id);
    await audit(tx, {
      action: "bulk.cancel",
      objectType: "job",
      objectId: id,
      before: { status: job.status },
      after: { cancelRequested: true },
    });
    return jobView(after ?? job);
  });
}

const ACTIONS = {
  retry: (ctx: Ctx, id: string) => retryException({ ctx, id, reason: "bulk retry" }),
  rerun: (ctx: Ctx, id: string) => rerunException({ ctx, id, reason: "bulk re-run" }),
  resolve: (ctx: Ctx, id: string, p: Record<string, unknown>) =>
    resolveException({ ctx, id, input: { note: String(p.note) } }),
  discard: (ctx: Ctx, id: string, p: Record<string, unknown>) =>
    discardException({ ctx, id, input: { reason: String(p.reason) } }),
  assign: (ctx: Ctx, id: string, p: Record<string, unknown>) =>
    assignException({ ctx, id, input: { assignee: (p.assignee as string | null) ?? null } }),
};

/** The worker's side: settle every pending item as the person who started the job, until done or cancelled. */
export async function runBulkJob(ctx: Ctx, jobId: string): Promise<void> {
  const job = await ctx.repos.bulk.get(jobId);
  if (!job || !["queued", "running"].includes(job.status)) return;
  const creator = job.createdById ? await ctx.repos.users.findById(job.createdById) : null;
  const as = creator && !creator.disabled ? withActor(ctx, userActor(creator, "session")) : null;
  await ctx.repos.bulk.setStatus(jobId, "running", ctx.now());
  for (;;) {
    const current = await ctx.repos.bulk.get(jobId);
    if (current?.cancelRequested) return ctx.repos.bulk.setStatus(jobId, "cancelled", ctx.now());
    const items = await ctx.repos.bulk.pendingItems(jobId, 25);
    if (items.length === 0) break;
    for (const exceptionId of items) {
      if (!as) {
        await ctx.repos.bulk.settle(jobId, exceptionId, "failed", "the person who started this job can no longer act");
        continue;
      }
      try {
        await ACTIONS[job.action](as, exceptionId, job.params ?? {});
        await ctx.repos.bulk.settle(jobId, exceptionId, "done", null);
      } catch (error) {
        const e = error as DomainError;
        const skipped = e instanceof DomainError && e.kind === "conflict";
        await ctx.repos.bulk.settle(
          jobId,
          exceptionId,
          skipped ? "skipped" : "failed",
          (e.message ?? "failed").slice(0, 500),
        );
      }
    }
  }
  const final = await ctx.repos.bulk.get(jobId);
  await ctx.repos.bulk.setStatus(
    jobId,
    final && final.failed > 0 && final.done === 0 && final.skipped === 0 ? "failed" : "succeeded",
    ctx.now(),
  );
}
