// Input and output shapes of the integration management API (API.md §4), used by the
// routes, the operations, the console and the OpenAPI document alike.
import { z } from "zod";
import { ZContractInput } from "../contracts/schemas";
import { list } from "../schemas";

export const ZSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "use 2–63 lowercase letters, digits and dashes");

const ZHttpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
/** A stored notification URL sent back masked by an edit: keeps the stored one (secret-urls.ts). */
const ZMask = z.string().startsWith("••••").max(64);
const ZSecretUrl = z.union([ZHttpUrl, ZMask], { error: "must be an http(s) URL" });
/** A paging vendor's key (PagerDuty routing key, Opsgenie API key), or the mask sent back by an edit. */
const ZSecretKey = z.union([z.string().regex(/^[A-Za-z0-9_-]{8,128}$/), ZMask], {
  error: "paste the key as the vendor shows it (letters, digits, dashes)",
});

export const ZWebhookTarget = z.object({
  url: ZHttpUrl,
  method: z.enum(["POST", "PUT", "PATCH"]).default("POST"),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  allowPrivateNetwork: z.boolean().default(false),
});

export const DEFAULT_RETRY_POLICY = {
  maxAttempts: 8,
  initialDelayMs: 5_000,
  maxDelayMs: 36_000_000,
  multiplier: 4,
  maxAgeMs: 259_200_000,
} as const;

export const ZRetryPolicy = z.object({
  maxAttempts: z.number().int().min(1).max(100).default(DEFAULT_RETRY_POLICY.maxAttempts),
  initialDelayMs: z.number().int().min(0).max(86_400_000).default(DEFAULT_RETRY_POLICY.initialDelayMs),
  maxDelayMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(DEFAULT_RETRY_POLICY.maxDelayMs),
  multiplier: z.number().min(1).max(100).default(DEFAULT_RETRY_POLICY.multiplier),
  maxAgeMs: z
    .number()
    .int()
    .min(1_000)
    .max(90 * 86_400_000)
    .default(DEFAULT_RETRY_POLICY.maxAgeMs),
});

export const ZRateLimit = z.object({
  perSecond: z.number().int().min(1).max(100_000).default(200),
  burst: z.number().int().min(1).max(1_000_000).default(400),
});

/** Alert thresholds (the worker evaluates them once the integration is live). */
export const ZAlertThresholds = z
  .object({
    failureRatePct: z.number().min(0).max(100).optional(),
    failureWindowMinutes: z.number().int().min(1).max(1_440).default(15),
    firstAttemptFailureRatePct: z.number().min(0).max(100).optional(),
    p95LagMs: z.number().int().min(1).optional(),
    backlogMax: z.number().int().min(1).optional(),
    silenceMinutes: z.number().int().min(1).optional(),
    /** when silence counts: hours of the day (UTC) and weekdays (0 = Sunday) */
    activeHours: z
      .object({
        from: z.number().int().min(0).max(23),
        to: z.number().int().min(1).max(24),
        days: z.array(z.number().int().min(0).max(6)).min(1),
      })
      .optional(),
    stalledStageMinutes: z.number().int().min(1).optional(),
    notify: z
      .object({
        webhookUrl: ZSecretUrl.optional(),
        slackUrl: ZSecretUrl.optional(),
        email: z.array(z.email()).optional(),
        /** PagerDuty Events API v2: the integration key ("routing key") of the service to page */
        pagerdutyRoutingKey: ZSecretKey.optional(),
        /** Opsgenie Alert API: the API key of an API integration, and the account's region */
        opsgenieApiKey: ZSecretKey.optional(),
        opsgenieRegion: z.enum(["us", "eu"]).optional(),
      })
      .optional(),
  })
  .refine(
    (t) =>
      [
        t.failureRatePct,
        t.firstAttemptFailureRatePct,
        t.p95LagMs,
        t.backlogMax,
        t.silenceMinutes,
        t.stalledStageMinutes,
      ].some((v) => v !== undefined),
    "set at least one threshold",
  );
export type TAlertThresholds = z.output<typeof ZAlertThresholds>;

export const ZOwners = z.object({
  logic: z.string().nullable().optional(),
  dataQuality: z.string().nullable().optional(),
  incident: z.string().nullable().optional(),
  triage: z.string().nullable().optional(),
});

const integrationFields = {
  name: z.string().trim().min(1).max(120),
  sourceSystem: z.string().trim().min(1).max(80),
  targetSystem: z.string().trim().min(1).max(80),
  description: z.string().max(2_000).optional(),
  destination: ZWebhookTarget.nullable().optional(),
  replayWebhook: ZWebhookTarget.nullable().optional(),
  notificationWebhook: ZSecretUrl.nullable().optional(),
  retryPolicy: ZRetryPolicy.optional(),
  rateLimit: ZRateLimit.optional(),
  slaMinutes: z.number().int().min(1).max(43_200).optional(),
  runbook: z.string().max(50_000).optional(),
  manualFallback: z.string().max(50_000).optional(),
  owners: ZOwners.optional(),
  alertThresholds: ZAlertThresholds.nullable().optional(),
};

export const ZCreateIntegration = z
  .object({
    slug: ZSlug,
    mode: z.enum(["relay", "tracked"]),
    contract: ZContractInput.optional(),
    ...integrationFields,
  })
  .superRefine((v, ctx) => {
    if (v.mode === "relay" && !v.destination) {
      ctx.addIssue({ code: "custom", path: ["destination"], message: "a relay integration needs a destination" });
    }
  });
export type TCreateIntegration = z.input<typeof ZCreateIntegration>;

export const ZPatchIntegration = z.object(integrationFields).partial();
export type TPatchIntegration = z.input<typeof ZPatchIntegration>;

// ---- answers ----

const ZTargetView = z.strictObject({
  url: z.string(),
  method: z.enum(["POST", "PUT", "PATCH"]),
  /** header values are masked (••••) */
  headers: z.record(z.string(), z.string()),
  timeoutMs: z.number(),
  allowPrivateNetwork: z.boolean(),
});

/** The integration as the API shows it: no secrets, header values and notification URLs masked. */
export const ZIntegrationView = z.strictObject({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  mode: z.enum(["relay", "tracked"]),
  lifecycle: z.enum(["draft", "live", "paused"]),
  sourceSystem: z.string(),
  targetSystem: z.string(),
  description: z.string(),
  destination: ZTargetView.nullable(),
  replayWebhook: ZTargetView.nullable(),
  notificationWebhook: z.string().nullable(),
  retryPolicy: z.strictObject({
    maxAttempts: z.number(),
    initialDelayMs: z.number(),
    maxDelayMs: z.number(),
    multiplier: z.number(),
    maxAgeMs: z.number(),
  }),
  rateLimit: z.strictObject({ perSecond: z.number(), burst: z.number() }),
  slaMinutes: z.number(),
  runbook: z.string(),
  manualFallback: z.string(),
  owners: z.strictObject({
    logic: z.string().nullable(),
    dataQuality: z.string().nullable(),
    incident: z.string().nullable(),
    triage: z.string().nullable(),
  }),
  alertThresholds: z.record(z.string(), z.unknown()).nullable(),
  contract: z.strictObject({ id: z.string(), version: z.number(), status: z.string() }).nullable(),
  liveAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TIntegrationView = z.output<typeof ZIntegrationView>;

export const ZIntegrationListItem = ZIntegrationView.extend({
  activity: z.strictObject({
    lastEventAt: z.string().nullable(),
    eventsLastHour: z.number(),
    openExceptions: z.number(),
  }),
});
export type TIntegrationListItem = z.output<typeof ZIntegrationListItem>;
export const ZIntegrationList = list(ZIntegrationListItem);
export type TIntegrationList = z.output<typeof ZIntegrationList>;

export const ZCreatedIntegration = z.strictObject({
  integration: ZIntegrationView,
  ingestKey: z.strictObject({ id: z.string(), key: z.string() }),
  ingestSecret: z.string(),
  deliverySecret: z.string(),
});
export type TCreatedIntegration = z.output<typeof ZCreatedIntegration>;

export const ZKeyView = z.strictObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TKeyView = z.output<typeof ZKeyView>;
export const ZKeyList = list(ZKeyView);
export type TKeyList = z.output<typeof ZKeyList>;
export const ZCreatedKey = z.strictObject({ id: z.string(), key: z.string(), name: z.string(), prefix: z.string() });
export type TCreatedKey = z.output<typeof ZCreatedKey>;
export const ZRotatedSecret = z.strictObject({ secret: z.string(), previousValidUntil: z.string() });
export type TRotatedSecret = z.output<typeof ZRotatedSecret>;

/** What "send a test record / report" answers: the ingest answer in plain terms. */
export const ZTestAnswer = z.strictObject({
  accepted: z.boolean(),
  httpStatus: z.number(),
  eventId: z.string().nullable(),
  eventStatus: z.string().nullable(),
  error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown() }).nullable(),
  idempotencyKey: z.string(),
});
export type TTestAnswer = z.output<typeof ZTestAnswer>;
