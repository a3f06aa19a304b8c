// What the readiness, self-test and go-live endpoints answer.
import { z } from "zod";
import { ZIntegrationView } from "../integrations/schemas";
import { list } from "../schemas";

export const ZCheckView = z.strictObject({
  key: z.string(),
  label: z.string(),
  ok: z.boolean(),
  how: z.enum(["data", "confirmed", "missing"]),
  detail: z.string(),
  kind: z.enum(["computed", "outside"]),
  confirmable: z.boolean(),
  fix: z.string(),
  place: z.enum(["contracts", "self_test", "owners", "settings", "alert_rules"]),
  confirmedById: z.string().nullable(),
});
export type TCheckView = z.output<typeof ZCheckView>;

export const ZReadiness = z.strictObject({
  integration: z.string(),
  lifecycle: z.string(),
  checks: z.array(ZCheckView),
  missing: z.array(z.string()),
  canGoLive: z.boolean(),
});
export type TReadiness = z.output<typeof ZReadiness>;

export const ZReadinessBoard = list(
  z.strictObject({
    slug: z.string(),
    name: z.string(),
    lifecycle: z.string(),
    checks: z.array(ZCheckView.pick({ key: true, ok: true, how: true })),
    missing: z.array(z.string()),
    canGoLive: z.boolean(),
  }),
);
export type TReadinessBoard = z.output<typeof ZReadinessBoard>;

export const ZSelfTestResult = z.strictObject({
  passed: z.boolean(),
  steps: z.array(z.strictObject({ step: z.string(), ok: z.boolean(), saw: z.string() })),
  idempotencyKey: z.string(),
  eventId: z.string().nullable(),
  contractVersion: z.number(),
  at: z.string(),
});
export type TSelfTestResult = z.output<typeof ZSelfTestResult>;

export const ZGoLiveResult = z.strictObject({
  integration: ZIntegrationView,
  warning: z.strictObject({ check: z.string(), label: z.string(), detail: z.string() }).nullable(),
});
export type TGoLiveResult = z.output<typeof ZGoLiveResult>;
