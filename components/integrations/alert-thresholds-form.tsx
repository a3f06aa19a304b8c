"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ApiError } from "@/lib/client/api";
import { useUpdateIntegration } from "@/lib/client/hooks/integrations";
import { fromDraft, toDraft, type ThresholdDraft } from "@/lib/client/threshold-draft";
import type { TIntegrationView as IntegrationView } from "@/lib/core/integrations/schemas";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function describe(d: ThresholdDraft, tracked: boolean): string[] {
  const out: string[] = [];
  if (d.failureRatePct)
    out.push(`more than ${d.failureRatePct} % of records fail within ${d.failureWindowMinutes || 15} min`);
  if (d.firstAttemptFailureRatePct)
    out.push(
      `more than ${d.firstAttemptFailureRatePct} % of first delivery attempts fail within ${d.failureWindowMinutes || 15} min`,
    );
  if (d.p95LagSeconds) out.push(`the 95th percentile of arrival → finish is over ${d.p95LagSeconds} s`);
  if (d.backlogMax) out.push(`more than ${d.backlogMax} exceptions are open`);
  if (d.silenceMinutes)
    out.push(
      `no record arrives for ${d.silenceMinutes} min${d.activeFrom || d.activeTo ? ` between ${d.activeFrom || 0}:00 and ${d.activeTo || 24}:00 UTC on ${d.activeDays.map((x) => DAYS[x]).join(", ")}` : ""}`,
    );
  if (tracked && d.stalledStageMinutes)
    out.push(`a tracked record reports no next stage within ${d.stalledStageMinutes} min (it also gets an exception)`);
  out.push("an open exception is past its SLA (always)");
  return out;
}

/** The alert rules of one integration and where their notifications go. */
export function AlertThresholdsForm({ integration: i, canEdit }: { integration: IntegrationView; canEdit: boolean }) {
  const update = useUpdateIntegration(i.slug);
  const [draft, setDraft] = useState(() => toDraft(i.alertThresholds));
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<ThresholdDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const rules = (
    <div className="text-sm text-slate-700">
      <p className="font-medium">Alert when:</p>
      <ul className="ml-5 list-disc">
        {describe(draft, i.mode === "tracked").map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {i.lifecycle !== "live" ? (
        <p className="mt-1 text-xs text-slate-500">Alerts are checked once the integration is live.</p>
      ) : null}
    </div>
  );
  if (!canEdit) return rules;
  const text = (label: string, key: keyof ThresholdDraft, hint?: string, type = "number") => (
    <Field label={label} hint={hint}>
      <Input
        type={type}
        autoComplete="off"
        spellCheck={false}
        value={draft[key] as string}
        onChange={(e) => set({ [key]: e.target.value } as Partial<ThresholdDraft>)}
      />
    </Field>
  );
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ alertThresholds: fromDraft(draft) }, { onSuccess: () => setSaved(true) });
      }}
    >
      {rules}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {text("Failure rate over (%)", "failureRatePct")}
        {text("…within (minutes)", "failureWindowMinutes", "The window for both failure rules.")}
        {text("First-attempt failures over (%)", "firstAttemptFailureRatePct", "Catches trouble retries still hide.")}
        {text("Lag p95 over (seconds)", "p95LagSeconds")}
        {text("Open exceptions over", "backlogMax")}
        {i.mode === "tracked" ? text("Stalled after (minutes without a stage)", "stalledStageMinutes") : null}
        {text("Silence after (minutes)", "silenceMinutes")}
        {text("Active from (hour, UTC)", "activeFrom", "Leave both empty to watch around the clock.")}
        {text("Active until (hour, UTC)", "activeTo")}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Active days</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {DAYS.map((name, day) => (
            <label key={name} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={draft.activeDays.includes(day)}
                onChange={(e) =>
                  set({
                    activeDays: e.target.checked
                      ? [...draft.activeDays, day].sort()
                      : draft.activeDays.filter((x) => x !== day),
                  })
                }
              />
              {name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {text(
          "Signed webhook URL",
          "webhookUrl",
          "JSON with Standard Webhooks signature headers (delivery secret). A saved URL shows as •••• and its last characters: leave it to keep it.",
          "text",
        )}
        {text("Slack-compatible webhook URL", "slackUrl", "Clear a field to stop sending there.", "text")}
        {text("Email to (comma-separated)", "email", "Sent over the SMTP server in SIGNALBOX_SMTP_URL.", "text")}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">On-call paging</legend>
        <p className="text-xs text-slate-500">
          Opens an incident when an alert fires and closes it when the alert resolves. A saved key shows as •••• and its
          last characters: leave it to keep it, clear it to stop paging there.
        </p>
        <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-3">
          {text(
            "PagerDuty routing key",
            "pagerdutyRoutingKey",
            "The Integration Key of an Events API v2 integration on the PagerDuty service to page.",
            "text",
          )}
          {text(
            "Opsgenie API key",
            "opsgenieApiKey",
            "The API key of an API integration in Opsgenie (Teams → Integrations).",
            "text",
          )}
          <Field label="Opsgenie region" hint="Where the Opsgenie account lives.">
            <Select
              value={draft.opsgenieRegion}
              onChange={(e) => set({ opsgenieRegion: e.target.value as ThresholdDraft["opsgenieRegion"] })}
            >
              <option value="us">US (api.opsgenie.com)</option>
              <option value="eu">EU (api.eu.opsgenie.com)</option>
            </Select>
          </Field>
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          Save alert rules
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Saved.
          </span>
        ) : null}
        {update.error ? (
          <span role="alert" className="text-sm text-red-700">
            {(update.error as ApiError).message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
