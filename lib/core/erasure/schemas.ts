// Erasure of a subject (POST /api/v1/erasures/preview, POST /api/v1/erasures): everything held about one person or
// thing, named by an entity key, an identifier of a record, or a value in the payloads, across integrations.
import { z } from "zod";

export const ZErasureQuery = z.strictObject({
  /** entity_key: the contract's entity key; identifier: an idempotency key, correlation id or the target's id;
   * payload_value: a text anywhere in a record (an e-mail address, a customer number) */
  match: z.enum(["entity_key", "identifier", "payload_value"]),
  value: z.string().trim().min(3, "must be at least 3 characters").max(500),
  /** an integration's slug; absent: every integration */
  integration: z.string().min(1).max(100).optional(),
});
export type TErasureQuery = z.output<typeof ZErasureQuery>;

export const ZErasureRun = ZErasureQuery.extend({
  /** the preview's `asOf`: records that arrived after it are left for another look (absent: now) */
  asOf: z.iso.datetime().optional(),
  /** the count the confirmation showed: when the store now holds another number, nothing is erased (409) */
  expectedCount: z.number().int().min(0),
  /** the request being served (a ticket or case number): kept in the audit trail, so it must not hold the value */
  reference: z.string().trim().min(3, "must be at least 3 characters").max(200),
});

const ZPerIntegration = z.strictObject({
  slug: z.string(),
  name: z.string(),
  /** records that will be (or were) erased */
  count: z.number(),
  /** records kept because of a legal hold */
  held: z.number(),
});

export const ZErasurePreview = z.strictObject({
  /** the records counted arrived up to this instant: send it back with the erasure, so that records still arriving
   * for the subject do not change the count being confirmed */
  asOf: z.string(),
  count: z.number(),
  held: z.number(),
  integrations: z.array(ZPerIntegration),
});
export type TErasurePreview = z.output<typeof ZErasurePreview>;

export const ZErasureResult = z.strictObject({
  /** the audit entry's object id */
  id: z.string(),
  erased: z.number(),
  held: z.number(),
  integrations: z.array(ZPerIntegration),
});
export type TErasureResult = z.output<typeof ZErasureResult>;
