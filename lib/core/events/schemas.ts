// What GET /api/v1/events and /api/v1/events/{id} answer, and the redelivery answer.
import { z } from "zod";
import { ZExceptionView } from "../exceptions/schemas";
import { page } from "../schemas";
import { EVENT_SOURCES, EVENT_STATUSES } from "./types";

export const ZEventSummary = z.strictObject({
  id: z.string(),
  integration: z.string(),
  status: z.enum(EVENT_STATUSES),
  outcome: z.string().nullable(),
  idempotencyKey: z.string(),
  correlationId: z.string(),
  entityKey: z.string().nullable(),
  entityVersion: z.string().nullable(),
  attempts: z.number(),
  duplicateCount: z.number(),
  receivedAt: z.string(),
  completedAt: z.string().nullable(),
  contractVersion: z.number().nullable(),
  source: z.enum(EVENT_SOURCES),
});
export type TEventSummary = z.output<typeof ZEventSummary>;

export const ZEventPage = page(ZEventSummary);
export type TEventPage = z.output<typeof ZEventPage>;

const ZPerson = z.strictObject({ id: z.string(), name: z.string(), email: z.string() }).nullable();

export const ZStageView = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  stage: z.string(),
  attempt: z.number(),
  status: z.enum(["started", "succeeded", "failed", "skipped"]),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  errorCategory: z.string().nullable(),
  error: z.string().nullable(),
  responseStatus: z.number().nullable(),
  detail: z.unknown(),
});
export type TStageView = z.output<typeof ZStageView>;

export const ZEventDetail = z.strictObject({
  event: ZEventSummary.extend({
    traceId: z.string().nullable(),
    conflictCount: z.number(),
    occurredAt: z.string().nullable(),
    firstFailedAt: z.string().nullable(),
    targetId: z.string().nullable(),
    /** retention never expires or removes it */
    legalHold: z.boolean(),
    /** when retention dropped the payloads (then `payload` is `{ "expired": true }`) */
    payloadExpiredAt: z.string().nullable(),
    /** set when an erasure removed the content: keys and correlation id are then keyed hashes */
    erasedAt: z.string().nullable(),
    payload: z.unknown(),
    deliveryPayload: z.unknown(),
  }),
  integration: z.strictObject({
    slug: z.string(),
    name: z.string(),
    mode: z.enum(["relay", "tracked"]),
    lifecycle: z.enum(["draft", "live", "paused"]),
    sourceSystem: z.string(),
    targetSystem: z.string(),
    owners: z.strictObject({ logic: ZPerson, dataQuality: ZPerson, incident: ZPerson, triage: ZPerson }),
    runbook: z.string(),
    manualFallback: z.string(),
  }),
  stages: z.array(ZStageView),
  arrivals: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.enum(["duplicate", "conflict"]),
      receivedAt: z.string(),
      payload: z.unknown(),
    }),
  ),
  replays: z.array(
    z.strictObject({
      id: z.string(),
      payload: z.unknown(),
      deliveryPayload: z.unknown(),
      by: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  exceptions: z.array(
    ZExceptionView.pick({
      id: true,
      category: true,
      reason: true,
      message: true,
      status: true,
      assignee: true,
      assigneeName: true,
      openedAt: true,
      dueAt: true,
      escalatedAt: true,
      resolvedAt: true,
      resolution: true,
      note: true,
      pastSla: true,
    }).extend({
      escalatedTo: z.string().nullable(),
      escalatedToName: z.string().nullable(),
    }),
  ),
  audit: z.array(
    z.strictObject({
      id: z.string(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      objectType: z.string(),
      objectId: z.string(),
      reason: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  correlated: z.strictObject({
    events: z.array(ZEventSummary),
    timeline: z.array(ZStageView.extend({ integration: z.string() })),
    truncated: z.boolean(),
  }),
  /** records left out of a brief answer: name (payload, deliveryPayload, replay:<id>, arrival:<id>…) → size in bytes */
  omitted: z.record(z.string(), z.number()),
});
export type TEventDetail = z.output<typeof ZEventDetail>;

export const ZRedelivered = z.strictObject({ id: z.string(), status: z.literal("processing") });
export type TRedelivered = z.output<typeof ZRedelivered>;
