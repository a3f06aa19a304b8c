// What the reconciliation endpoints answer.
import { z } from "zod";
import { list, page } from "../schemas";

export const FINDING_KINDS = [
  "missing_received",
  "not_delivered",
  "missing_in_target",
  "unknown_in_target",
  "id_mismatch",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const ZReconciliationView = z.strictObject({
  id: z.string(),
  status: z.enum(["uploading", "running", "done", "failed"]),
  from: z.string(),
  to: z.string(),
  sourceCount: z.number(),
  targetCount: z.number(),
  summary: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TReconciliationView = z.output<typeof ZReconciliationView>;
export const ZReconciliationList = list(ZReconciliationView);
export type TReconciliationList = z.output<typeof ZReconciliationList>;

export const ZFindingView = z.strictObject({
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  reason: z.string(),
  sourceId: z.string().nullable(),
  targetId: z.string().nullable(),
  eventId: z.string().nullable(),
  detail: z.string(),
  exceptionId: z.string().nullable(),
});
export type TFindingView = z.output<typeof ZFindingView>;
export const ZFindingPage = page(ZFindingView);
export type TFindingPage = z.output<typeof ZFindingPage>;

export const ZFindingExceptions = z.strictObject({ opened: z.number() });
