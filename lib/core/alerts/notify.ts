// An alert's notifications: a signed generic webhook, a Slack-compatible
// webhook, email and the paging vendors (PagerDuty, Opsgenie), each a queued
// job (retried by the worker, never lost with the transaction that fired or
// resolved the alert).
import type { Ctx } from "../context";
import type { NotifyChannel } from "../jobs/notify";
import type { TAlertThresholds } from "../integrations/schemas";
import type { Integration } from "../integrations/types";
import { opsgenieRequest, pagerdutyEvent } from "./paging";
import { RULE_LABELS, type AlertRecord } from "./types";

/** Notifications may go to private addresses when the integration's own targets may (local set-ups, tests). */
export function privateNetworkAllowed(integration: Pick<Integration, "destination" | "replayWebhook">): boolean {
  return Boolean(integration.destination?.allowPrivateNetwork || integration.replayWebhook?.allowPrivateNetwork);
}

export function alertLink(consoleUrl: string | null, alert: AlertRecord): string | null {
  return consoleUrl ? `${consoleUrl.replace(/\/$/, "")}/alerts?alert=${alert.id}` : null;
}

export function alertText(alert: AlertRecord, integration: Integration, link: string | null): string {
  const head =
    alert.status === "resolved"
      ? `:white_check_mark: Resolved — ${integration.name}: ${RULE_LABELS[alert.rule]}`
      : `:rotating_light: ${integration.name}: ${RULE_LABELS[alert.rule]}`;
  return `${head}. ${alert.message}${link ? ` · ${link}` : ""}`;
}

/** The JSON both webhooks receive: Slack reads `text`, other receivers the `signalbox` facts. */
export function alertBody(alert: AlertRecord, integration: Integration, consoleUrl: string | null) {
  const link = alertLink(consoleUrl, alert);
  return {
    text: alertText(alert, integration, link),
    signalbox: {
      type: alert.status === "resolved" ? "alert.resolved" : "alert.firing",
      alertId: alert.id,
      integration: integration.slug,
      rule: alert.rule,
      title: RULE_LABELS[alert.rule],
      status: alert.status,
      value: alert.value,
      threshold: alert.threshold,
      message: alert.message,
      firedAt: alert.firedAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
      link,
    },
  };
}

function emailText(alert: AlertRecord, integration: Integration, link: string | null): string {
  const lines = [
    `${RULE_LABELS[alert.rule]} — ${integration.name} (${integration.slug})`,
    alert.status === "resolved"
      ? `Resolved at ${alert.resolvedAt?.toISOString()} (fired ${alert.firedAt.toISOString()}).`
      : `Firing since ${alert.firedAt.toISOString()}.`,
    "",
    alert.message,
  ];
  if (link) lines.push("", `Open in Signalbox: ${link}`);
  if (alert.status !== "resolved" && integration.runbook.trim())
    lines.push("", "Runbook:", integration.runbook.trim().slice(0, 4_000));
  return lines.join("\n");
}

/** Queue this alert's notifications on every channel the thresholds name (or the integration's notification webhook). */
export async function queueAlertNotifications(
  tx: Ctx,
  alert: AlertRecord,
  integration: Integration,
  thresholds: TAlertThresholds | null,
  consoleUrl: string | null,
) {
  const now = tx.now();
  const notify = thresholds?.notify ?? {};
  const body = alertBody(alert, integration, consoleUrl);
  const messageId = `alert_${alert.id}_${alert.status === "resolved" ? "resolved" : "firing"}`;
  // Jobs name the channel, never its URL (sealed at rest): the worker opens it when sending.
  const to = (channel: NotifyChannel) => ({ integrationId: integration.id, channel });
  if (notify.webhookUrl) {
    await tx.repos.queue.enqueue({
      kind: "notify",
      payload: { to: to("alert_webhook"), body, signWith: { integrationId: integration.id, messageId } },
      runAt: now,
    });
  }
  const slack: NotifyChannel | null = notify.slackUrl
    ? "alert_slack"
    : !notify.webhookUrl && integration.notificationWebhook
      ? "notification"
      : null;
  if (slack)
    await tx.repos.queue.enqueue({ kind: "notify", payload: { to: to(slack), body: { text: body.text } }, runAt: now });
  if (notify.email?.length) {
    const subject = `${alert.status === "resolved" ? "[resolved] " : "[alert] "}${integration.name}: ${RULE_LABELS[alert.rule]}`;
    await tx.repos.queue.enqueue({
      kind: "email",
      payload: { to: notify.email, subject, text: emailText(alert, integration, alertLink(consoleUrl, alert)) },
      runAt: now,
    });
  }
  // Paging: trigger when firing, resolve / close when resolved, under one dedup key / alias per alert.
  const link = alertLink(consoleUrl, alert);
  const whileFiring = alert.status === "resolved" ? undefined : alert.id;
  if (notify.pagerdutyRoutingKey)
    await tx.repos.queue.enqueue({
      kind: "notify",
      payload: { to: to("pagerduty"), body: pagerdutyEvent(alert, integration, link, consoleUrl), whileFiring },
      runAt: now,
    });
  if (notify.opsgenieApiKey) {
    const { path, body } = opsgenieRequest(alert, integration, link);
    await tx.repos.queue.enqueue({
      kind: "notify",
      payload: { to: to("opsgenie"), path, body, whileFiring },
      runAt: now,
    });
  }
}
