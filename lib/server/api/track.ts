import { z } from "zod";
import { reportEvent, reportOutcome, reportStage } from "@/lib/core/tracked/report";
import { ZTrackAnswer, ZTrackEvent, ZTrackOutcome, ZTrackStage, ZTrackStatus } from "@/lib/core/tracked/schemas";
import { integrationEndpoint } from "../integration-route";

const ZEventId = z.object({ id: z.string().min(1) });

export const trackEventEndpoint = integrationEndpoint({
  method: "POST",
  path: "/api/v1/track/events",
  summary: "Report an event of a workflow that runs elsewhere (integration API key)",
  body: ZTrackEvent,
  response: ZTrackAnswer,
  run: ({ ctx, key, body }) => reportEvent(ctx, key, body),
});

export const trackStageEndpoint = integrationEndpoint({
  method: "POST",
  path: "/api/v1/track/events/{id}/stages",
  summary: "Report a stage of a tracked event (started, succeeded, failed)",
  params: ZEventId,
  body: ZTrackStage,
  response: ZTrackStatus,
  run: async ({ ctx, key, params, body }) => ({ status: 200, body: await reportStage(ctx, key, params.id, body) }),
});

export const trackOutcomeEndpoint = integrationEndpoint({
  method: "POST",
  path: "/api/v1/track/events/{id}/outcome",
  summary: "Report the final outcome of a tracked event; a failure opens an exception",
  params: ZEventId,
  body: ZTrackOutcome,
  response: ZTrackStatus,
  run: async ({ ctx, key, params, body }) => ({ status: 200, body: await reportOutcome(ctx, key, params.id, body) }),
});
