"use client";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ReplayingSelect } from "@/components/ui/select";
import { TimeAgo } from "@/components/ui/time-ago";
import { useAudit, type AuditFilters } from "@/lib/client/hooks/audit";
import { useUsers } from "@/lib/client/hooks/users";
import { AUDIT_URL_KEYS, auditFiltersFrom } from "@/lib/client/list-filters";
import { useUrlState } from "@/lib/client/url-state";

const ACTIONS: Record<string, string> = {
  "session.sign_in": "signed in",
  "session.sign_in_refused": "refused a single sign-on",
  "token.create": "created a token",
  "token.revoke": "revoked a token",
  "user.create": "added a person",
  "user.update": "changed a person",
  "integration.create": "created an integration",
  "integration.update": "changed an integration",
  "integration.pause": "paused deliveries",
  "integration.resume": "resumed deliveries",
  "integration.key_create": "created an API key",
  "integration.key_revoke": "revoked an API key",
  "integration.secret_rotate": "rotated a signing secret",
  "contract.create": "added a contract version",
  "exception.assign": "assigned an exception",
  "exception.retry": "retried",
  "exception.rerun": "re-ran",
  "exception.replay": "replayed a corrected record",
  "exception.resolve": "resolved by hand",
  "exception.discard": "discarded",
  "exception.escalate": "escalated (past SLA)",
  "event.redeliver": "delivered an event again",
  "bulk.start": "started a bulk action",
  "bulk.cancel": "stopped a bulk action",
  "audit.export": "downloaded the audit log",
  "settings.audit_webhook_set": "set the audit webhook",
  "settings.audit_webhook_remove": "removed the audit webhook",
  "settings.retention": "changed how long records are kept",
  "retention.expired": "removed what was past its lifetime",
  "event.legal_hold": "put an event under legal hold",
  "event.legal_hold_released": "released a legal hold",
  "erasure.completed": "erased a person's data",
  "archive.restored": "brought archived records back",
};

function objectLink(type: string, id: string): string {
  if (type === "event") return `/events/${id}`;
  return `/audit?object=${encodeURIComponent(`${type}:${id}`)}`;
}

const KEYS = AUDIT_URL_KEYS;

/** The audit trail, filtered by who, since when and which object; the filters live in the URL. */
export function AuditList() {
  const [url, setUrl] = useUrlState(KEYS);
  const filters = useMemo<AuditFilters>(() => auditFiltersFrom(url), [url]);
  const setFilters = (next: AuditFilters) => setUrl(Object.fromEntries(KEYS.map((k) => [k, next[k]])));
  const [object, setObject] = useState(url.object ?? "");
  useEffect(() => setObject(url.object ?? ""), [url.object]);
  const audit = useAudit(filters);
  const users = useUsers();
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <form
        className="mb-4 flex flex-wrap items-end gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, object: object.trim() || undefined });
        }}
      >
        <label className="flex flex-col font-medium text-slate-700">
          Who
          <ReplayingSelect
            value={filters.actor ?? ""}
            onChange={(e) => setFilters({ ...filters, actor: e.target.value || undefined })}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-normal"
          >
            <option value="">Anyone</option>
            {users.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </ReplayingSelect>
        </label>
        <label className="flex flex-col font-medium text-slate-700">
          Since
          <input
            type="date"
            value={filters.from?.slice(0, 10) ?? ""}
            onChange={(e) =>
              setFilters({
                ...filters,
                from: e.target.value ? new Date(`${e.target.value}T00:00:00`).toISOString() : undefined,
              })
            }
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-normal"
          />
        </label>
        <label className="flex flex-col font-medium text-slate-700">
          Object (type:id)
          <input
            value={object}
            onChange={(e) => setObject(e.target.value)}
            placeholder="exception:ck…"
            className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5 font-normal"
          />
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {audit.error ? (
        <p role="alert" className="text-sm text-red-700">
          {audit.error.message}
        </p>
      ) : null}
      {!audit.isLoading && items.length === 0 ? (
        <EmptyState title="No entries match">
          Changes appear here as soon as anyone makes one. Clear the filter to see everything.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline gap-x-2 px-4 py-2 text-sm">
              <span className="w-28 text-slate-500">
                <TimeAgo at={e.at} />
              </span>
              <span className="font-medium">{e.actor}</span>
              <span>{ACTIONS[e.action] ?? e.action}</span>
              <a href={objectLink(e.objectType, e.objectId)} className="font-mono text-xs text-indigo-700 underline">
                {e.objectType}:{e.objectId}
              </a>
              {e.reason ? <span className="text-slate-600">— “{e.reason}”</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {audit.hasNextPage ? (
        <Button
          variant="secondary"
          className="mt-3"
          onClick={() => audit.fetchNextPage()}
          disabled={audit.isFetchingNextPage}
        >
          {audit.isFetchingNextPage ? "Loading…" : "Show older entries"}
        </Button>
      ) : null}
    </>
  );
}
