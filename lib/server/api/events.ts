import { z } from "zod";
import { getEvent } from "@/lib/core/events/get-event";
import { listEvents, ZEventQuery, ZEventSummary } from "@/lib/core/events/list-events";
import { redeliverEvent } from "@/lib/core/events/redeliver-event";
import { ZExceptionView, ZRedeliver } from "@/lib/core/exceptions/schemas";
import { endpoint } from "../endpoint";

export const listEventsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/events",
  summary:
    "Events, newest first (filters: integration, status, correlationId, q = start of the idempotency or entity key, from, to)",
  action: "events.read",
  query: ZEventQuery,
  response: z.object({ items: z.array(ZEventSummary), nextCursor: z.string().nullable() }),
  run: ({ ctx, query }) => listEvents({ ctx, input: query }),
});

const ZPerson = z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable();
const ZStage = z.object({
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

export const ZEventDetail = z.object({
  event: ZEventSummary.extend({
    traceId: z.string().nullable(),
    conflictCount: z.number(),
    occurredAt: z.string().nullable(),
    firstFailedAt: z.string().nullable(),
    targetId: z.string().nullable(),
    payload: z.unknown(),
    deliveryPayload: z.unknown(),
  }),
  integration: z.object({
    slug: z.string(),
    name: z.string(),
    mode: z.enum(["relay", "tracked"]),
    lifecycle: z.enum(["draft", "live", "paused"]),
    sourceSystem: z.string(),
    targetSystem: z.string(),
    owners: z.object({ logic: ZPerson, dataQuality: ZPerson, incident: ZPerson, triage: ZPerson }),
    runbook: z.string(),
    manualFallback: z.string(),
  }),
  stages: z.array(ZStage),
  arrivals: z.array(
    z.object({ id: z.string(), kind: z.enum(["duplicate", "conflict"]), receivedAt: z.string(), payload: z.unknown() }),
  ),
  replays: z.array(
    z.object({
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
    z.object({
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
  correlated: z.object({
    events: z.array(ZEventSummary),
    timeline: z.array(ZStage.extend({ integration: z.string() })),
    truncated: z.boolean(),
  }),
  /** records left out of a brief answer: name (payload, deliveryPayload, replay:<id>, arrival:<id>…) → size in bytes */
  omitted: z.record(z.string(), z.number()),
});

export const getEventEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/events/{id}",
  summary:
    "One event with its timeline, payloads, duplicates, exceptions, audit and correlated events (payloads=brief leaves out records over 64 KiB, listed in omitted)",
  action: "events.read",
  params: z.object({ id: z.string().min(1) }),
  query: z.object({ payloads: z.enum(["full", "brief"]).default("full") }),
  response: ZEventDetail,
  run: ({ ctx, params, query }) => getEvent({ ctx, id: params.id, brief: query.payloads === "brief" }),
});

export const redeliverEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/events/{id}/redeliver",
  summary: "Admin only: deliver a relay event again, even a succeeded one, with a reason",
  action: "events.redeliver",
  params: z.object({ id: z.string().min(1) }),
  body: ZRedeliver,
  response: z.object({ id: z.string(), status: z.literal("processing") }),
  status: 202,
  run: ({ ctx, params, body }) => redeliverEvent({ ctx, id: params.id, input: body }),
});
