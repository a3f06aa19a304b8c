// Contract change management, drift, readiness, the self-test and go-live.
import { z } from "zod";
import { approveContract } from "@/lib/core/contracts/approve-contract";
import { contractDrift } from "@/lib/core/contracts/drift";
import { ZContractExport, ZContractView, ZDrift } from "@/lib/core/contracts/schemas";
import { exportContract, importContract } from "@/lib/core/contracts/transfer";
import { integrationBySlug } from "@/lib/core/integrations/find";
import { confirmCheck, getReadiness, goLive, readinessBoard, ZConfirm, ZGoLive } from "@/lib/core/readiness/readiness";
import { ZGoLiveResult, ZReadiness, ZReadinessBoard, ZSelfTestResult } from "@/lib/core/readiness/schemas";
import { runSelfTest, ZSelfTest } from "@/lib/core/readiness/self-test";
import { endpoint } from "../endpoint";
import { internalSender } from "../self-test";

const ZSlugParam = z.object({ slug: z.string().min(1) });
const ZVersionParam = z.object({ slug: z.string().min(1), version: z.coerce.number().int().min(1) });
export const approveContractEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/contracts/{version}/approve",
  summary: "Approve a draft version, which activates it (a breaking change needs an admin other than its author)",
  action: "contracts.approve",
  params: ZVersionParam,
  response: ZContractView,
  run: ({ ctx, params }) => approveContract({ ctx, slug: params.slug, version: params.version }),
});

export const contractDriftEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}/contracts/{version}/drift",
  summary: "Unknown fields and validation failures seen on a version, and a proposed next version",
  action: "contracts.read",
  params: ZVersionParam,
  response: ZDrift,
  run: ({ ctx, params }) => contractDrift({ ctx, slug: params.slug, version: params.version }),
});

export const exportContractEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}/contracts/{version}/export",
  summary: "A version as a JSON Schema file (Signalbox settings under x-signalbox)",
  action: "contracts.read",
  params: ZVersionParam,
  response: ZContractExport,
  run: ({ ctx, params }) => exportContract({ ctx, slug: params.slug, version: params.version }),
});

export const importContractEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/contracts/import",
  summary: "Import a JSON Schema file as a new draft version",
  action: "contracts.write",
  params: ZSlugParam,
  body: z.record(z.string(), z.unknown()),
  response: ZContractView,
  status: 201,
  run: ({ ctx, params, body }) => importContract({ ctx, slug: params.slug, file: body }),
});

export const readinessEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}/readiness",
  summary: "The seven pre-launch checks of one integration",
  action: "integrations.read",
  params: ZSlugParam,
  response: ZReadiness,
  run: ({ ctx, params }) => getReadiness({ ctx, slug: params.slug }),
});

export const readinessBoardEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/readiness",
  summary: "Every integration's readiness",
  action: "integrations.read",
  response: ZReadinessBoard,
  run: ({ ctx }) => readinessBoard({ ctx }),
});

export const confirmCheckEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/readiness/confirm",
  summary:
    "Confirm by hand, with a note, a readiness check that is a fact outside Signalbox (admin; 422 check_computed for a computed check)",
  action: "integrations.go_live",
  params: ZSlugParam,
  body: ZConfirm,
  response: ZReadiness,
  run: ({ ctx, params, body }) => confirmCheck({ ctx, slug: params.slug, input: body }),
});

export const selfTestEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/self-test",
  summary: "Send a sample twice through the real ingest path; passes when there is one event and one duplicate",
  action: "integrations.write",
  params: ZSlugParam,
  body: ZSelfTest,
  response: ZSelfTestResult,
  run: async ({ ctx, params, body }) => {
    const integration = await integrationBySlug(ctx, params.slug);
    return runSelfTest({
      ctx,
      slug: params.slug,
      input: body,
      send: internalSender(ctx, params.slug, integration.id, { selfTest: true }),
    });
  },
});

export const goLiveEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/go-live",
  summary:
    "Take an integration live (409 readiness_incomplete when two or more checks are missing; 409 readiness_self_confirmed when the asking admin confirmed two or more of them by hand)",
  action: "integrations.go_live",
  params: ZSlugParam,
  body: ZGoLive,
  response: ZGoLiveResult,
  run: ({ ctx, params, body }) => goLive({ ctx, slug: params.slug, input: body }),
});
