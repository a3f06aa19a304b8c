// On-call paging: an alert as a PagerDuty event (Events API v2) and an
// Opsgenie alert (Alert API). One dedup key / alias per alert, derived from its
// id, so the vendor's incident triggers and resolves as one. The bodies built
// here carry no credential: the worker adds the routing key (PagerDuty body)
// or the API key (Opsgenie header) when it sends, from the sealed channel.
import type { TAlertThresholds } from "../integrations/schemas";
import type { Integration } from "../integrations/types";
import { RULE_LABELS, type AlertRecord, type AlertRule } from "./types";

export type PagingChannel = "pagerduty" | "opsgenie";

export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
export const OPSGENIE_API_BASE = { us: "https://api.opsgenie.com", eu: "https://api.eu.opsgenie.com" } as const;

/** Endpoint overrides (SIGNALBOX_PAGERDUTY_URL, SIGNALBOX_OPSGENIE_URL): a test server, a proxy. */
export interface PagingEndpoints {
  /** the full Events API v2 URL */
  pagerdutyUrl?: string;
  /** the Alert API's base (replaces the region's) */
  opsgenieUrl?: string;
}

/** How loud each rule pages: PagerDuty severity, and the Opsgenie priority it maps to. */
const SEVERITY: Record<AlertRule, "error" | "warning"> = {
  failure_rate: "error",
  silence: "error",
  first_attempt_failures: "warning",
  lag_p95: "warning",
  backlog: "warning",
  sla: "warning",
  stalled: "warning",
};
const PRIORITY = { error: "P2", warning: "P3" } as const;

// Vendor limits: PagerDuty summary 1,024 characters (whole event 512 KB), Opsgenie message 130, description
// 15,000, tags 50 each, details 8,000 in all. The alert message and the runbook excerpt are bounded well below.
const MESSAGE_MAX = 2_000;
const RUNBOOK_MAX = 4_000;

export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The vendor-side identity of one alert: PagerDuty dedup_key, Opsgenie alias (same for trigger and resolve). */
export const pagingKey = (alert: Pick<AlertRecord, "id">) => `signalbox-alert-${alert.id}`;

const runbookExcerpt = (integration: Integration) => clip(integration.runbook.trim(), RUNBOOK_MAX) || undefined;

/** PagerDuty Events API v2 event, without `routing_key`. A resolve carries only the action and the dedup key. */
export function pagerdutyEvent(
  alert: AlertRecord,
  integration: Integration,
  link: string | null,
  consoleUrl: string | null,
) {
  const dedup_key = pagingKey(alert);
  if (alert.status === "resolved") return { event_action: "resolve", dedup_key };
  const title = RULE_LABELS[alert.rule];
  return {
    event_action: "trigger",
    dedup_key,
    payload: {
      summary: clip(`${integration.name}: ${title}. ${alert.message}`, 1_024),
      source: integration.slug,
      severity: SEVERITY[alert.rule],
      timestamp: alert.firedAt.toISOString(),
      component: integration.targetSystem,
      group: integration.sourceSystem,
      class: alert.rule,
      custom_details: {
        integration: integration.name,
        rule: title,
        message: clip(alert.message, MESSAGE_MAX),
        value: alert.value,
        threshold: alert.threshold,
        firedAt: alert.firedAt.toISOString(),
        runbook: runbookExcerpt(integration),
        link: link ?? undefined,
      },
    },
    links: link ? [{ href: link, text: "Open the alert in Signalbox (runbook at hand)" }] : undefined,
    client: "Signalbox",
    client_url: consoleUrl?.replace(/\/$/, "") ?? undefined,
  };
}

/** Opsgenie Alert API request without the key: create when firing, close by alias when resolved. */
export function opsgenieRequest(alert: AlertRecord, integration: Integration, link: string | null) {
  const alias = pagingKey(alert);
  if (alert.status === "resolved")
    return {
      path: `/v2/alerts/${encodeURIComponent(alias)}/close?identifierType=alias`,
      body: { source: "Signalbox", note: `Resolved in Signalbox at ${alert.resolvedAt?.toISOString()}.` },
    };
  const runbook = runbookExcerpt(integration);
  const description = [clip(alert.message, MESSAGE_MAX), "", `Firing since ${alert.firedAt.toISOString()}.`];
  if (link) description.push(`Open in Signalbox: ${link}`);
  if (runbook) description.push("", "Runbook:", runbook);
  const details: Record<string, string> = { integration: integration.slug, rule: alert.rule };
  if (alert.value !== null) details.value = String(alert.value);
  if (alert.threshold !== null) details.threshold = String(alert.threshold);
  details.firedAt = alert.firedAt.toISOString();
  if (link) details.link = link;
  return {
    path: "/v2/alerts",
    body: {
      message: clip(`${integration.name}: ${RULE_LABELS[alert.rule]}`, 130),
      alias,
      description: clip(description.join("\n"), 15_000),
      details,
      entity: integration.slug,
      source: "Signalbox",
      priority: PRIORITY[SEVERITY[alert.rule]],
      tags: ["signalbox", alert.rule, clip(integration.slug, 50)],
    },
  };
}

type Notify = NonNullable<TAlertThresholds["notify"]>;

/**
 * Where a paging job goes now and how it is authorised, from the integration's (opened) channel settings;
 * null when the channel is no longer configured.
 */
export function pagingRequest(
  channel: PagingChannel,
  notify: Notify | undefined,
  job: { body: Record<string, unknown>; path?: string },
  endpoints: PagingEndpoints = {},
): { url: string; headers: Record<string, string>; body: Record<string, unknown> } | null {
  if (channel === "pagerduty") {
    const key = notify?.pagerdutyRoutingKey;
    if (!key) return null;
    return {
      url: endpoints.pagerdutyUrl ?? PAGERDUTY_EVENTS_URL,
      headers: {},
      body: { routing_key: key, ...job.body },
    };
  }
  const key = notify?.opsgenieApiKey;
  if (!key) return null;
  const base = (endpoints.opsgenieUrl ?? OPSGENIE_API_BASE[notify?.opsgenieRegion ?? "us"]).replace(/\/$/, "");
  return { url: base + (job.path ?? "/v2/alerts"), headers: { authorization: `GenieKey ${key}` }, body: job.body };
}
