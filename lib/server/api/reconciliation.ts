import { z } from "zod";
import {
  getReconciliation,
  listFindings,
  listReconciliations,
  openFindingExceptions,
  runReconciliation,
  startReconciliation,
  ZFindingQuery,
  ZOpenExceptions,
  ZStart,
} from "@/lib/core/reconciliation/reconcile";
import {
  ZFindingExceptions,
  ZFindingPage,
  ZReconciliationList,
  ZReconciliationView,
} from "@/lib/core/reconciliation/schemas";
import { endpoint } from "../endpoint";
import { uploadIds } from "../upload-ids";

const ZId = z.object({ id: z.string().min(1) });
export const startReconciliationEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/reconciliations",
  summary: "Start a reconciliation for a period; then upload the source's and the target's ids",
  action: "reconciliation.run",
  params: z.object({ slug: z.string().min(1) }),
  body: ZStart,
  response: ZReconciliationView,
  status: 201,
  run: ({ ctx, params, body }) => startReconciliation({ ctx, slug: params.slug, input: body }),
});

export const listReconciliationsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}/reconciliations",
  summary: "Recent reconciliations of an integration",
  action: "reconciliation.read",
  params: z.object({ slug: z.string().min(1) }),
  response: ZReconciliationList,
  run: ({ ctx, params }) => listReconciliations({ ctx, slug: params.slug }),
});

export const getReconciliationEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/reconciliations/{id}",
  summary: "A reconciliation's status and findings per kind",
  action: "reconciliation.read",
  params: ZId,
  response: ZReconciliationView,
  run: ({ ctx, params }) => getReconciliation({ ctx, id: params.id }),
});

export const uploadIdsEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/reconciliations/{id}/upload",
  summary:
    "Stream ids in: ?side=source (one record id per line) or ?side=target (target id[,source id] per line); CSV, text or a JSON array",
  action: "reconciliation.run",
  params: ZId,
  query: z.object({ side: z.enum(["source", "target"]) }),
  rawBody: {
    contentTypes: ["text/csv", "text/plain", "application/json"],
    description: "ids, one per line (CSV) or a JSON array",
  },
  response: ZReconciliationView,
  run: ({ ctx, params, query, req }) => uploadIds(ctx, params.id, query.side, req),
});

export const runReconciliationEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/reconciliations/{id}/run",
  summary: "Compare the uploads with Signalbox's events (the worker computes it)",
  action: "reconciliation.run",
  params: ZId,
  response: ZReconciliationView,
  status: 202,
  run: ({ ctx, params }) => runReconciliation({ ctx, id: params.id }),
});

export const findingsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/reconciliations/{id}/findings",
  summary: "The findings, filtered by kind, keyset-paginated",
  action: "reconciliation.read",
  params: ZId,
  query: ZFindingQuery,
  response: ZFindingPage,
  run: ({ ctx, params, query }) => listFindings({ ctx, id: params.id, input: query }),
});

export const findingExceptionsEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/reconciliations/{id}/exceptions",
  summary: "Open an exception for each of these findings (or every finding of a kind)",
  action: "reconciliation.run",
  params: ZId,
  body: ZOpenExceptions,
  response: ZFindingExceptions,
  run: ({ ctx, params, body }) => openFindingExceptions({ ctx, id: params.id, input: body }),
});
