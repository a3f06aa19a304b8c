import { z } from "zod";
import { retryException } from "@/lib/core/exceptions/retry-exception";
import { endpoint } from "../endpoint";

export const retryExceptionEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/exceptions/{id}/retry",
  summary: "Deliver the stored payload again (tracked: call the replay webhook)",
  action: "exceptions.act",
  params: z.object({ id: z.string().min(1) }),
  body: z.object({ reason: z.string().max(500).optional() }),
  response: z.object({ id: z.string(), eventId: z.string(), eventStatus: z.literal("processing") }),
  status: 202,
  run: ({ ctx, params, body }) => retryException({ ctx, id: params.id, reason: body.reason }),
});
