// Tracked mode (API.md §3): workflows that run elsewhere report their events,
// each stage and the outcome. Same idempotency rules as ingest; a failed
// outcome opens an exception; everything lands in the same status store.
import { contractIssues } from "../ingest/ingest-record";
import { acceptEvent, slaDue } from "../ingest/accept-event";
import type { Ctx } from "../context";
import { DomainError, forbidden, invalidState, notFound } from "../errors";
import { fingerprint } from "../events/fingerprint";
import { deriveIdempotencyKey, entityKeyFrom, parseVersion } from "../events/identity";
import { FINAL_STATUSES, type EventRecord } from "../events/types";
import type { Integration } from "../integrations/types";
import { getAt } from "../json-pointer";
import type { KeyRecord } from "../ports";
import { parseInput } from "../parse";
import {
  ZTrackEvent,
  ZTrackOutcome,
  ZTrackStage,
  type TTrackEvent,
  type TTrackOutcome,
  type TTrackStage,
} from "./schemas";
import { randomUUID } from "node:crypto";

/** The key's integration (cached configuration); only a tracked integration's key may report. */
async function keyIntegration(ctx: Ctx, key: KeyRecord): Promise<Integration> {
  const integration = await ctx.repos.ingest.integrationById(key.integrationId);
  if (!integration) throw notFound("Integration");
  if (integration.mode !== "tracked") {
    throw new DomainError(
      "forbidden",
      "not_tracked",
      `"${integration.slug}" is a relay integration: Signalbox records its stages itself; send its records to /api/ingest/${integration.slug}.`,
    );
  }
  return integration;
}

async function ownEvent(ctx: Ctx, integrationId: string, eventId: string): Promise<EventRecord> {
  const event = await ctx.repos.events.findById(eventId);
  if (!event) throw notFound("Event");
  if (event.integrationId !== integrationId)
    throw forbidden("This event belongs to another integration than your key.");
  return event;
}

/**
 * Who reports: the workflow itself (its API key; counted in the KPIs), or Signalbox's own "Send a test report"
 * (source `self_test`: shown in the process view, never counted as traffic).
 */
export type Reporter = { source: "tracked"; by: "workflow" } | { source: "self_test"; by: string };
const WORKFLOW: Reporter = { source: "tracked", by: "workflow" };

/** POST /api/v1/track/events → 201 new, 200 duplicate, 422 conflict or contract violation. */
export async function reportEvent(ctx: Ctx, key: KeyRecord, input: TTrackEvent) {
  const data = parseInput(ZTrackEvent, input);
  const integration = await keyIntegration(ctx, key);
  if (data.integration !== integration.slug)
    throw forbidden(`Your key belongs to "${integration.slug}", not "${data.integration}".`);
  return recordReport(ctx, integration, data, WORKFLOW);
}

/** The event as reported for `integration` (already authenticated), recorded with `reporter` as its source. */
export async function recordReport(ctx: Ctx, integration: Integration, input: TTrackEvent, reporter: Reporter) {
  const data = parseInput(ZTrackEvent, input);
  if (integration.archivedAt)
    throw new DomainError(
      "gone",
      "integration_archived",
      `"${integration.slug}" is archived: it accepts no reports until an admin restores it.`,
    );
  const contract =
    data.payload === undefined
      ? null
      : ((await ctx.repos.ingest.ingestTarget(integration.slug, null))?.contract ?? null);
  const fp = fingerprint({ ...data, occurredAt: undefined });
  const derived = deriveIdempotencyKey({
    header: data.idempotencyKey,
    keyPaths: contract?.idempotencyKeyPaths ?? [],
    payload: data.payload,
    fingerprint: fp,
    required: contract?.requireIdempotencyKey ?? false,
  });
  if (!derived)
    throw new DomainError("unprocessable", "idempotency_key_required", "This integration requires an idempotency key.");
  const issues = contractIssues(contract, data.payload);
  const entityKey = data.entityKey ?? entityKeyFrom(data.payload, contract?.entityKeyPath ?? null);
  const versionValue =
    data.entityVersion ?? (contract?.versionPath ? getAt(data.payload, contract.versionPath) : undefined);
  const now = ctx.now();
  const result = await acceptEvent(ctx, {
    integration,
    contractVersionId: contract?.id ?? null,
    source: reporter.source,
    payload: data.payload ?? null,
    fingerprint: fp,
    idempotencyKey: derived.key,
    correlationId: data.correlationId ?? randomUUID(),
    traceId: null,
    entityKey,
    entityVersion: versionValue === undefined || versionValue === null ? null : String(versionValue),
    guardVersion: entityKey ? parseVersion(versionValue) : null,
    occurredAt: data.occurredAt ? new Date(data.occurredAt) : null,
    issues,
    deliveryPayload: null,
    stages: [
      {
        stage: "received",
        status: "succeeded",
        startedAt: now,
        endedAt: now,
        durationMs: 0,
        detail: { reportedBy: reporter.by },
      },
    ],
    enqueueDelivery: false,
  });
  if (!result.duplicate && issues.length) {
    throw new DomainError(
      "unprocessable",
      "contract_violation",
      "The reported payload does not match the contract; recorded with an exception.",
      issues,
      { id: result.id },
    );
  }
  return {
    status: result.duplicate ? 200 : 201,
    body: { id: result.id, status: result.status, correlationId: result.correlationId, duplicate: result.duplicate },
  };
}

/** POST /api/v1/track/events/:id/stages — one stage's start or end. */
export async function reportStage(ctx: Ctx, key: KeyRecord, eventId: string, input: TTrackStage) {
  await keyIntegration(ctx, key);
  return recordStage(ctx, key.integrationId, eventId, input);
}

/** One stage of an event of `integrationId` (the caller has established that it reports for that integration). */
export async function recordStage(ctx: Ctx, integrationId: string, eventId: string, input: TTrackStage) {
  const data = parseInput(ZTrackStage, input);
  return ctx.transaction(async (tx) => {
    const event = await ownEvent(tx, integrationId, eventId);
    const at = data.at ? new Date(data.at) : tx.now();
    const fields = {
      status: data.status,
      errorCategory: data.errorCategory ?? (data.status === "failed" ? "permanent" : null),
      error: data.error ?? null,
    };
    const closed =
      data.status !== "started" &&
      (await tx.repos.events.finishStage(event.id, data.stage, data.attempt, { ...fields, endedAt: at }));
    if (!closed) {
      await tx.repos.events.addStages(event.id, [
        {
          stage: data.stage,
          attempt: data.attempt,
          startedAt: at,
          endedAt: data.status === "started" ? null : at,
          durationMs: data.status === "started" ? null : 0,
          ...fields,
        },
      ]);
    }
    let status = event.status;
    if (!FINAL_STATUSES.includes(event.status)) {
      status = data.status === "failed" && fields.errorCategory === "transient" ? "retrying" : "processing";
      await tx.repos.events.transition(
        event.id,
        null,
        {
          status,
          attempts: Math.max(event.attempts, data.attempt),
          ...(data.status === "failed" ? { firstFailedAt: event.firstFailedAt ?? at } : {}),
        },
        tx.now(),
      );
    }
    return { id: event.id, status };
  });
}

/**
 * POST /api/v1/track/events/:id/outcome — success closes the event (and any open
 * exception, as retried); failed closes it as failed and opens an exception.
 * @throws 409 invalid_state when the event already ended differently
 */
export async function reportOutcome(ctx: Ctx, key: KeyRecord, eventId: string, input: TTrackOutcome) {
  await keyIntegration(ctx, key);
  return recordOutcome(ctx, key.integrationId, eventId, input);
}

/** The final outcome of an event of `integrationId` (the caller has established that it reports for that integration). */
export async function recordOutcome(ctx: Ctx, integrationId: string, eventId: string, input: TTrackOutcome) {
  const data = parseInput(ZTrackOutcome, input);
  return ctx.transaction(async (tx) => {
    const event = await ownEvent(tx, integrationId, eventId);
    const integration = await tx.repos.integrations.findById(integrationId);
    if (!integration) throw notFound("Integration");
    const now = tx.now();
    const wanted = data.outcome === "success" ? "succeeded" : "failed";
    if (event.status === wanted) return { id: event.id, status: event.status };
    if (["succeeded", "stale", "overridden", "discarded"].includes(event.status)) {
      throw invalidState(`This event already ended as ${event.status}.`);
    }
    if (data.outcome === "success") {
      await tx.repos.events.transition(
        event.id,
        null,
        { status: "succeeded", outcome: "success", completedAt: now },
        now,
      );
      await tx.repos.exceptions.closeForEvent(event.id, { status: "resolved", resolution: "retried", at: now });
      return { id: event.id, status: "succeeded" };
    }
    await tx.repos.events.transition(
      event.id,
      null,
      { status: "failed", outcome: "failed", completedAt: now, firstFailedAt: event.firstFailedAt ?? now },
      now,
    );
    await tx.repos.exceptions.open({
      eventId: event.id,
      integrationId: integration.id,
      category: data.errorCategory ?? "permanent",
      reason: "workflow_failed",
      message: data.error ?? "The workflow reported a failure.",
      assigneeId: integration.owners.triage,
      openedAt: now,
      dueAt: slaDue(integration, now),
    });
    return { id: event.id, status: "failed" };
  });
}
