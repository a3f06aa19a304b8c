// Retention settings (GET / PUT /api/v1/settings/retention): instance defaults, and per integration an override of
// either lifetime or a legal hold over everything it holds. A lifetime of null keeps forever.
import { z } from "zod";

const days = z.number().int().min(1).max(36_500).nullable();

export const ZLifetimes = z.strictObject({
  /** days until an event's payloads are dropped (record, delivered body, replays, response excerpts) */
  payloadDays: days,
  /** days until the event itself is removed (stages, arrivals, attempts with it); KPI rollups stay */
  recordDays: days,
});

export const ZIntegrationRetention = z.strictObject({
  payloadDays: days.optional(),
  recordDays: days.optional(),
  /** everything of this integration is kept, whatever the lifetimes */
  legalHold: z.boolean().optional(),
});

export const ZRetention = z
  .strictObject({
    defaults: ZLifetimes.extend({
      /** days audit entries are kept (their own, longer lifetime) */
      auditDays: days,
    }),
    /** by integration id */
    integrations: z.record(z.string().max(40), ZIntegrationRetention).default({}),
  })
  .superRefine((value, issue) => {
    const check = (where: (string | number)[], l: { payloadDays?: number | null; recordDays?: number | null }) => {
      if (l.payloadDays != null && l.recordDays != null && l.recordDays < l.payloadDays)
        issue.addIssue({
          code: "custom",
          path: [...where, "recordDays"],
          message: "records cannot be removed before their payloads expire: make it at least the payload lifetime",
        });
    };
    check(["defaults"], value.defaults);
    for (const [id, o] of Object.entries(value.integrations)) check(["integrations", id], { ...value.defaults, ...o });
  });
export type TRetention = z.output<typeof ZRetention>;

/** What a new install keeps: payloads three months, records a year, the audit trail three years. */
export const DEFAULT_RETENTION: TRetention = {
  defaults: { payloadDays: 90, recordDays: 365, auditDays: 1_095 },
  integrations: {},
};

export const ZRetentionView = z.strictObject({
  policy: z.strictObject({
    defaults: ZLifetimes.extend({ auditDays: days }),
    integrations: z.record(z.string(), ZIntegrationRetention),
  }),
  updatedAt: z.string().nullable(),
});
export type TRetentionView = z.output<typeof ZRetentionView>;

export const ZLegalHold = z.strictObject({
  hold: z.boolean(),
  /** why (a case number, a request): kept in the audit trail */
  reason: z.string().trim().min(3).max(500),
});

export const ZLegalHoldView = z.strictObject({ id: z.string(), legalHold: z.boolean() });

/** What the store holds (GET /api/v1/store): row counts are estimates, never full counts. */
export const ZStoreView = z.strictObject({
  provider: z.enum(["sqlite", "postgresql"]),
  sizeBytes: z.number(),
  rows: z.strictObject({ events: z.number(), stages: z.number(), exceptions: z.number(), audit: z.number() }),
  integrations: z.array(
    z.strictObject({
      slug: z.string(),
      name: z.string(),
      oldestAt: z.string().nullable(),
      legalHold: z.boolean(),
      /** when the oldest payload still kept is due to go (null: kept forever, or none kept) */
      nextPayloadExpiryAt: z.string().nullable(),
      /** when the oldest event is due to go */
      nextRecordExpiryAt: z.string().nullable(),
    }),
  ),
});
export type TStoreView = z.output<typeof ZStoreView>;
