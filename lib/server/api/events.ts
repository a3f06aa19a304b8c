import { z } from "zod";
import { listEvents, ZEventQuery, ZEventSummary } from "@/lib/core/events/list-events";
import { endpoint } from "../endpoint";

export const listEventsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/events",
  summary: "Events, newest first (filters: integration, status, correlationId, q = idempotency or entity key, from, to)",
  action: "events.read",
  query: ZEventQuery,
  response: z.object({ items: z.array(ZEventSummary), nextCursor: z.string().nullable() }),
  run: ({ ctx, query }) => listEvents({ ctx, input: query }),
});
