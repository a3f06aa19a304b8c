import { z } from "zod";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import { listIntegrations } from "@/lib/core/integrations/list-integrations";
import { integrationBySlug } from "@/lib/core/integrations/find";
import { getIntegration, setArchived, setPaused, updateIntegration } from "@/lib/core/integrations/manage";
import {
  ZCreatedIntegration,
  ZCreateIntegration,
  ZIntegrationList,
  ZIntegrationView,
  ZPatchIntegration,
  ZTestAnswer,
} from "@/lib/core/integrations/schemas";
import { sendTestRecord, ZTestRecord } from "@/lib/core/integrations/test-record";
import { sendTestReport, ZTestReport } from "@/lib/core/tracked/send-test-report";
import { endpoint } from "../endpoint";
import { internalSender } from "../self-test";

export const listIntegrationsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations",
  summary: "List integrations (archived ones only with ?archived=true)",
  action: "integrations.read",
  query: z.object({ archived: z.enum(["true", "false"]).optional() }),
  response: ZIntegrationList,
  run: async ({ ctx, query }) => ({ items: await listIntegrations({ ctx, archived: query.archived === "true" }) }),
});

export const createIntegrationEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations",
  summary: "Create an integration (admin); the key and secrets are in this answer only",
  action: "integrations.write",
  body: ZCreateIntegration,
  response: ZCreatedIntegration,
  status: 201,
  run: ({ ctx, body }) => createIntegration({ ctx, input: body }),
});

const ZSlugParam = z.object({ slug: z.string().min(1) });
const ZReason = z.object({ reason: z.string().max(500).optional() });

export const getIntegrationEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}",
  summary: "One integration",
  action: "integrations.read",
  params: ZSlugParam,
  response: ZIntegrationView,
  run: ({ ctx, params }) => getIntegration({ ctx, slug: params.slug }),
});

export const patchIntegrationEndpoint = endpoint({
  method: "PATCH",
  path: "/api/v1/integrations/{slug}",
  summary: "Change an integration (admin)",
  action: "integrations.write",
  params: ZSlugParam,
  body: ZPatchIntegration,
  response: ZIntegrationView,
  run: ({ ctx, params, body }) => updateIntegration({ ctx, slug: params.slug, input: body }),
});

export const pauseIntegrationEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/pause",
  summary: "Pause deliveries (events are still accepted and held)",
  action: "integrations.pause",
  params: ZSlugParam,
  body: ZReason,
  response: ZIntegrationView,
  run: ({ ctx, params, body }) => setPaused({ ctx, slug: params.slug, paused: true, reason: body.reason }),
});

export const resumeIntegrationEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/resume",
  summary: "Resume deliveries; held events go out",
  action: "integrations.pause",
  params: ZSlugParam,
  body: ZReason,
  response: ZIntegrationView,
  run: ({ ctx, params, body }) => setPaused({ ctx, slug: params.slug, paused: false, reason: body.reason }),
});

export const archiveIntegrationEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/archive",
  summary: "Archive (admin): ingest answers 410 integration_archived, hidden from pickers and rankings; data kept",
  action: "integrations.write",
  params: ZSlugParam,
  body: ZReason,
  response: ZIntegrationView,
  run: ({ ctx, params, body }) => setArchived({ ctx, slug: params.slug, archived: true, reason: body.reason }),
});

export const restoreIntegrationEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/restore",
  summary: "Restore an archived integration (admin)",
  action: "integrations.write",
  params: ZSlugParam,
  body: ZReason,
  response: ZIntegrationView,
  run: ({ ctx, params, body }) => setArchived({ ctx, slug: params.slug, archived: false, reason: body.reason }),
});

export const testRecordEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/test-record",
  summary: "Send a sample record through the real ingest path (recorded and delivered like any other; admin)",
  action: "integrations.write",
  params: ZSlugParam,
  body: ZTestRecord,
  response: ZTestAnswer,
  run: async ({ ctx, params, body }) => {
    const integration = await integrationBySlug(ctx, params.slug);
    return sendTestRecord({
      ctx,
      slug: params.slug,
      input: body,
      send: internalSender(ctx, params.slug, integration.id, { selfTest: false }),
    });
  },
});

export const testReportEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/test-report",
  summary:
    "Report a test event for a tracked integration as its workflow would (event, stage, outcome); marked as a test, never counted in the KPIs (admin)",
  action: "integrations.write",
  params: ZSlugParam,
  body: ZTestReport,
  response: ZTestAnswer,
  run: ({ ctx, params, body }) => sendTestReport({ ctx, slug: params.slug, input: body }),
});
