import {
  getAuditWebhook,
  removeAuditWebhook,
  setAuditWebhook,
  ZSetAuditWebhook,
} from "@/lib/core/settings/audit-webhook";
import { getRetention, getStoreOverview, setRetention } from "@/lib/core/retention/retention";
import { ZRetention, ZRetentionView, ZStoreView } from "@/lib/core/retention/schemas";
import { ZAuditWebhookSet, ZAuditWebhookView } from "@/lib/core/settings/schemas";
import { endpoint } from "../endpoint";

const path = "/api/v1/settings/audit-webhook";

export const getAuditWebhookEndpoint = endpoint({
  method: "GET",
  path,
  summary: "The audit webhook (a SIEM receiving every new audit entry, signed): whether one is set, its URL masked",
  action: "settings.audit_webhook",
  response: ZAuditWebhookView,
  run: ({ ctx }) => getAuditWebhook({ ctx }),
});

export const setAuditWebhookEndpoint = endpoint({
  method: "POST",
  path,
  summary:
    "Set the audit webhook (or send the masked URL back to keep it): a new signing secret is generated and answered once",
  action: "settings.audit_webhook",
  body: ZSetAuditWebhook,
  response: ZAuditWebhookSet,
  run: ({ ctx, body }) => setAuditWebhook({ ctx, input: body }),
});

export const removeAuditWebhookEndpoint = endpoint({
  method: "DELETE",
  path,
  summary: "Remove the audit webhook: nothing more is forwarded",
  action: "settings.audit_webhook",
  response: ZAuditWebhookView,
  run: ({ ctx }) => removeAuditWebhook({ ctx }),
});

const retentionPath = "/api/v1/settings/retention";

export const getRetentionEndpoint = endpoint({
  method: "GET",
  path: retentionPath,
  summary:
    "Retention: how long payloads, records and audit entries are kept (days; null keeps forever), per integration overrides and legal holds",
  action: "settings.read",
  response: ZRetentionView,
  run: ({ ctx }) => getRetention({ ctx }),
});

export const setRetentionEndpoint = endpoint({
  method: "POST",
  path: retentionPath,
  summary:
    "Admin only: set the retention policy (the worker expires payloads and records past their lifetime every 10 minutes)",
  action: "settings.retention",
  body: ZRetention,
  response: ZRetentionView,
  run: ({ ctx, body }) => setRetention({ ctx, input: body }),
});

export const getStoreEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/store",
  summary:
    "What the store holds: its size, estimated rows of the large tables, and per integration the oldest record and when the next payload and record expiries are due",
  action: "settings.read",
  response: ZStoreView,
  run: ({ ctx }) => getStoreOverview({ ctx }),
});
