"use client";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ReplayingSelect } from "@/components/ui/select";
import { TimeAgo } from "@/components/ui/time-ago";
import { useEvents, type EventFilters } from "@/lib/client/hooks/events";
import { IntegrationOptions } from "@/components/integrations/integration-options";
import { EVENT_URL_KEYS, eventFiltersFrom } from "@/lib/client/list-filters";
import { useUrlState } from "@/lib/client/url-state";
import { EVENT_STATUS, EventStatusBadge } from "./status-badge";

const field = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-normal";
/** Columns a phone leaves out (the integration moves under the record): status, record and arrival stay in view. */
const wide = "hidden sm:table-cell";
/** datetime-local speaks local time without a zone; the API speaks ISO UTC. */
const local = (isoText?: string) =>
  isoText
    ? new Date(new Date(isoText).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    : "";
const iso = (value: string) => (value ? new Date(value).toISOString() : undefined);

const KEYS = EVENT_URL_KEYS;

/** The events list: filters (kept in the URL), newest first, refreshed every few seconds while the tab is visible. */
export function EventsList() {
  const [url, setUrl] = useUrlState(KEYS);
  const filters = useMemo<EventFilters>(() => eventFiltersFrom(url), [url]);
  const setFilters = (next: EventFilters) => setUrl(Object.fromEntries(KEYS.map((k) => [k, next[k]])));
  // The typed texts apply on Search. The boxes are uncontrolled (text typed before the page is interactive survives
  // hydration) and keyed by the URL's value, so Back, reload or a link bring that value back into them.
  const events = useEvents(filters);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const active = Object.values(filters).filter(Boolean).length;
  const filtered = active > 0;
  // On a phone the filters fold behind one button, so the events themselves are on the first screen.
  const [showFilters, setShowFilters] = useState(false);
  const formId = useId();

  return (
    <>
      <Button
        variant="secondary"
        className="mb-3 sm:hidden"
        aria-expanded={showFilters}
        aria-controls={formId}
        onClick={() => setShowFilters((open) => !open)}
      >
        Filters{active ? ` (${active} on)` : ""}
      </Button>
      {filtered && !showFilters ? (
        <Button variant="ghost" className="mb-3 ml-2 sm:hidden" onClick={() => setFilters({})}>
          Clear filters
        </Button>
      ) : null}
      {/* Named fields: a search sent before the page is interactive still arrives, as this page's URL query. */}
      <form
        id={formId}
        method="get"
        className={`mb-4 flex-wrap items-end gap-3 text-sm font-medium text-slate-700 sm:flex ${showFilters ? "flex" : "hidden"}`}
        onSubmit={(e) => {
          e.preventDefault();
          // Read the boxes themselves: text typed before the page became interactive is in them, not in state.
          const form = new FormData(e.currentTarget);
          const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
          setFilters({ ...filters, q: text("q"), correlationId: text("correlationId") });
        }}
      >
        <label className="flex flex-col">
          Integration
          <ReplayingSelect
            name="integration"
            className={field}
            value={filters.integration ?? ""}
            onChange={(e) => setFilters({ ...filters, integration: e.target.value || undefined })}
          >
            <IntegrationOptions all="All integrations" />
          </ReplayingSelect>
        </label>
        <label className="flex flex-col">
          Status
          <ReplayingSelect
            name="status"
            className={field}
            value={filters.status ?? ""}
            onChange={(e) => setFilters({ ...filters, status: e.target.value || undefined })}
          >
            <option value="">Any status</option>
            {Object.entries(EVENT_STATUS).map(([value, info]) => (
              <option key={value} value={value}>
                {info.label}
              </option>
            ))}
          </ReplayingSelect>
        </label>
        <label className="flex flex-col">
          Record key (or its start)
          <input
            name="q"
            key={`q:${url.q ?? ""}`}
            className={`${field} w-64`}
            defaultValue={url.q ?? ""}
            placeholder="order id, idempotency key…"
          />
        </label>
        <label className="flex flex-col">
          Correlation ID
          <input
            name="correlationId"
            key={`c:${url.correlationId ?? ""}`}
            className={`${field} w-48`}
            defaultValue={url.correlationId ?? ""}
            placeholder="business transaction"
          />
        </label>
        <label className="flex flex-col">
          From
          <input
            type="datetime-local"
            className={field}
            value={local(filters.from)}
            onChange={(e) => setFilters({ ...filters, from: iso(e.target.value) })}
          />
        </label>
        <label className="flex flex-col">
          To
          <input
            type="datetime-local"
            className={field}
            value={local(filters.to)}
            onChange={(e) => setFilters({ ...filters, to: iso(e.target.value) })}
          />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {filtered ? (
          <Button variant="ghost" onClick={() => setFilters({})}>
            Clear filters
          </Button>
        ) : null}
      </form>

      {events.error ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load events: {events.error.message}
        </p>
      ) : null}
      {events.isLoading ? <p className="text-sm text-slate-500">Loading events…</p> : null}
      {!events.isLoading && items.length === 0 ? (
        filtered ? (
          <EmptyState title="No events match these filters">
            Try another status or integration, or clear the filters.
          </EmptyState>
        ) : (
          <EmptyState title="No events yet">
            Events appear here as soon as a source system sends a record to an integration&apos;s ingest address, or a
            workflow reports one. Open{" "}
            <a className="font-medium text-indigo-700 underline" href="/integrations">
              Integrations
            </a>{" "}
            to find the address and key to give the sender.
          </EmptyState>
        )
      ) : null}
      {items.length > 0 ? (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2">Status</th>
                <th className={wide}>Integration</th>
                <th>Record</th>
                <th className={wide}>Attempts</th>
                <th className={wide}>Duplicates</th>
                <th className="pr-4">Received</th>
                <th className={wide}>Finished</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((e) => (
                <tr key={e.id} data-testid="event-row" data-status={e.status}>
                  <td className="px-4 py-2">
                    <EventStatusBadge status={e.status} />
                  </td>
                  <td className={`${wide} font-mono text-xs`}>{e.integration}</td>
                  <td className="py-2">
                    <Link href={`/events/${e.id}`} className="font-medium break-all text-indigo-700 underline">
                      {e.entityKey ?? e.idempotencyKey}
                    </Link>
                    {e.entityVersion ? <div className="text-xs text-slate-500">version {e.entityVersion}</div> : null}
                    <div data-testid="event-integration" className="font-mono text-xs text-slate-500 sm:hidden">
                      {e.integration}
                    </div>
                  </td>
                  <td className={wide}>{e.attempts}</td>
                  <td className={wide}>{e.duplicateCount || "—"}</td>
                  <td className="pr-4">
                    <TimeAgo at={e.receivedAt} />
                  </td>
                  <td className={wide}>
                    <TimeAgo at={e.completedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {events.hasNextPage ? (
        <Button
          variant="secondary"
          className="mt-3"
          onClick={() => events.fetchNextPage()}
          disabled={events.isFetchingNextPage}
        >
          {events.isFetchingNextPage ? "Loading…" : "Show older events"}
        </Button>
      ) : null}
    </>
  );
}
