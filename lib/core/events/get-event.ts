// GET /api/v1/events/:id — the process view's data: the event, its timeline,
// payloads, duplicates, exceptions and their history, everything sharing its
// correlation ID, and who owns the integration.
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import type { ExceptionRecord } from "../exceptions/types";
import type { StageRecord } from "./types";
import { eventSummary } from "./list-events";
import type { TEventDetail, TStageView } from "./schemas";

const CORRELATED_LIMIT = 25;
/** In the brief view, records larger than this (as JSON) are left out and loaded on demand. */
export const BRIEF_PAYLOAD_BYTES = 64 * 1024;

/** The brief view's cut: a large record becomes null and its size is noted under `name`. */
function clipper(brief: boolean) {
  const omitted: Record<string, number> = {};
  const clip = (name: string, value: unknown) => {
    if (!brief || value === null || value === undefined) return value ?? null;
    const bytes = Buffer.byteLength(JSON.stringify(value));
    if (bytes <= BRIEF_PAYLOAD_BYTES) return value;
    omitted[name] = bytes;
    return null;
  };
  return { clip, omitted };
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

function stageView(s: StageRecord): TStageView {
  return {
    id: s.id,
    eventId: s.eventId,
    stage: s.stage,
    attempt: s.attempt,
    status: s.status,
    startedAt: s.startedAt.toISOString(),
    endedAt: iso(s.endedAt),
    durationMs: s.durationMs,
    errorCategory: s.errorCategory,
    error: s.error,
    responseStatus: s.responseStatus,
    detail: s.detail ?? null,
  };
}

function exceptionRecordView(x: ExceptionRecord, now: Date) {
  return {
    id: x.id,
    category: x.category,
    reason: x.reason,
    message: x.message,
    status: x.status,
    assignee: x.assigneeId,
    openedAt: x.openedAt.toISOString(),
    dueAt: x.dueAt.toISOString(),
    escalatedAt: iso(x.escalatedAt),
    escalatedTo: x.escalatedToId,
    resolvedAt: iso(x.resolvedAt),
    resolution: x.resolution,
    note: x.note,
    pastSla: x.status === "open" && x.dueAt < now,
  };
}

/** `brief`: records over 64 KiB are replaced by null and listed in `omitted` (name → bytes), for the console. */
export async function getEvent({
  ctx,
  id,
  brief = false,
}: {
  ctx: Ctx;
  id: string;
  brief?: boolean;
}): Promise<TEventDetail> {
  authorize(ctx, "events.read");
  const event = await ctx.repos.events.findById(id);
  if (!event) throw notFound("Event");
  const integration = await ctx.repos.integrations.findById(event.integrationId);
  if (!integration) throw notFound("Integration");
  const now = ctx.now();
  const [stages, arrivals, replays, exceptions, correlated, users] = await Promise.all([
    ctx.repos.events.stages(event.id),
    ctx.repos.events.arrivals(event.id),
    ctx.repos.events.replays(event.id),
    ctx.repos.exceptions.forEvent(event.id),
    ctx.repos.events.correlated(event.correlationId, CORRELATED_LIMIT),
    ctx.repos.users.list(),
  ]);
  const audit = await ctx.repos.audit.list(
    { objects: [{ type: "event", id: event.id }, ...exceptions.map((x) => ({ type: "exception", id: x.id }))] },
    { limit: 100 },
  );
  const others = correlated.filter((e) => e.id !== event.id);
  const otherStages = others.length ? await ctx.repos.events.stagesOf(others.map((e) => e.id)) : [];
  const slugOf = new Map(correlated.map((e) => [e.id, e.integrationSlug]));
  const person = (userId: string | null) => {
    const u = userId ? users.find((x) => x.id === userId) : null;
    return u ? { id: u.id, name: u.name, email: u.email } : null;
  };
  const summary = eventSummary({ ...event, integrationSlug: integration.slug, contractVersion: null });
  const contract = event.contractVersionId ? await ctx.repos.contracts.findById(event.contractVersionId) : null;
  const { clip, omitted } = clipper(brief);
  return {
    event: {
      ...summary,
      contractVersion: contract?.version ?? null,
      traceId: event.traceId,
      conflictCount: event.conflictCount,
      occurredAt: iso(event.occurredAt),
      firstFailedAt: iso(event.firstFailedAt),
      targetId: event.targetId,
      legalHold: event.legalHold,
      payloadExpiredAt: iso(event.payloadExpiredAt),
      erasedAt: iso(event.erasedAt),
      payload: clip("payload", event.payload),
      deliveryPayload: clip("deliveryPayload", event.deliveryPayload),
    },
    integration: {
      slug: integration.slug,
      name: integration.name,
      mode: integration.mode,
      lifecycle: integration.lifecycle,
      sourceSystem: integration.sourceSystem,
      targetSystem: integration.targetSystem,
      owners: {
        logic: person(integration.owners.logic),
        dataQuality: person(integration.owners.dataQuality),
        incident: person(integration.owners.incident),
        triage: person(integration.owners.triage),
      },
      runbook: integration.runbook,
      manualFallback: integration.manualFallback,
    },
    stages: stages.map(stageView),
    arrivals: arrivals.map((a) => ({
      id: a.id,
      kind: a.kind,
      receivedAt: a.receivedAt.toISOString(),
      payload: clip(`arrival:${a.id}`, a.payload),
    })),
    replays: replays.map((r) => ({
      id: r.id,
      payload: clip(`replay:${r.id}`, r.payload),
      deliveryPayload: clip(`replayDelivery:${r.id}`, r.deliveryPayload),
      by: person(r.actorId)?.name ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    exceptions: exceptions.map((x) => ({
      ...exceptionRecordView(x, now),
      assigneeName: person(x.assigneeId)?.name ?? null,
      escalatedToName: person(x.escalatedToId)?.name ?? null,
    })),
    audit: audit.items.map((a) => ({
      id: a.id,
      at: a.at.toISOString(),
      actor: a.actorLabel,
      action: a.action,
      objectType: a.objectType,
      objectId: a.objectId,
      reason: a.reason,
      before: a.before ?? null,
      after: a.after ?? null,
    })),
    correlated: {
      events: correlated.map((e) => eventSummary(e)),
      timeline: [...stages, ...otherStages]
        .map((s) => ({ ...stageView(s), integration: slugOf.get(s.eventId) ?? integration.slug }))
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id)),
      truncated: correlated.length >= CORRELATED_LIMIT,
    },
    omitted,
  };
}
