"use client";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { useExceptionGroups, useExceptions, type ExceptionFilters } from "@/lib/client/hooks/exceptions";
import { useIntegrations } from "@/lib/client/hooks/integrations";
import { useUsers } from "@/lib/client/hooks/users";
import { BulkBar } from "./bulk-bar";
import { ExceptionActions } from "./exception-actions";
import { ExceptionRow } from "./exception-row";
import { GroupsPanel } from "./groups-panel";
import { CATEGORY } from "./labels";
import { useExceptionDialogs } from "./use-exception-dialogs";

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.isContentEditable || Boolean(t.closest("dialog")));

/** The exception queue: causes on the left, the list with filters, actions and keyboard shortcuts. */
export function ExceptionsQueue({ meId, canAct, initial = {} }: { meId: string; canAct: boolean; initial?: ExceptionFilters }) {
  const router = useRouter();
  const [filters, setFilters] = useState<ExceptionFilters>({ status: "open", ...initial });
  const users = useUsers();
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const list = useExceptions(filters);
  const groups = useExceptionGroups({ ...filters, status: "open" });
  const integrations = useIntegrations();
  const dialogs = useExceptionDialogs(meId);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const current = items[Math.min(focus, items.length - 1)];
  const target = current ? { id: current.id, eventId: current.eventId, integration: current.integration, assignee: current.assignee } : null;
  const set = (patch: ExceptionFilters) => {
    setFilters({ ...filters, ...patch });
    setFocus(0);
    setSelected(new Set());
  };
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || typing(e.target)) return;
      if (e.key === "j") setFocus((f) => Math.min(f + 1, Math.max(items.length - 1, 0)));
      else if (e.key === "k") setFocus((f) => Math.max(f - 1, 0));
      else if (e.key === "Enter" && current) router.push(`/events/${current.eventId}`);
      else if (!canAct || !target || current?.status !== "open") return;
      else if (e.key === "x") toggle(current.id);
      else if (e.key === "a") dialogs.ask("assign", target);
      else if (e.key === "r") dialogs.act("retry", target);
      else if (e.key === "e") dialogs.ask("replay", target);
      else return;
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    document.querySelector(`[data-testid="exception-row"][aria-current="true"]`)?.scrollIntoView({ block: "nearest" });
  }, [focus]);

  return (
    <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
      <GroupsPanel groups={groups.data?.items ?? []} active={filters.group} onPick={(group) => set({ group })} />
      <div className="min-w-0">
        <div className="mb-3 flex flex-wrap items-end gap-2 text-sm">
          <label className="font-medium text-slate-700">Show
            <Select value={filters.status} onChange={(e) => set({ status: e.target.value })}>
              <option value="open">Open</option><option value="resolved">Resolved</option><option value="ignored">Discarded</option>
            </Select>
          </label>
          <label className="font-medium text-slate-700">Whose
            <Select value={filters.assignee ?? ""} onChange={(e) => set({ assignee: e.target.value || undefined })}>
              <option value="">Everyone&apos;s</option><option value="me">Mine</option><option value="none">Unassigned</option>
              {users.data?.items.filter((u) => u.role !== "manager" && u.id !== meId).map((u) => <option key={u.id} value={u.id}>{u.name}&apos;s</option>)}
            </Select>
          </label>
          <label className="font-medium text-slate-700">Integration
            <Select value={filters.integration ?? ""} onChange={(e) => set({ integration: e.target.value || undefined })}>
              <option value="">All</option>{integrations.data?.items.map((i) => <option key={i.slug} value={i.slug}>{i.name}</option>)}
            </Select>
          </label>
          <label className="font-medium text-slate-700">Kind
            <Select value={filters.category ?? ""} onChange={(e) => set({ category: e.target.value || undefined })}>
              <option value="">All kinds</option>{Object.entries(CATEGORY).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
            </Select>
          </label>
          <label className="flex items-center gap-2 pb-2 font-medium text-slate-700">
            <input type="checkbox" checked={filters.pastSla === "true"} onChange={(e) => set({ pastSla: e.target.checked ? "true" : undefined })} className="size-4" /> Past SLA only
          </label>
        </div>
        {canAct && filters.status === "open" ? <BulkBar hasItems={items.length > 0} selected={[...selected]} filters={filters} onStarted={() => setSelected(new Set())} /> : null}
        {canAct && target && current?.status === "open" ? (
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white p-3">
            <span className="text-sm text-slate-600">Selected: <strong className="text-slate-900">{current.event.entityKey ?? current.event.idempotencyKey}</strong> <span className="text-xs text-slate-500">(j/k move · x tick · a assign · r retry · e edit &amp; replay · Enter open)</span></span>
            <ExceptionActions target={target} dialogs={dialogs} meId={meId} />
          </div>
        ) : null}
        {list.error ? <p role="alert" className="text-sm text-red-700">Could not load the queue: {list.error.message}</p> : null}
        {list.isLoading ? <p className="text-sm text-slate-500">Loading the queue…</p> : null}
        {!list.isLoading && items.length === 0 ? (
          <EmptyState title={filters.status === "open" ? "Nothing to triage" : "Nothing here"}>
            {filters.status === "open"
              ? "No open exceptions match. When a record fails validation, is refused, or runs out of retries, it lands here with the reason, who owns it, and when it is due."
              : "No exceptions match these filters."}
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label="Exceptions">
            {items.map((x, i) => (
              <ExceptionRow key={x.id} x={x} focused={i === focus} selected={selected.has(x.id)} selectable={canAct && x.status === "open"} onFocus={() => setFocus(i)} onToggle={() => toggle(x.id)} />
            ))}
          </ul>
        ) : null}
        {list.hasNextPage ? <Button variant="secondary" className="mt-3" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>{list.isFetchingNextPage ? "Loading…" : "Show older"}</Button> : null}
        {dialogs.element}
      </div>
    </div>
  );
}
