"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, TextArea } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import type { ApiError } from "@/lib/client/api";
import { formatDuration } from "@/lib/client/format";
import { useUpdateIntegration } from "@/lib/client/hooks/integrations";
import type { TIntegrationView as IntegrationView } from "@/lib/core/integrations/schemas";

/** SLA, notifications, runbook and fallback — editable by admins, readable by all (retries: DestinationForm). */
export function SettingsForm({ integration: i, canEdit }: { integration: IntegrationView; canEdit: boolean }) {
  const update = useUpdateIntegration(i.slug);
  const [draft, setDraft] = useState({
    slaMinutes: String(i.slaMinutes),
    notificationWebhook: i.notificationWebhook ?? "",
    runbook: i.runbook,
    manualFallback: i.manualFallback,
  });
  const [saved, setSaved] = useState(false);
  const target = i.destination ?? i.replayWebhook;
  const facts = (
    <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
      <div>
        <dt className="text-xs text-slate-500">{i.mode === "relay" ? "Delivers to" : "Replay webhook"}</dt>
        <dd className="break-all font-mono text-xs">{target ? `${target.method} ${target.url}` : "not set"}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Timeout / private addresses</dt>
        <dd>{target ? `${target.timeoutMs / 1000} s · ${target.allowPrivateNetwork ? "allowed" : "refused"}` : "—"}</dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Retries</dt>
        <dd>
          up to {i.retryPolicy.maxAttempts} attempts, the first after about{" "}
          {formatDuration(i.retryPolicy.initialDelayMs)} (growing ×{i.retryPolicy.multiplier}, at most{" "}
          {formatDuration(i.retryPolicy.maxDelayMs)} apart), for at most {formatDuration(i.retryPolicy.maxAgeMs)}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Exception SLA</dt>
        <dd>{i.slaMinutes} minutes, then escalate</dd>
      </div>
    </dl>
  );
  if (!canEdit) {
    return (
      <div className="space-y-4">
        {facts}
        <div>
          <h3 className="mb-1 text-sm font-semibold">Runbook</h3>
          <Markdown text={i.runbook} empty="No runbook yet." />
        </div>
        <div>
          <h3 className="mb-1 text-sm font-semibold">Manual fallback</h3>
          <Markdown text={i.manualFallback} empty="No manual fallback documented." />
        </div>
      </div>
    );
  }
  const n = (v: string) => Number(v);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        update.mutate(
          {
            slaMinutes: n(draft.slaMinutes),
            // unchanged (still the mask): leave it out, so the stored URL is kept
            ...(draft.notificationWebhook === (i.notificationWebhook ?? "")
              ? {}
              : { notificationWebhook: draft.notificationWebhook.trim() || null }),
            runbook: draft.runbook,
            manualFallback: draft.manualFallback,
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      {facts}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Exception SLA (minutes)">
          <Input
            type="number"
            min={1}
            value={draft.slaMinutes}
            onChange={(e) => setDraft({ ...draft, slaMinutes: e.target.value })}
          />
        </Field>
      </div>
      <Field
        label="Notification webhook (Slack-compatible)"
        hint="Escalations are posted here. A saved URL shows as •••• and its last characters: leave it to keep it, clear it to remove it."
      >
        <Input
          type="text"
          inputMode="url"
          autoComplete="off"
          value={draft.notificationWebhook}
          onChange={(e) => setDraft({ ...draft, notificationWebhook: e.target.value })}
          placeholder="https://hooks.slack.com/…"
        />
      </Field>
      <Field label="Runbook (Markdown)">
        <TextArea rows={5} value={draft.runbook} onChange={(e) => setDraft({ ...draft, runbook: e.target.value })} />
      </Field>
      <Field label="Manual fallback (Markdown)">
        <TextArea
          rows={3}
          value={draft.manualFallback}
          onChange={(e) => setDraft({ ...draft, manualFallback: e.target.value })}
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          Save settings
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
