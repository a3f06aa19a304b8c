// Notification URLs (the integration's notification webhook, the alert
// channels' webhook and Slack URLs) carry their credential in the URL itself,
// and the paging channels' keys (PagerDuty routing key, Opsgenie API key) are
// credentials outright: they are sealed at rest by the repository and write-only here. Views show a
// mask (admins and ops see the last four characters too, managers and the
// audit trail only the mask); an edit that sends the mask back keeps the
// stored URL, a PATCH without the field keeps it, null removes it.
import type { Actor } from "../context";
import type { Issue } from "../errors";
import type { TAlertThresholds } from "./schemas";

export const URL_MASK = "••••";

export const isMasked = (value: unknown): value is string => typeof value === "string" && value.startsWith(URL_MASK);

/** Who may see a stored URL's last characters: roles that configure or act on integrations. */
export const seesTail = (actor: Actor | undefined): boolean => actor?.kind === "user" && actor.role !== "manager";

export function maskUrl(url: string | null | undefined, tail: boolean): string | null {
  if (!url) return null;
  return tail ? URL_MASK + url.slice(-4) : URL_MASK;
}

type Notify = NonNullable<TAlertThresholds["notify"]>;
/** The alert channels' credentials in `alertThresholds.notify`: sealed by the repository, masked in every view. */
export const SECRET_CHANNELS = ["webhookUrl", "slackUrl", "pagerdutyRoutingKey", "opsgenieApiKey"] as const;
const CHANNELS = SECRET_CHANNELS;

/** The thresholds with each channel URL masked. */
export function maskThresholds(raw: unknown, tail: boolean): Record<string, unknown> | null {
  if (!raw || typeof raw !== "object") return (raw ?? null) as Record<string, unknown> | null;
  const t = raw as Record<string, unknown> & { notify?: Notify };
  if (!t.notify) return t;
  const notify: Record<string, unknown> = { ...t.notify };
  for (const c of CHANNELS) if (notify[c]) notify[c] = maskUrl(notify[c] as string, tail);
  return { ...t, notify };
}

/**
 * Replace masks sent back by an edit with the stored URLs.
 * @returns the values to store and issues for a mask with nothing stored behind it
 */
export function mergeSecretUrls(
  next: { notificationWebhook?: string | null; alertThresholds?: TAlertThresholds | null },
  before: { notificationWebhook: string | null; alertThresholds: unknown } | null,
): { notificationWebhook?: string | null; alertThresholds?: TAlertThresholds | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const out: { notificationWebhook?: string | null; alertThresholds?: TAlertThresholds | null } = {};
  if (next.notificationWebhook !== undefined) {
    out.notificationWebhook = next.notificationWebhook;
    if (isMasked(next.notificationWebhook)) {
      if (before?.notificationWebhook) out.notificationWebhook = before.notificationWebhook;
      else issues.push({ path: "/notificationWebhook", message: "give a URL" });
    }
  }
  if (next.alertThresholds !== undefined) {
    out.alertThresholds = next.alertThresholds;
    const notify = next.alertThresholds?.notify;
    if (notify && next.alertThresholds) {
      const stored = ((before?.alertThresholds as { notify?: Notify } | null)?.notify ?? {}) as Notify;
      const merged: Notify = { ...notify };
      for (const c of CHANNELS) {
        if (!isMasked(merged[c])) continue;
        if (stored[c]) merged[c] = stored[c];
        else
          issues.push({
            path: `/alertThresholds/notify/${c}`,
            message: c.endsWith("Url") ? "give a URL" : "give the key",
          });
      }
      out.alertThresholds = { ...next.alertThresholds, notify: merged };
    }
  }
  return { ...out, issues };
}
