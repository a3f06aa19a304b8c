import { z } from "zod";
import { EVENT_SOURCES, EVENT_STATUSES } from "../events/types";

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

export const ZExceptionView = z.object({
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
  event: z.object({
    entityKey: z.string().nullable(),
    idempotencyKey: z.string(),
    status: z.enum(EVENT_STATUSES),
    attempts: z.number(),
    source: z.enum(EVENT_SOURCES),
  }),
});
export type TExceptionView = z.infer<typeof ZExceptionView>;

export const ZExceptionGroupView = z.object({
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

/** The group key: integration + category + error signature, as one opaque string. */
export function groupKey(integrationId: string, category: string, signature: string): string {
  return Buffer.from(JSON.stringify([integrationId, category, signature])).toString("base64url");
}

export function parseGroupKey(
  key: string,
): { integrationId: string; category: z.infer<typeof ZCategory>; signature: string } | null {
  try {
    const [integrationId, category, signature] = JSON.parse(Buffer.from(key, "base64url").toString("utf8")) as string[];
    const parsed = ZCategory.safeParse(category);
    return integrationId && signature !== undefined && parsed.success
      ? { integrationId, category: parsed.data, signature }
      : null;
  } catch {
    return null;
  }
}
