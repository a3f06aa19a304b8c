import { eraseSubject, previewErasure } from "@/lib/core/erasure/erasure";
import { ZErasurePreview, ZErasureQuery, ZErasureResult, ZErasureRun } from "@/lib/core/erasure/schemas";
import { endpoint } from "../endpoint";

export const previewErasureEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/erasures/preview",
  summary:
    "Admin only: how many records an erasure would remove (and how many a legal hold keeps), per integration; nothing changes. A POST so that the value stays out of URLs and access logs",
  action: "events.erase",
  body: ZErasureQuery,
  response: ZErasurePreview,
  run: ({ ctx, body }) => previewErasure({ ctx, input: body }),
});

export const eraseEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/erasures",
  summary:
    "Admin only: erase everything held about a subject (payloads tombstoned, keys kept as keyed hashes so dedupe still works); refused with 409 when the count differs from `expectedCount`",
  action: "events.erase",
  body: ZErasureRun,
  response: ZErasureResult,
  run: ({ ctx, body }) => eraseSubject({ ctx, input: body }),
});
