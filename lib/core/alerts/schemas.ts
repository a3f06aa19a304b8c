// What the alert endpoints answer.
import { z } from "zod";
import { page } from "../schemas";
import { ALERT_RULES } from "./types";

export const ZAlertView = z.strictObject({
  id: z.string(),
  rule: z.enum(ALERT_RULES),
  title: z.string(),
  status: z.enum(["firing", "acknowledged", "resolved"]),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  message: z.string(),
  firedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  lastEvaluatedAt: z.string(),
  integration: z.strictObject({ slug: z.string(), name: z.string(), runbook: z.string(), manualFallback: z.string() }),
});
export type TAlertView = z.output<typeof ZAlertView>;
export const ZAlertPage = page(ZAlertView);
export type TAlertPage = z.output<typeof ZAlertPage>;
