import { z } from "zod";
import { assignException } from "@/lib/core/exceptions/assign-exception";
import { cancelJob, getJob, previewBulk, startBulk, ZBulk } from "@/lib/core/exceptions/bulk";
import { discardException, resolveException } from "@/lib/core/exceptions/close-exception";
import { exceptionGroups, getException, listExceptions } from "@/lib/core/exceptions/list-exceptions";
import { replayException } from "@/lib/core/exceptions/replay-exception";
import { rerunException } from "@/lib/core/exceptions/rerun-exception";
import { retryException } from "@/lib/core/exceptions/retry-exception";
import {
  ZAssign,
  ZAssigned,
  ZBulkPreview,
  ZBulkStarted,
  ZClosed,
  ZDiscard,
  ZExceptionGroups,
  ZExceptionPage,
  ZExceptionQuery,
  ZExceptionView,
  ZJobView,
  ZMoved,
  ZReason,
  ZReplay,
  ZReplayed,
  ZResolve,
} from "@/lib/core/exceptions/schemas";
import { endpoint } from "../endpoint";

const ZId = z.object({ id: z.string().min(1) });
export const listExceptionsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/exceptions",
  summary: "The exception queue (status, assignee = id | me | none, integration, category, pastSla, group)",
  action: "exceptions.read",
  query: ZExceptionQuery,
  response: ZExceptionPage,
  run: ({ ctx, query }) => listExceptions({ ctx, input: query }),
});

export const getExceptionEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/exceptions/{id}",
  summary: "One exception, open or closed (what a link to it shows)",
  action: "exceptions.read",
  params: ZId,
  response: ZExceptionView,
  run: ({ ctx, params }) => getException({ ctx, id: params.id }),
});

export const exceptionGroupsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/exceptions/groups",
  summary: "The queue grouped by cause (integration + category + error signature) with counts and oldest age",
  action: "exceptions.read",
  query: ZExceptionQuery,
  response: ZExceptionGroups,
  run: ({ ctx, query }) => exceptionGroups({ ctx, input: query }),
});

const act = <B, R>(
  path: string,
  summary: string,
  body: z.ZodType<B>,
  response: z.ZodType<R>,
  run: (a: { ctx: Parameters<typeof retryException>[0]["ctx"]; id: string; body: B }) => Promise<R>,
  status = 200,
) =>
  endpoint({
    method: "POST",
    path,
    summary,
    action: "exceptions.act",
    params: ZId,
    body,
    response,
    status,
    run: ({ ctx, params, body: b }) => run({ ctx, id: params.id, body: b }),
  });

export const assignEndpoint = act(
  "/api/v1/exceptions/{id}/assign",
  "Give an exception to an ops/admin user (null: nobody); take = assign to yourself",
  ZAssign,
  ZAssigned,
  ({ ctx, id, body }) => assignException({ ctx, id, input: body }),
);
export const retryExceptionEndpoint = act(
  "/api/v1/exceptions/{id}/retry",
  "Deliver the stored payload again (tracked: call the replay webhook)",
  ZReason,
  ZMoved,
  ({ ctx, id, body }) => retryException({ ctx, id, reason: body.reason }),
  202,
);
export const rerunEndpoint = act(
  "/api/v1/exceptions/{id}/rerun",
  "Run the whole pipeline again with the current contract and mapping",
  ZReason,
  ZMoved,
  ({ ctx, id, body }) => rerunException({ ctx, id, reason: body.reason }),
  202,
);
export const replayEndpoint = act(
  "/api/v1/exceptions/{id}/replay",
  "Send a corrected payload (validated against the contract first; the original is kept)",
  ZReplay,
  ZReplayed,
  ({ ctx, id, body }) => replayException({ ctx, id, input: body as { payload: unknown } }),
  202,
);
export const resolveEndpoint = act(
  "/api/v1/exceptions/{id}/resolve",
  "Resolve by manual override, with a note",
  ZResolve,
  ZClosed,
  ({ ctx, id, body }) => resolveException({ ctx, id, input: body }),
);
export const discardEndpoint = act(
  "/api/v1/exceptions/{id}/discard",
  "Discard the record, with a reason",
  ZDiscard,
  ZClosed,
  ({ ctx, id, body }) => discardException({ ctx, id, input: body }),
);

export const bulkEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/exceptions/bulk",
  summary: "Start a bulk action on explicit ids or a filter (frozen now); progress at /api/v1/jobs/{id}",
  action: "exceptions.act",
  body: ZBulk,
  response: ZBulkStarted,
  status: 202,
  run: ({ ctx, body }) => startBulk({ ctx, input: body }),
});

export const bulkPreviewEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/exceptions/bulk/preview",
  summary: "How many open exceptions a bulk selection holds right now",
  action: "exceptions.act",
  body: ZBulk,
  response: ZBulkPreview,
  run: ({ ctx, body }) => previewBulk({ ctx, input: body }),
});

export const getJobEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/jobs/{id}",
  summary: "A bulk job's progress",
  action: "jobs.read",
  params: ZId,
  response: ZJobView,
  run: ({ ctx, params }) => getJob({ ctx, id: params.id }),
});

export const cancelJobEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/jobs/{id}/cancel",
  summary: "Stop a bulk job after the item in hand",
  action: "jobs.cancel",
  params: ZId,
  response: ZJobView,
  run: ({ ctx, params }) => cancelJob({ ctx, id: params.id }),
});
