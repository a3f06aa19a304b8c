// What the audit webhook settings answer (GET / POST / DELETE /api/v1/settings/audit-webhook).
import { z } from "zod";

export const ZAuditWebhookView = z.strictObject({
  configured: z.boolean(),
  /** masked: `••••` and the last four characters; never the URL itself */
  url: z.string().nullable(),
  allowPrivateNetwork: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type TAuditWebhookView = z.output<typeof ZAuditWebhookView>;

/** Setting the webhook: the view, and its new signing secret, shown this once. */
export const ZAuditWebhookSet = z.strictObject({ webhook: ZAuditWebhookView, secret: z.string() });
export type TAuditWebhookSet = z.output<typeof ZAuditWebhookSet>;
