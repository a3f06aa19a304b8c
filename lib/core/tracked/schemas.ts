import { z } from "zod";
import { ZSlug } from "../integrations/schemas";

const ZIso = z.iso.datetime({ offset: true });
const ZCategory = z.enum(["transient", "permanent", "validation"]);

export const ZTrackEvent = z.object({
  integration: ZSlug,
  idempotencyKey: z.string().trim().min(1).max(512).optional(),
  correlationId: z.string().trim().min(1).max(200).optional(),
  entityKey: z.string().trim().min(1).max(512).optional(),
  entityVersion: z.union([z.number(), z.string().min(1).max(64)]).optional(),
  occurredAt: ZIso.optional(),
  payload: z.unknown().optional(),
});
export type TTrackEvent = z.input<typeof ZTrackEvent>;

export const ZTrackStage = z.object({
  stage: z.string().trim().min(1).max(80),
  status: z.enum(["started", "succeeded", "failed"]),
  attempt: z.number().int().min(1).max(1_000).default(1),
  errorCategory: ZCategory.optional(),
  error: z.string().max(4_000).optional(),
  at: ZIso.optional(),
});
export type TTrackStage = z.input<typeof ZTrackStage>;

export const ZTrackOutcome = z.object({
  outcome: z.enum(["success", "failed"]),
  error: z.string().max(4_000).optional(),
  errorCategory: ZCategory.optional(),
});
export type TTrackOutcome = z.input<typeof ZTrackOutcome>;

/** The ingest answer (also POST /api/ingest/{slug}'s). */
export const ZTrackAnswer = z.strictObject({
  id: z.string(),
  status: z.string(),
  correlationId: z.string(),
  duplicate: z.boolean(),
});
export type TTrackAnswer = z.output<typeof ZTrackAnswer>;
export const ZTrackStatus = z.strictObject({ id: z.string(), status: z.string() });
export type TTrackStatus = z.output<typeof ZTrackStatus>;
