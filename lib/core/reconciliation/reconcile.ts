// Reconciliation — the data-quality owner's tool for "created in one system,
// missing in another" and "mismatched ids": for an integration and a period,
// upload what the source and the target hold, compare with Signalbox's own
// events, list the findings, and open exceptions for them.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { actorId, type Ctx } from "../context";
import { invalidInput, invalidState, notFound } from "../errors";
import { slaDue } from "../ingest/accept-event";
import { integrationBySlug } from "../integrations/find";
import { parseInput } from "../parse";
import { FINDING_KINDS, type FindingRecord, type ReconciliationRecord } from "../ports";
import type { UploadedId } from "./parse-ids";
import type { TFindingPage, TFindingView, TReconciliationList, TReconciliationView } from "./schemas";

export const ZStart = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((p) => p.from < p.to, { message: "from must be before to", path: ["to"] });
export const ZFindingQuery = z.object({
  kind: z.enum(FINDING_KINDS).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZOpenExceptions = z
  .object({ findingIds: z.array(z.string()).min(1).max(10_000).optional(), kind: z.enum(FINDING_KINDS).optional() })
  .refine((v) => Boolean(v.findingIds) !== Boolean(v.kind), "send findingIds or a kind");

export const REASON: Record<(typeof FINDING_KINDS)[number], string> = {
  missing_received: "The source holds a record Signalbox never received",
  not_delivered: "Received but never delivered",
  missing_in_target: "Delivered, but the target does not hold it",
  unknown_in_target: "The target holds a record no source record matches",
  id_mismatch: "The target holds the record under another id",
};

export function reconciliationView(r: ReconciliationRecord): TReconciliationView {
  return {
    id: r.id,
    status: r.status,
    from: r.periodFrom.toISOString(),
    to: r.periodTo.toISOString(),
    sourceCount: r.sourceCount,
    targetCount: r.targetCount,
    summary: r.summary,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

async function load(ctx: Ctx, id: string) {
  const r = await ctx.repos.reconciliations.get(id);
  if (!r) throw notFound("Reconciliation");
  return r;
}

export async function startReconciliation({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZStart>;
}): Promise<TReconciliationView> {
  authorize(ctx, "reconciliation.run");
  const period = parseInput(ZStart, input);
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    const r = await tx.repos.reconciliations.create({
      integrationId: integration.id,
      periodFrom: new Date(period.from),
      periodTo: new Date(period.to),
      createdById: actorId(tx.actor),
      now: tx.now(),
    });
    await audit(tx, {
      action: "reconciliation.start",
      objectType: "reconciliation",
      objectId: r.id,
      after: { integration: slug, ...period },
    });
    return reconciliationView(r);
  });
}

/** Add one batch of uploaded ids (the HTTP side streams the body in batches). */
export async function addIds({
  ctx,
  id,
  side,
  ids,
}: {
  ctx: Ctx;
  id: string;
  side: "source" | "target";
  ids: UploadedId[];
}) {
  authorize(ctx, "reconciliation.run");
  const r = await load(ctx, id);
  if (r.status !== "uploading")
    throw invalidState("Ids can be added only before the comparison runs; start a new reconciliation.");
  return ctx.repos.reconciliations.addItems(id, side, ids);
}

export async function finishUpload({
  ctx,
  id,
  side,
  added,
}: {
  ctx: Ctx;
  id: string;
  side: "source" | "target";
  added: number;
}): Promise<TReconciliationView> {
  const r = await load(ctx, id);
  await ctx.repos.reconciliations.setStatus(id, {
    status: r.status,
    ...(side === "source" ? { sourceCount: r.sourceCount + added } : { targetCount: r.targetCount + added }),
  });
  await audit(ctx, {
    action: "reconciliation.upload",
    objectType: "reconciliation",
    objectId: id,
    after: { side, added },
  });
  return reconciliationView((await ctx.repos.reconciliations.get(id))!);
}

/** Queue the comparison; the worker computes it. */
export async function runReconciliation({ ctx, id }: { ctx: Ctx; id: string }): Promise<TReconciliationView> {
  authorize(ctx, "reconciliation.run");
  return ctx.transaction(async (tx) => {
    const r = await load(tx, id);
    if (r.status !== "uploading") throw invalidState(`This reconciliation is already ${r.status}.`);
    if (r.sourceCount === 0 && r.targetCount === 0)
      throw invalidInput("Upload the source's or the target's ids first.");
    await tx.repos.reconciliations.setStatus(id, { status: "running" });
    await tx.repos.queue.enqueue({
      kind: "reconcile",
      payload: { reconciliationId: id },
      dedupeKey: `reconcile:${id}`,
      runAt: tx.now(),
    });
    await audit(tx, { action: "reconciliation.run", objectType: "reconciliation", objectId: id });
    return reconciliationView({ ...r, status: "running" });
  });
}

/** The worker's side. */
export async function computeReconciliation(ctx: Ctx, id: string): Promise<void> {
  try {
    const counts = await ctx.repos.reconciliations.compute(id);
    await ctx.repos.reconciliations.setStatus(id, { status: "done", summary: counts, finishedAt: ctx.now() });
  } catch (error) {
    await ctx.repos.reconciliations.setStatus(id, {
      status: "failed",
      error: (error as Error).message.slice(0, 500),
      finishedAt: ctx.now(),
    });
  }
}

export async function getReconciliation({ ctx, id }: { ctx: Ctx; id: string }): Promise<TReconciliationView> {
  authorize(ctx, "reconciliation.read");
  return reconciliationView(await load(ctx, id));
}

export async function listReconciliations({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<TReconciliationList> {
  authorize(ctx, "reconciliation.read");
  const integration = await integrationBySlug(ctx, slug);
  return { items: (await ctx.repos.reconciliations.listForIntegration(integration.id, 20)).map(reconciliationView) };
}

const findingView = (f: FindingRecord): TFindingView => ({ ...f, reason: REASON[f.kind] });

export async function listFindings({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: z.input<typeof ZFindingQuery>;
}): Promise<TFindingPage> {
  authorize(ctx, "reconciliation.read");
  const q = parseInput(ZFindingQuery, input, "query");
  await load(ctx, id);
  const page = await ctx.repos.reconciliations.findings(id, { kind: q.kind }, { cursor: q.cursor, limit: q.limit });
  return { items: page.items.map(findingView), nextCursor: page.nextCursor };
}

/**
 * Open an exception for each finding (one, several, or every finding of a
 * kind). A record Signalbox never received gets an event of its own first.
 */
export async function openFindingExceptions({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: z.input<typeof ZOpenExceptions>;
}): Promise<{ opened: number }> {
  authorize(ctx, "reconciliation.run");
  const data = parseInput(ZOpenExceptions, input);
  const r = await load(ctx, id);
  if (r.status !== "done") throw invalidState("Run the comparison first.");
  const integration = await ctx.repos.integrations.findById(r.integrationId);
  if (!integration) throw notFound("Integration");
  let opened = 0;
  let cursor: string | undefined;
  do {
    const page = await ctx.repos.reconciliations.findings(
      id,
      { kind: data.kind, ids: data.findingIds },
      { cursor, limit: 200 },
    );
    for (const f of page.items.filter((x) => !x.exceptionId)) {
      await ctx.transaction(async (tx) => {
        const now = tx.now();
        const event = f.eventId
          ? await tx.repos.events.findById(f.eventId)
          : await tx.repos.events.createMissing({
              integrationId: integration.id,
              entityKey: f.sourceId ?? f.targetId ?? "unknown",
              payload: { reconciliationId: id, finding: f.kind, sourceId: f.sourceId, targetId: f.targetId },
              correlationId: `reconciliation-${randomUUID()}`,
              now,
            });
        if (!event) return;
        const exception = await tx.repos.exceptions.open({
          eventId: event.id,
          integrationId: integration.id,
          category: f.kind === "not_delivered" ? "transient" : "permanent",
          reason: `reconciliation_${f.kind}`,
          message: `${REASON[f.kind]}: ${f.detail}${f.sourceId ? ` (source id ${f.sourceId})` : ""}${f.targetId ? ` (target id ${f.targetId})` : ""}`,
          assigneeId: integration.owners.triage,
          openedAt: now,
          dueAt: slaDue(integration, now),
        });
        await tx.repos.reconciliations.linkException(f.id, exception.id);
        opened++;
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await audit(ctx, {
    action: "reconciliation.open_exceptions",
    objectType: "reconciliation",
    objectId: id,
    after: { opened, kind: data.kind ?? null },
  });
  return { opened };
}
