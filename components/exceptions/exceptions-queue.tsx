"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { reconcile, showPending, type Frozen } from "@/lib/client/frozen-list";
import { useException, useExceptionGroups, useExceptions, type ExceptionFilters } from "@/lib/client/hooks/exceptions";
import { EXCEPTION_URL_KEYS, exceptionFiltersFrom } from "@/lib/client/list-filters";
import { useUrlState } from "@/lib/client/url-state";
import type { TExceptionView } from "@/lib/core/exceptions/schemas";
import { BulkBar } from "./bulk-bar";
import { ExceptionActions } from "./exception-actions";
import { ExceptionRow } from "./exception-row";
import { GroupsPanel } from "./groups-panel";
import { QueueFilters } from "./queue-filters";
import { targetOf, useExceptionDialogs } from "./use-exception-dialogs";

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.isContentEditable || Boolean(t.closest("dialog")));
/** Enter opens the event only from a row or the page itself, never instead of the button or link that has focus. */
const pressable = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === "BUTTON" || t.tagName === "A");
const KEYS = EXCEPTION_URL_KEYS;
const rowOf = (id: string) =>
  document.querySelector<HTMLElement>(`[data-testid="exception-row"][data-id="${CSS.escape(id)}"]`);

/**
 * The exception queue: causes on the left, the list with filters, actions and keyboard shortcuts. Filters and the
 * selected exception live in the URL. The list shown is frozen between refreshes (lib/client/frozen-list): new items
 * wait behind "N new, show", items that left are marked, so the selection (an id) never moves by itself.
 */
export function ExceptionsQueue({ meId, canAct }: { meId: string; canAct: boolean }) {
  const router = useRouter();
  const [url, setUrl] = useUrlState(KEYS);
  // The same reading of the URL as the page's on the server (lib/client/list-filters), so its data is used at once.
  const filters = useMemo<ExceptionFilters>(
    () =>
      exceptionFiltersFrom({
        status: url.status,
        assignee: url.assignee,
        integration: url.integration,
        category: url.category,
        pastSla: url.pastSla,
        group: url.group,
      }),
    [url.status, url.assignee, url.integration, url.category, url.pastSla, url.group],
  );
  const filterKey = JSON.stringify(filters);
  // Until the user picks one, the first row shown is selected. That default stays in memory, not in the URL: writing
  // the URL by itself could cancel a navigation the user has just started (Next follows history.replaceState).
  const [firstPick, setFirstPick] = useState<{ key: string; id: string } | null>(null);
  const selectedId = url.selected ?? (firstPick?.key === filterKey ? firstPick.id : null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const list = useExceptions(filters);
  const groups = useExceptionGroups({ ...filters, status: "open" });
  const dialogs = useExceptionDialogs(meId);
  // Frozen from the first render on (the page hands the first page along), so the rows are in the server's HTML.
  const [frozen, setFrozen] = useState<{ key: string; list: Frozen<TExceptionView> } | null>(() =>
    list.data
      ? {
          key: filterKey,
          list: reconcile(
            null,
            list.data.pages.flatMap((p) => p.items),
            !list.hasNextPage,
          ),
        }
      : null,
  );
  // The row to move keyboard focus to once it is the selection (j/k): an id, so a render that shows an earlier move
  // of a quick "j j" does not use up the focus meant for the later one.
  const moveFocus = useRef<string | null>(null);

  useEffect(() => {
    if (!list.data) return;
    const fresh = list.data.pages.flatMap((p) => p.items);
    setFrozen((prev) => ({
      key: filterKey,
      list: reconcile(prev?.key === filterKey ? prev.list : null, fresh, !list.hasNextPage),
    }));
  }, [list.data, list.hasNextPage, filterKey]);

  const shown = frozen?.key === filterKey ? frozen.list : null;
  const items = useMemo(() => (shown ? shown.order.map((id) => shown.byId.get(id)!) : []), [shown]);
  const inList = Boolean(selectedId && shown?.order.includes(selectedId));
  const gone = (id: string) => Boolean(shown?.gone.has(id));
  // A deep link to an exception outside the loaded pages, or a selection that left the list: ask for it by id.
  const single = useException(selectedId, Boolean(shown) && (!inList || gone(selectedId!)));
  const current =
    (inList ? shown!.byId.get(selectedId!) : undefined) ?? (single.data?.id === selectedId ? single.data : undefined);
  // The selection's own answer is fresher than a row that left the list.
  const live =
    single.data && current && single.data.id === current.id && (!inList || gone(current.id)) ? single.data : current;
  const actionable = Boolean(
    canAct && live && live.status === "open" && !(inList && gone(live.id) && single.data?.status !== "open"),
  );

  // The URL catches up with a move a moment later; fast key presses (j j) read the newest choice from here.
  const latest = useRef<{ url: string | undefined; id: string | null }>({
    url: url.selected,
    id: url.selected ?? null,
  });
  if (latest.current.url !== url.selected) latest.current = { url: url.selected, id: url.selected ?? null };
  const select = useCallback(
    (id: string | null, focus = false) => {
      moveFocus.current = focus ? id : null;
      latest.current.id = id;
      setUrl({ selected: id }, "replace");
    },
    [setUrl],
  );
  const set = (patch: ExceptionFilters) => {
    setUrl({ ...patch, selected: null });
    setTicked(new Set());
  };
  const toggle = (id: string) =>
    setTicked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  useEffect(() => {
    if (!url.selected && items[0] && firstPick?.key !== filterKey) setFirstPick({ key: filterKey, id: items[0].id });
  }, [url.selected, items, firstPick, filterKey]);

  useEffect(() => {
    if (!selectedId) return;
    const row = rowOf(selectedId);
    if (moveFocus.current === selectedId && row) {
      row.focus();
      moveFocus.current = null;
    } else if (url.selected) row?.scrollIntoView({ block: "nearest" }); // the default first pick never scrolls the page on load
  }, [selectedId, url.selected]);

  const ids = useMemo(
    () => [...(current && !inList ? [current.id] : []), ...items.map((x) => x.id)],
    [current, inList, items],
  );
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (typing(e.target)) return;
      const chosen = latest.current.id ?? selectedId;
      const at = chosen ? ids.indexOf(chosen) : -1;
      // Arrows move only from a focused row (they scroll the page elsewhere); j/k anywhere outside a field.
      const onRow = e.target instanceof HTMLElement && e.target.dataset.testid === "exception-row";
      if (e.key === "j" || (onRow && e.key === "ArrowDown")) {
        if (ids[at + 1]) select(ids[at + 1]!, true);
      } else if (e.key === "k" || (onRow && e.key === "ArrowUp")) {
        if (at > 0) select(ids[at - 1]!, true);
      }
      // A move not yet on screen: an action now would name one record and hit another, so it waits for the next key.
      else if (chosen !== selectedId) return;
      else if (e.key === "Enter" && current && !pressable(e.target)) router.push(`/events/${current.eventId}`);
      else if (!actionable || !live) return;
      else if (e.key === "x") toggle(live.id);
      else if (e.key === "a") dialogs.ask("assign", targetOf(live));
      else if (e.key === "r") dialogs.act("retry", targetOf(live));
      else if (e.key === "e") dialogs.ask("replay", targetOf(live));
      else return;
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const pending = shown?.pending.length ?? 0;
  const key = (x: TExceptionView) => x.event.entityKey ?? x.event.idempotencyKey;
  const tabStop = (id: string) => (selectedId ? id === selectedId : id === ids[0]);
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[18rem_1fr]">
      <GroupsPanel groups={groups.data?.items ?? []} active={filters.group} onPick={(group) => set({ group })} />
      <div className="min-w-0">
        <QueueFilters filters={filters} set={set} meId={meId} />
        {canAct && filters.status === "open" ? (
          <BulkBar
            hasItems={items.length > 0}
            selected={[...ticked]}
            filters={filters}
            onStarted={() => setTicked(new Set())}
          />
        ) : null}
        {live ? (
          <div
            className="mb-3 flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white p-3"
            data-testid="selection-bar"
            data-id={live.id}
          >
            <span className="text-sm text-slate-600">
              Selected: <strong className="text-slate-900">{key(live)}</strong>{" "}
              {actionable ? (
                <span className="hidden text-xs text-slate-500 sm:inline">
                  (j/k move · x tick · a assign · r retry · e edit &amp; replay · Enter open)
                </span>
              ) : null}
              {!actionable && live.status !== "open" ? (
                <span className="text-xs text-slate-500">
                  — {live.status === "resolved" ? "resolved" : "discarded"}, nothing left to do
                </span>
              ) : null}
            </span>
            {actionable ? <ExceptionActions target={targetOf(live)} dialogs={dialogs} meId={meId} /> : null}
          </div>
        ) : null}
        {selectedId && !inList && single.isError ? (
          <p role="alert" className="mb-3 text-sm text-red-700">
            The linked exception was not found. It may have been removed by retention.
          </p>
        ) : null}
        <div aria-live="polite" className="mb-2" data-testid="new-items">
          {pending > 0 ? (
            <Button
              variant="secondary"
              onClick={() => setFrozen((f) => (f ? { ...f, list: showPending(f.list, selectedId) } : f))}
            >
              {pending} new, show
            </Button>
          ) : null}
        </div>
        {list.error ? (
          <p role="alert" className="text-sm text-red-700">
            Could not load the queue: {list.error.message}
          </p>
        ) : null}
        {list.isLoading ? <p className="text-sm text-slate-500">Loading the queue…</p> : null}
        {shown && items.length === 0 && !(current && !inList) ? (
          <EmptyState title={filters.status === "open" ? "Nothing to triage" : "Nothing here"}>
            {filters.status === "open"
              ? "No open exceptions match. When a record fails validation, is refused, or runs out of retries, it lands here with the reason, who owns it, and when it is due."
              : "No exceptions match these filters."}
          </EmptyState>
        ) : null}
        {items.length > 0 || (current && !inList) ? (
          <ul
            className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white"
            aria-label="Exceptions"
          >
            {current && !inList ? (
              <ExceptionRow
                key={`pinned-${current.id}`}
                x={current}
                pinned
                focused
                tabStop
                gone={false}
                selected={ticked.has(current.id)}
                selectable={canAct && current.status === "open"}
                onFocus={() => undefined}
                onToggle={() => toggle(current.id)}
              />
            ) : null}
            {items.map((x) => (
              <ExceptionRow
                key={x.id}
                x={x}
                focused={x.id === selectedId}
                tabStop={tabStop(x.id)}
                gone={gone(x.id)}
                selected={ticked.has(x.id)}
                selectable={canAct && x.status === "open"}
                onFocus={() => {
                  if (x.id !== selectedId) select(x.id);
                }}
                onToggle={() => toggle(x.id)}
              />
            ))}
          </ul>
        ) : null}
        {list.hasNextPage ? (
          <Button
            variant="secondary"
            className="mt-3"
            onClick={() => list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? "Loading…" : "Show older"}
          </Button>
        ) : null}
        {dialogs.element}
      </div>
    </div>
  );
}
