// GET|POST|DELETE /api/v1/settings/audit-webhook – the SIEM webhook every new audit entry is forwarded to (admin only)
import {
  getAuditWebhookEndpoint,
  removeAuditWebhookEndpoint,
  setAuditWebhookEndpoint,
} from "@/lib/server/api/settings";
import { handle } from "@/lib/server/route";

export const GET = handle(getAuditWebhookEndpoint);
export const POST = handle(setAuditWebhookEndpoint);
export const DELETE = handle(removeAuditWebhookEndpoint);
