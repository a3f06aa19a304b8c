"use client";
import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Markdown } from "@/components/ui/markdown";
import { TimeAgo } from "@/components/ui/time-ago";
import { useAcknowledgeAlert, useAlerts, type AlertView } from "@/lib/client/hooks/alerts";
import { alertsTabFrom } from "@/lib/client/list-filters";
import { useUrlState } from "@/lib/client/url-state";

const STATUS: Record<AlertView["status"], { tone: Tone; label: string }> = {
  firing: { tone: "red", label: "Firing" },
  acknowledged: { tone: "amber", label: "Acknowledged" },
  resolved: { tone: "green", label: "Resolved" },
};

const TABS = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
] as const;

const KEYS = ["status", "alert"] as const;

/** Open or resolved alerts (?status=resolved), one opened on its runbook (?alert=<id>): both kept in the URL. */
export function AlertsPage({ canAct }: { canAct: boolean }) {
  const [url, setUrl] = useUrlState(KEYS);
  const tab = alertsTabFrom(url);
  const setTab = (value: "open" | "resolved") =>
    setUrl({ status: value === "open" ? undefined : value, alert: undefined });
  const focus = url.alert;
  const alerts = useAlerts({ status: tab });
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Alerts" className="inline-flex gap-1 rounded-md bg-slate-100 p-1">
        {TABS.map((t) => (
          <button
            key={t.value}
            role="tab"
            type="button"
            aria-selected={tab === t.value}
            onClick={() => setTab(t.value)}
            className={`rounded px-3 py-1 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${tab === t.value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {alerts.isLoading ? <p className="text-sm text-slate-500">Loading alerts…</p> : null}
      {alerts.error ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load alerts: {alerts.error.message}
        </p>
      ) : null}
      {alerts.data && alerts.data.items.length === 0 ? (
        <EmptyState title={tab === "open" ? "No open alerts" : "No resolved alerts yet"}>
          {tab === "open"
            ? "Every live integration is within its thresholds. Alerts appear here when failures, lag, backlog, silence or stalled records cross the limits set on an integration's Settings tab."
            : "Alerts that fired and then cleared are listed here with how long they lasted."}
        </EmptyState>
      ) : null}
      <ul className="space-y-3">
        {alerts.data?.items.map((a) => (
          <AlertCard key={a.id} alert={a} canAct={canAct} open={a.id === focus} />
        ))}
      </ul>
    </div>
  );
}

function AlertCard({ alert, canAct, open }: { alert: AlertView; canAct: boolean; open: boolean }) {
  const acknowledge = useAcknowledgeAlert();
  const status = STATUS[alert.status];
  return (
    <li
      className={`rounded-lg border bg-white p-4 ${alert.status === "firing" ? "border-red-200" : "border-slate-200"}`}
      data-testid="alert-card"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={status.tone}>{status.label}</Badge>
            <h2 className="text-sm font-semibold text-slate-900">{alert.title}</h2>
            <span className="text-sm text-slate-500">·</span>
            <Link
              href={`/integrations/${alert.integration.slug}`}
              className="text-sm font-medium text-indigo-700 underline"
            >
              {alert.integration.name}
            </Link>
          </div>
          <p className="text-sm text-slate-800">{alert.message}</p>
          <p className="text-xs text-slate-500">
            Fired <TimeAgo at={alert.firedAt} />
            {alert.acknowledgedAt ? (
              <>
                {" "}
                · acknowledged <TimeAgo at={alert.acknowledgedAt} /> by {alert.acknowledgedBy ?? "someone"}
              </>
            ) : null}
            {alert.resolvedAt ? (
              <>
                {" "}
                · resolved <TimeAgo at={alert.resolvedAt} />
              </>
            ) : (
              <>
                {" "}
                · checked <TimeAgo at={alert.lastEvaluatedAt} />
              </>
            )}
          </p>
        </div>
        <div className="flex gap-2">
          <Link
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            href={`/exceptions?integration=${alert.integration.slug}`}
          >
            Open exceptions
          </Link>
          {canAct && alert.status === "firing" ? (
            <Button onClick={() => acknowledge.mutate(alert.id)} disabled={acknowledge.isPending}>
              {acknowledge.isPending ? "Acknowledging…" : "Acknowledge"}
            </Button>
          ) : null}
        </div>
      </div>
      {acknowledge.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {acknowledge.error.message}
        </p>
      ) : null}
      <details className="mt-3 rounded-md bg-slate-50 px-3 py-2" open={open || undefined}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">
          Runbook for {alert.integration.name}
        </summary>
        <div className="mt-2 space-y-3">
          <Markdown
            text={alert.integration.runbook}
            empty="No runbook written yet. An admin can add one on the integration's Settings tab."
          />
          {alert.integration.manualFallback.trim() ? (
            <div>
              <h3 className="text-xs font-semibold uppercase text-slate-500">Manual fallback</h3>
              <Markdown text={alert.integration.manualFallback} empty="" />
            </div>
          ) : null}
        </div>
      </details>
    </li>
  );
}
