import { z } from "zod";
import { EVENT_SOURCES, EVENT_STATUSES } from "../events/types";
import { list, page } from "../schemas";

export const ZCategory = z.enum(["transient", "permanent", "validation"]);

export const ZExceptionQuery = z.object({
  status: z.enum(["open", "resolved", "ignored"]).default("open"),
  /** a user id, "me", or "none" (unassigned) */
  assignee: z.string().optional(),
  integration: z.string().optional(),
  category: ZCategory.optional(),
  pastSla: z.enum(["true", "false"]).optional(),
  group: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TExceptionQuery = z.input<typeof ZExceptionQuery>;

export const ZExceptionView = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  integration: z.string(),
  integrationName: z.string(),
  category: ZCategory,
  reason: z.string(),
  message: z.string(),
  status: z.enum(["open", "resolved", "ignored"]),
  assignee: z.string().nullable(),
  assigneeName: z.string().nullable(),
  openedAt: z.string(),
  dueAt: z.string(),
  escalatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
  group: z.string(),
  pastSla: z.boolean(),
  event: z.strictObject({
    entityKey: z.string().nullable(),
    idempotencyKey: z.string(),
    status: z.enum(EVENT_STATUSES),
    attempts: z.number(),
    source: z.enum(EVENT_SOURCES),
  }),
});
export type TExceptionView = z.output<typeof ZExceptionView>;
export const ZExceptionPage = page(ZExceptionView);
export type TExceptionPage = z.output<typeof ZExceptionPage>;

export const ZExceptionGroupView = z.strictObject({
  group: z.string(),
  integration: z.string(),
  integrationName: z.string(),
  category: ZCategory,
  reason: z.string(),
  message: z.string(),
  count: z.number(),
  oldestOpenedAt: z.string(),
});

export const ZAssign = z.object({ assignee: z.string().min(1).nullable() });
export const ZResolve = z.object({ note: z.string().trim().min(1, "say what was done by hand").max(2_000) });
export const ZDiscard = z.object({ reason: z.string().trim().min(1, "say why it can be dropped").max(2_000) });
export const ZReplay = z.object({
  payload: z.unknown().refine((v) => v !== undefined, "send the corrected record as payload"),
});
export const ZReason = z.object({ reason: z.string().trim().max(2_000).optional() });
export const ZRedeliver = z.object({ reason: z.string().trim().min(1, "say why it must go out again").max(2_000) });

// Answers of the queue's actions and of bulk jobs (GET /api/v1/jobs/{id}).
export const ZExceptionGroups = list(ZExceptionGroupView);
export type TExceptionGroupView = z.output<typeof ZExceptionGroupView>;
export type TExceptionGroups = z.output<typeof ZExceptionGroups>;
export const ZAssigned = z.strictObject({ id: z.string(), assignee: z.string().nullable() });
export const ZMoved = z.strictObject({ id: z.string(), eventId: z.string(), eventStatus: z.literal("processing") });
export type TMoved = z.output<typeof ZMoved>;
export const ZReplayed = ZMoved.extend({ replayId: z.string() });
export const ZClosed = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  status: z.enum(["resolved", "ignored"]),
  resolution: z.string(),
  eventStatus: z.string(),
});
export type TClosed = z.output<typeof ZClosed>;
export const ZBulkStarted = z.strictObject({ jobId: z.string(), total: z.number() });
export const ZBulkPreview = z.strictObject({ total: z.number() });
export const ZJobView = z.strictObject({
  id: z.string(),
  action: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  skipped: z.number(),
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TJobView = z.output<typeof ZJobView>;
