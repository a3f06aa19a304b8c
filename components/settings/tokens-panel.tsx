"use client";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ReplayingSelect } from "@/components/ui/select";
import { TimeAgo } from "@/components/ui/time-ago";
import { type ApiError } from "@/lib/client/api";
import { useAllTokens, useCreateToken, useRevokeToken, useTokens, type OwnedToken } from "@/lib/client/hooks/tokens";

/** Personal access tokens: create (the secret is shown once), list, revoke. */
export function TokensPanel({ readOnlyRole, isAdmin = false }: { readOnlyRole: boolean; isAdmin?: boolean }) {
  const [everyone, setEveryone] = useState(false);
  const mine = useTokens();
  const all = useAllTokens(isAdmin && everyone);
  const tokens: { data?: { items: OwnedToken[] }; isLoading: boolean } = isAdmin && everyone ? all : mine;
  const [expiry, setExpiry] = useState("90");
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);

  async function onCreate(event: FormEvent) {
    event.preventDefault();
    const result = await create
      .mutateAsync({ name, expiresInDays: expiry ? Number(expiry) : undefined })
      .catch(() => null);
    if (result) {
      setCreated({ name: result.name, token: result.token });
      setName("");
    }
  }

  return (
    <section aria-labelledby="tokens-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        Personal access tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Scripts use a token instead of your password: send it as{" "}
        <code className="rounded bg-slate-100 px-1">Authorization: Bearer …</code>. A token can do what your role can
        {readOnlyRole ? " — yours are read-only" : ""}.
      </p>
      <form onSubmit={onCreate} className="mt-4 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm font-medium text-slate-700">
          Token name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={80}
            placeholder="e.g. nightly report script"
            className="mt-1 w-72 rounded-md border border-slate-300 px-3 py-1.5 font-normal"
          />
        </label>
        <label className="flex flex-col text-sm font-medium text-slate-700">
          Stops working
          <ReplayingSelect
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            className="mt-1 rounded-md border border-slate-300 px-3 py-1.5 font-normal"
          >
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </ReplayingSelect>
        </label>
        <Button type="submit" disabled={create.isPending || !name.trim()}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {create.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {(create.error as ApiError).message}
        </p>
      ) : null}
      {created ? (
        <div
          role="status"
          className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
          data-testid="new-token"
        >
          <p className="font-medium text-amber-900">
            Copy the token “{created.name}” now — it will not be shown again.
          </p>
          <code
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
            data-testid="new-token-value"
          >
            {created.token}
          </code>
          <Button variant="ghost" className="mt-2" onClick={() => setCreated(null)}>
            I have copied it
          </Button>
        </div>
      ) : null}
      <div className="mt-5">
        {isAdmin ? (
          <label className="mb-2 flex items-center gap-2 text-sm font-medium text-slate-700">
            <input
              type="checkbox"
              className="size-4"
              checked={everyone}
              onChange={(e) => setEveryone(e.target.checked)}
            />{" "}
            Show everyone&apos;s tokens (you may revoke any of them)
          </label>
        ) : null}
        {tokens.isLoading ? <p className="text-sm text-slate-500">Loading tokens…</p> : null}
        {tokens.data && tokens.data.items.length === 0 ? (
          <p className="text-sm text-slate-600">
            You have no tokens yet. Create one above when a script needs to call Signalbox.
          </p>
        ) : null}
        {tokens.data && tokens.data.items.length > 0 ? (
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2">Name</th>
                  {everyone ? <th>Owner</th> : null}
                  <th>Starts with</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Status</th>
                  <th className="sr-only">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.data.items.map((t) => (
                  <tr key={t.id}>
                    <td className="py-2 font-medium">{t.name}</td>
                    {everyone ? <td>{t.owner?.name ?? "—"}</td> : null}
                    <td>
                      <code className="font-mono text-xs">{t.prefix}…</code>
                    </td>
                    <td>
                      <TimeAgo at={t.createdAt} />
                    </td>
                    <td>
                      {t.lastUsedAt ? <TimeAgo at={t.lastUsedAt} /> : <span className="text-slate-500">never</span>}
                    </td>
                    <td>
                      {t.revokedAt ? (
                        <Badge tone="slate">Revoked</Badge>
                      ) : t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now() ? (
                        <Badge tone="slate">Expired</Badge>
                      ) : (
                        <Badge tone="green">Active</Badge>
                      )}
                      {!t.revokedAt && t.expiresAt && new Date(t.expiresAt).getTime() > Date.now() ? (
                        <span className="ml-1 text-xs text-slate-500">
                          until <TimeAgo at={t.expiresAt} />
                        </span>
                      ) : null}
                    </td>
                    <td className="text-right">
                      {t.revokedAt ? null : (
                        <Button
                          variant="danger"
                          disabled={revoke.isPending}
                          onClick={() => {
                            revoke.reset();
                            setRevoking({ id: t.id, name: t.name });
                          }}
                          aria-label={`Revoke token ${t.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <ConfirmDialog
          open={revoking !== null}
          title={`Revoke the token “${revoking?.name ?? ""}”?`}
          confirm="Revoke it"
          danger
          busy={revoke.isPending}
          error={revoke.error ? revoke.error.message : null}
          onCancel={() => {
            setRevoking(null);
            revoke.reset();
          }}
          onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        >
          <p>
            Scripts using it are refused from their next call. This cannot be undone: create a new token if one is
            needed again.
          </p>
        </ConfirmDialog>
      </div>
    </section>
  );
}
