// The three demo integrations: two relayed by Signalbox, one tracked workflow.
import type { TCreateIntegration } from "../../lib/core/integrations/schemas";

type People = { admin: string; ops: string; manager: string };
export const DEMO_SINK_PORT = Number(process.env.SIGNALBOX_DEMO_SINK_PORT ?? 3999);
const sink = (path: string) => ({
  url: `http://127.0.0.1:${DEMO_SINK_PORT}${path}`,
  allowPrivateNetwork: true,
  timeoutMs: 2_000,
});
const quickRetries = { maxAttempts: 4, initialDelayMs: 1_000, maxDelayMs: 10_000, multiplier: 3, maxAgeMs: 600_000 };

export const DEMO_INTEGRATIONS: ((p: People) => TCreateIntegration)[] = [
  (p) => ({
    slug: "shop-orders-to-erp",
    name: "Shop orders → ERP",
    mode: "relay",
    sourceSystem: "Shop",
    targetSystem: "ERP",
    description: "Every paid web-shop order becomes a sales order in the ERP.",
    contract: {
      schema: {
        type: "object",
        required: ["order"],
        properties: {
          order: {
            type: "object",
            required: ["id", "version", "customerEmail", "total", "currency"],
            properties: {
              id: { type: "string", minLength: 1 },
              version: { type: "integer", minimum: 1 },
              customerEmail: { type: "string", format: "email" },
              total: { type: "number", minimum: 0 },
              currency: { type: "string", enum: ["EUR", "USD", "GBP"] },
              lines: { type: "array", items: { type: "object" } },
            },
          },
        },
      },
      idempotencyKeyPaths: ["/order/id", "/order/version"],
      entityKeyPath: "/order/id",
      versionPath: "/order/version",
      mapping: [
        { from: "/order/id", to: "/externalId" },
        { from: "/order/customerEmail", to: "/customer/email" },
        { from: "/order/total", to: "/amount" },
        { from: "/order/currency", to: "/currency" },
        { from: "/order/lines", to: "/lines" },
      ],
      sourceOfTruth: [
        { field: "/order/id", system: "Shop" },
        { field: "/order/total", system: "Shop" },
        { field: "/order/customerEmail", system: "Shop" },
        { field: "/order/currency", system: "Shop" },
        { field: "/order/lines", system: "Shop" },
      ],
    },
    destination: { ...sink("/erp/orders"), method: "POST" },
    retryPolicy: quickRetries,
    slaMinutes: 30,
    // Live in the demo, so its alerts show up: failures over 10 % in 15 min, more than 30 open exceptions.
    alertThresholds: { failureRatePct: 10, failureWindowMinutes: 15, backlogMax: 30 },
    runbook:
      "## When orders fail\n1. Open the exception and read the ERP's answer.\n2. Fix the order data and replay it.",
    manualFallback: "Key the order into the ERP by hand from the shop back office.",
    owners: { logic: p.admin, dataQuality: p.manager, incident: p.admin, triage: p.ops },
  }),
  (p) => ({
    slug: "crm-contacts-to-marketing",
    name: "CRM contacts → Marketing",
    mode: "relay",
    sourceSystem: "CRM",
    targetSystem: "Marketing platform",
    description: "New and changed CRM contacts are synced to the newsletter tool.",
    contract: {
      schema: {
        type: "object",
        required: ["contactId", "email", "updatedAt"],
        properties: {
          contactId: { type: "string" },
          email: { type: "string", format: "email" },
          firstName: { type: "string" },
          consent: { type: "boolean" },
          updatedAt: { type: "string", format: "date-time" },
        },
      },
      idempotencyKeyPaths: ["/contactId", "/updatedAt"],
      entityKeyPath: "/contactId",
      versionPath: "/updatedAt",
      sourceOfTruth: [{ field: "/email", system: "CRM" }],
    },
    destination: { ...sink("/marketing/contacts"), method: "PUT" },
    retryPolicy: quickRetries,
    slaMinutes: 120,
    runbook: "Check the marketing platform's status page; replay after it recovers.",
    manualFallback: "Export the contacts from the CRM as CSV and import them.",
    owners: { logic: p.admin, dataQuality: p.manager, incident: p.ops, triage: p.ops },
  }),
  (p) => ({
    slug: "invoice-approval-workflow",
    name: "Invoice approval (no-code workflow)",
    mode: "tracked",
    sourceSystem: "Accounting inbox",
    targetSystem: "Accounting system",
    description: "A no-code workflow that reports each invoice and each step of its approval.",
    replayWebhook: { ...sink("/workflow/replay"), method: "POST" },
    slaMinutes: 240,
    runbook: "Open the workflow run in the no-code tool and re-run the failed step.",
    manualFallback: "Forward the invoice e-mail to the accounts team.",
    owners: { logic: p.admin, dataQuality: p.manager, incident: p.admin, triage: p.ops },
  }),
];
