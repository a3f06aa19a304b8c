"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import { useCreateKey, useKeys, useRevokeKey, useRotateSecret, type KeyView } from "@/lib/client/hooks/integrations";

function ShownOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  return (
    <div
      role="status"
      className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
      data-testid="shown-once"
    >
      <p className="font-medium text-amber-900">{label} — copy it now, it will not be shown again.</p>
      <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono" data-testid="shown-once-value">
        {value}
      </code>
      <Button variant="ghost" className="mt-2" onClick={onDone}>
        I have copied it
      </Button>
    </div>
  );
}

/** API keys (create: shown once; revoke) and signing-secret rotation with a grace period. Admins only. */
export function CredentialsPanel({ slug }: { slug: string }) {
  const keys = useKeys(slug);
  const create = useCreateKey(slug);
  const revoke = useRevokeKey(slug);
  const rotate = useRotateSecret(slug);
  const [name, setName] = useState("");
  const [shown, setShown] = useState<{ label: string; value: string } | null>(null);
  const [revoking, setRevoking] = useState<KeyView | null>(null);
  const problem = [create.error, revoke.error, rotate.error].find(Boolean) as ApiError | undefined;
  return (
    <div className="space-y-4 text-sm">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(name || "api key", {
            onSuccess: (r) => {
              setShown({ label: `API key “${name || "api key"}”`, value: r.key });
              setName("");
            },
          });
        }}
      >
        <label className="font-medium text-slate-700">
          New API key name
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. shop webhook"
            className="w-64"
          />
        </label>
        <Button type="submit" disabled={create.isPending}>
          Create API key
        </Button>
      </form>
      <ul className="divide-y divide-slate-100">
        {keys.data?.items.map((k) => (
          <li key={k.id} className="flex flex-wrap items-center gap-3 py-2">
            <span className="font-medium">{k.name}</span>
            <code className="font-mono text-xs">{k.prefix}…</code>
            <span className="text-xs text-slate-500">
              created <TimeAgo at={k.createdAt} />
            </span>
            {k.revokedAt ? <Badge tone="slate">Revoked</Badge> : <Badge tone="green">Active</Badge>}
            {k.revokedAt ? null : (
              <Button
                variant="danger"
                className="ml-auto"
                onClick={() => {
                  revoke.reset();
                  setRevoking(k);
                }}
                aria-label={`Revoke key ${k.name}`}
              >
                Revoke…
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
        <span className="text-slate-700">Signing secrets (the old one keeps working for 24 hours):</span>
        <Button
          variant="secondary"
          onClick={() =>
            rotate.mutate("ingest", {
              onSuccess: (r) => setShown({ label: "New ingest secret (verifies what senders sign)", value: r.secret }),
            })
          }
        >
          Rotate ingest secret
        </Button>
        <Button
          variant="secondary"
          onClick={() =>
            rotate.mutate("delivery", {
              onSuccess: (r) =>
                setShown({ label: "New delivery secret (signs what Signalbox sends)", value: r.secret }),
            })
          }
        >
          Rotate delivery secret
        </Button>
      </div>
      {shown ? <ShownOnce label={shown.label} value={shown.value} onDone={() => setShown(null)} /> : null}
      {problem && !revoking ? (
        <p role="alert" className="text-red-700">
          {problem.message}
        </p>
      ) : null}
      <Dialog
        open={revoking !== null}
        title={`Revoke the key “${revoking?.name ?? ""}”?`}
        onClose={() => setRevoking(null)}
      >
        {revoking ? (
          <div className="space-y-4 text-sm">
            <p>
              Senders using <span className="font-medium">{revoking.name}</span> (
              <code className="font-mono text-xs">{revoking.prefix}…</code>) will be refused (401) at once. This cannot
              be undone: they will need a new key.
            </p>
            {revoke.error ? (
              <p role="alert" className="text-red-700">
                {(revoke.error as ApiError).message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setRevoking(null)} autoFocus>
                Cancel
              </Button>
              <Button
                variant="danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
              >
                {revoke.isPending ? "Revoking…" : `Revoke “${revoking.name}”`}
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
