// The alert-threshold form's text fields ⇄ the integration's alertThresholds.
import type { z } from "zod";
import type { ZAlertThresholds } from "@/lib/core/integrations/schemas";

type Thresholds = z.input<typeof ZAlertThresholds>;

export interface ThresholdDraft {
  failureRatePct: string;
  failureWindowMinutes: string;
  firstAttemptFailureRatePct: string;
  p95LagSeconds: string;
  backlogMax: string;
  silenceMinutes: string;
  activeFrom: string;
  activeTo: string;
  activeDays: number[];
  stalledStageMinutes: string;
  webhookUrl: string;
  slackUrl: string;
  email: string;
  pagerdutyRoutingKey: string;
  opsgenieApiKey: string;
  opsgenieRegion: "us" | "eu";
}

const str = (v: unknown) => (typeof v === "number" ? String(v) : "");

export function toDraft(raw: Record<string, unknown> | null): ThresholdDraft {
  const t = (raw ?? {}) as Partial<Thresholds> & Record<string, unknown>;
  const notify = t.notify ?? {};
  return {
    failureRatePct: str(t.failureRatePct),
    failureWindowMinutes: str(t.failureWindowMinutes ?? 15),
    firstAttemptFailureRatePct: str(t.firstAttemptFailureRatePct),
    p95LagSeconds: typeof t.p95LagMs === "number" ? String(t.p95LagMs / 1000) : "",
    backlogMax: str(t.backlogMax),
    silenceMinutes: str(t.silenceMinutes),
    activeFrom: str(t.activeHours?.from),
    activeTo: str(t.activeHours?.to),
    activeDays: t.activeHours?.days ?? [1, 2, 3, 4, 5],
    stalledStageMinutes: str(t.stalledStageMinutes),
    webhookUrl: notify.webhookUrl ?? "",
    slackUrl: notify.slackUrl ?? "",
    email: (notify.email ?? []).join(", "),
    pagerdutyRoutingKey: notify.pagerdutyRoutingKey ?? "",
    opsgenieApiKey: notify.opsgenieApiKey ?? "",
    opsgenieRegion: notify.opsgenieRegion ?? "us",
  };
}

const num = (v: string) => (v.trim() === "" ? undefined : Number(v));

/** The thresholds to save (null when nothing is set); the API validates the rest. */
export function fromDraft(d: ThresholdDraft): Thresholds | null {
  const lagSeconds = num(d.p95LagSeconds);
  const from = num(d.activeFrom);
  const to = num(d.activeTo);
  const email = d.email
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const notify = {
    webhookUrl: d.webhookUrl.trim() || undefined,
    slackUrl: d.slackUrl.trim() || undefined,
    email: email.length ? email : undefined,
    pagerdutyRoutingKey: d.pagerdutyRoutingKey.trim() || undefined,
    opsgenieApiKey: d.opsgenieApiKey.trim() || undefined,
    opsgenieRegion: d.opsgenieApiKey.trim() ? d.opsgenieRegion : undefined,
  };
  const t: Thresholds = {
    failureRatePct: num(d.failureRatePct),
    failureWindowMinutes: num(d.failureWindowMinutes),
    firstAttemptFailureRatePct: num(d.firstAttemptFailureRatePct),
    p95LagMs: lagSeconds === undefined ? undefined : Math.round(lagSeconds * 1000),
    backlogMax: num(d.backlogMax),
    silenceMinutes: num(d.silenceMinutes),
    activeHours:
      from === undefined && to === undefined ? undefined : { from: from ?? 0, to: to ?? 24, days: d.activeDays },
    stalledStageMinutes: num(d.stalledStageMinutes),
    notify: Object.values(notify).some((v) => v !== undefined) ? notify : undefined,
  };
  const anyRule = [
    t.failureRatePct,
    t.firstAttemptFailureRatePct,
    t.p95LagMs,
    t.backlogMax,
    t.silenceMinutes,
    t.stalledStageMinutes,
  ].some((v) => v !== undefined);
  return anyRule || t.notify ? t : null;
}
