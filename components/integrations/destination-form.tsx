"use client";
// Where and how Signalbox sends (destination or replay webhook), the retry
// policy and the ingest rate limit. Admins edit; the change is audited without
// header values, and a private address is refused unless allowed.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ApiError } from "@/lib/client/api";
import { formatDuration } from "@/lib/client/format";
import { useUpdateIntegration } from "@/lib/client/hooks/integrations";
import type { TIntegrationView as IntegrationView } from "@/lib/core/integrations/schemas";
import { FieldError, fieldError, TargetFields, targetDraft, targetInput, type TargetDraft } from "./target-fields";

const seconds = (ms: number) => String(ms / 1000);
const hours = (ms: number) => String(ms / 3_600_000);

export function DestinationForm({ integration: i, canEdit }: { integration: IntegrationView; canEdit: boolean }) {
  const update = useUpdateIntegration(i.slug);
  const relay = i.mode === "relay";
  const current = relay ? i.destination : i.replayWebhook;
  const [target, setTarget] = useState<TargetDraft>(() => targetDraft(current));
  const [retry, setRetry] = useState(() => ({
    maxAttempts: String(i.retryPolicy.maxAttempts),
    initialDelaySec: seconds(i.retryPolicy.initialDelayMs),
    multiplier: String(i.retryPolicy.multiplier),
    maxDelaySec: seconds(i.retryPolicy.maxDelayMs),
    maxAgeHours: hours(i.retryPolicy.maxAgeMs),
  }));
  const [rate, setRate] = useState(() => ({
    perSecond: String(i.rateLimit.perSecond),
    burst: String(i.rateLimit.burst),
  }));
  const [saved, setSaved] = useState(false);
  const path = relay ? "/destination" : "/replayWebhook";

  if (!canEdit) {
    return (
      <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-500">{relay ? "Delivers to" : "Replay webhook"}</dt>
          <dd className="break-all font-mono text-xs">{current ? `${current.method} ${current.url}` : "not set"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Headers</dt>
          <dd className="font-mono text-xs">
            {current && Object.keys(current.headers).length
              ? Object.keys(current.headers)
                  .map((h) => `${h}: ••••`)
                  .join(", ")
              : "none"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Retries</dt>
          <dd>
            up to {i.retryPolicy.maxAttempts} attempts over at most {formatDuration(i.retryPolicy.maxAgeMs)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Rate limit</dt>
          <dd>
            {i.rateLimit.perSecond} records per second (bursts of {i.rateLimit.burst})
          </dd>
        </div>
      </dl>
    );
  }

  const n = (v: string) => Number(v);
  return (
    <form
      className="space-y-5"
      aria-label="Destination and delivery settings"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const next = targetInput(target);
        update.mutate(
          {
            ...(relay ? { destination: next } : { replayWebhook: next.url ? next : null }),
            retryPolicy: {
              maxAttempts: n(retry.maxAttempts),
              initialDelayMs: Math.round(n(retry.initialDelaySec) * 1000),
              multiplier: n(retry.multiplier),
              maxDelayMs: Math.round(n(retry.maxDelaySec) * 1000),
              maxAgeMs: Math.round(n(retry.maxAgeHours) * 3_600_000),
            },
            rateLimit: { perSecond: n(rate.perSecond), burst: n(rate.burst) },
          },
          {
            onSuccess: (view) => {
              setSaved(true);
              setTarget(targetDraft(relay ? view.destination : view.replayWebhook));
            },
          },
        );
      }}
    >
      <TargetFields
        draft={target}
        onChange={(d) => {
          setSaved(false);
          setTarget(d);
        }}
        error={update.error}
        path={path}
        urlLabel={relay ? "Destination URL" : "Replay webhook URL"}
        required={relay}
      />
      <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-5">
        <legend className="mb-1 text-sm font-medium text-slate-700">
          Retries (transient failures: timeouts, 408, 425, 429, 5xx)
        </legend>
        <Field label="Attempts at most">
          <Input
            type="number"
            min={1}
            max={100}
            value={retry.maxAttempts}
            onChange={(e) => setRetry({ ...retry, maxAttempts: e.target.value })}
          />
          <FieldError message={fieldError(update.error, "/retryPolicy/maxAttempts")} />
        </Field>
        <Field label="First retry after (s)">
          <Input
            type="number"
            min={0}
            step="any"
            value={retry.initialDelaySec}
            onChange={(e) => setRetry({ ...retry, initialDelaySec: e.target.value })}
          />
          <FieldError message={fieldError(update.error, "/retryPolicy/initialDelayMs")} />
        </Field>
        <Field label="Growing ×">
          <Input
            type="number"
            min={1}
            step="any"
            value={retry.multiplier}
            onChange={(e) => setRetry({ ...retry, multiplier: e.target.value })}
          />
          <FieldError message={fieldError(update.error, "/retryPolicy/multiplier")} />
        </Field>
        <Field label="At most apart (s)">
          <Input
            type="number"
            min={0}
            step="any"
            value={retry.maxDelaySec}
            onChange={(e) => setRetry({ ...retry, maxDelaySec: e.target.value })}
          />
          <FieldError message={fieldError(update.error, "/retryPolicy/maxDelayMs")} />
        </Field>
        <Field label="Give up after (hours)">
          <Input
            type="number"
            min={0.001}
            step="any"
            value={retry.maxAgeHours}
            onChange={(e) => setRetry({ ...retry, maxAgeHours: e.target.value })}
          />
          <FieldError message={fieldError(update.error, "/retryPolicy/maxAgeMs")} />
        </Field>
      </fieldset>
      <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium text-slate-700">
          Ingest rate limit (over it, senders get 429 with Retry-After)
        </legend>
        <Field label="Records per second">
          <Input
            type="number"
            min={1}
            value={rate.perSecond}
            onChange={(e) => setRate({ ...rate, perSecond: e.target.value })}
          />
          <FieldError message={fieldError(update.error, "/rateLimit/perSecond")} />
        </Field>
        <Field label="Burst">
          <Input
            type="number"
            min={1}
            value={rate.burst}
            onChange={(e) => setRate({ ...rate, burst: e.target.value })}
          />
          <FieldError message={fieldError(update.error, "/rateLimit/burst")} />
        </Field>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save destination and delivery"}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Saved. Workers use it within a few seconds.
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
