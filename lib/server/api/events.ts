import { z } from "zod";
import { getEvent } from "@/lib/core/events/get-event";
import { listEvents, ZEventQuery } from "@/lib/core/events/list-events";
import { redeliverEvent } from "@/lib/core/events/redeliver-event";
import { ZEventDetail, ZEventPage, ZRedelivered } from "@/lib/core/events/schemas";
import { ZRedeliver } from "@/lib/core/exceptions/schemas";
import { setLegalHold } from "@/lib/core/retention/retention";
import { ZLegalHold, ZLegalHoldView } from "@/lib/core/retention/schemas";
import { endpoint } from "../endpoint";

export const listEventsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/events",
  summary:
    "Events, newest first (filters: integration, status, correlationId, q = start of the idempotency or entity key, from, to)",
  action: "events.read",
  query: ZEventQuery,
  response: ZEventPage,
  run: ({ ctx, query }) => listEvents({ ctx, input: query }),
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
  response: ZRedelivered,
  status: 202,
  run: ({ ctx, params, body }) => redeliverEvent({ ctx, id: params.id, input: body }),
});

export const legalHoldEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/events/{id}/legal-hold",
  summary:
    "Admin only: put an event under legal hold (retention never expires or removes it), or release it, with a reason",
  action: "events.legal_hold",
  params: z.object({ id: z.string().min(1) }),
  body: ZLegalHold,
  response: ZLegalHoldView,
  run: ({ ctx, params, body }) => setLegalHold({ ctx, eventId: params.id, input: body }),
});
