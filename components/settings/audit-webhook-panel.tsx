"use client";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import { useAuditWebhook, useRemoveAuditWebhook, useSetAuditWebhook } from "@/lib/client/hooks/settings";

/** Admins: the webhook (a SIEM) that receives every new audit entry, signed; the signing secret is shown once. */
export function AuditWebhookPanel() {
  const hook = useAuditWebhook();
  const save = useSetAuditWebhook();
  const remove = useRemoveAuditWebhook();
  const [url, setUrl] = useState("");
  const [allowPrivate, setAllowPrivate] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const current = hook.data;
  useEffect(() => setAllowPrivate(current?.allowPrivateNetwork ?? false), [current?.allowPrivateNetwork]);

  async function onSave(event: FormEvent) {
    event.preventDefault();
    const answer = await save
      .mutateAsync({ url: url.trim() || current?.url || "", allowPrivateNetwork: allowPrivate })
      .catch(() => null);
    if (answer) {
      setSecret(answer.secret);
      setUrl("");
    }
  }

  const error = (save.error ?? remove.error) as ApiError | null;
  return (
    <section aria-labelledby="audit-webhook-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="audit-webhook-heading" className="text-lg font-semibold">
        Audit webhook
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Send every new audit entry to your security monitoring (SIEM) as it happens: a signed POST (Standard Webhooks;{" "}
        <code className="rounded bg-slate-100 px-1">webhook-id</code> is the entry&apos;s id), retried for a few hours
        if it does not answer.
      </p>
      <p className="mt-3 text-sm" data-testid="audit-webhook-status">
        {hook.isLoading ? (
          "Loading…"
        ) : current?.configured ? (
          <>
            Sending to <code className="rounded bg-slate-100 px-1">{current.url}</code>
            {current.updatedAt ? (
              <>
                {" "}
                — set <TimeAgo at={current.updatedAt} />
              </>
            ) : null}
          </>
        ) : (
          "Not set: audit entries stay in Signalbox only."
        )}
      </p>
      <form onSubmit={onSave} className="mt-4 flex flex-wrap items-end gap-3">
        <label className="flex w-full max-w-96 flex-col text-sm font-medium text-slate-700">
          {current?.configured ? "New URL (leave empty to keep it and get a new secret)" : "URL"}
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            required={!current?.configured}
            placeholder="https://siem.example.com/hooks/signalbox"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-normal"
          />
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="size-4"
            checked={allowPrivate}
            onChange={(e) => setAllowPrivate(e.target.checked)}
          />
          It is inside our network (allow a private address)
        </label>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        {current?.configured ? (
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            Remove
          </Button>
        ) : null}
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      {secret ? (
        <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">
            Copy the signing secret now and give it to your SIEM to verify each request — it will not be shown again.
          </p>
          <code
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
            data-testid="audit-webhook-secret"
          >
            {secret}
          </code>
          <Button variant="ghost" className="mt-2" onClick={() => setSecret(null)}>
            I have copied it
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Remove the audit webhook?"
        confirm="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate();
        }}
      >
        Audit entries will no longer be sent to {current?.url}. Entries already waiting to be sent are dropped.
      </ConfirmDialog>
    </section>
  );
}
