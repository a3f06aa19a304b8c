"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ReplayingSelect } from "@/components/ui/select";
import { ExactTime } from "@/components/ui/time-ago";
import { useAlerts } from "@/lib/client/hooks/alerts";
import { IntegrationOptions } from "@/components/integrations/integration-options";
import { useKpis } from "@/lib/client/hooks/kpis";
import { downloadCsv, kpiCsv, kpiCsvName } from "@/lib/client/kpi-csv";
import { isPreset, PRESETS, rangeQuery, type RangeChoice, type RangePreset } from "@/lib/client/kpi-range";
import { useUrlState } from "@/lib/client/url-state";
import { CHARTS } from "./chart-specs";
import { KpiLineChart, ManualChart } from "./kpi-charts";
import { KpiCards, KpiVerdict, Rankings } from "./kpi-summary";

export interface DashboardInitial {
  range?: string;
  integration?: string;
  from?: string;
  to?: string;
  /** the moment the page was rendered: the range's "now", the same on the server and in the browser */
  now?: number;
}

const KEYS = ["range", "integration", "from", "to"] as const;

/**
 * The period and the integration live in the address bar, so a view can be bookmarked and shared, and Back steps back
 * through the choices: a preset or an integration picked pushes a history entry; filling in the custom dates and
 * adding the default period to a bare address replace the current one. The page shows whatever the URL says, so Back
 * (popstate, which Next's router follows) shows the previous range.
 */
function useRangeInUrl() {
  const [url, setUrl] = useUrlState(KEYS);
  const choice = useMemo<RangeChoice>(
    () => ({ preset: isPreset(url.range) ? url.range : "7d", fromDay: url.from, toDay: url.to }),
    [url.range, url.from, url.to],
  );
  useEffect(() => {
    if (!isPreset(url.range)) setUrl({ range: "7d" }, "replace");
  }, [url.range, setUrl]);
  const pickPreset = (preset: RangePreset) =>
    setUrl(preset === "custom" ? { range: preset } : { range: preset, from: null, to: null });
  const pickDays = (days: { from?: string; to?: string }) => setUrl({ range: "custom", ...days }, "replace");
  const pickIntegration = (slug: string) => setUrl({ integration: slug || null });
  return { choice, integration: url.integration ?? "", pickPreset, pickDays, pickIntegration };
}

export function KpiDashboard({ initial }: { initial: DashboardInitial }) {
  const { choice, integration, pickPreset, pickDays, pickIntegration } = useRangeInUrl();
  const [now] = useState(() => initial.now ?? Date.now());
  const range = rangeQuery(choice, now);
  const alerts = useAlerts({ status: "open", integration: integration || undefined });
  const kpis = useKpis("error" in range ? null : { ...range, integration: integration || undefined });
  const data = "error" in range ? undefined : kpis.data;
  const openAlerts = alerts.data?.items.length ?? 0;

  return (
    <div className="space-y-5">
      {data ? <KpiVerdict data={data} openAlerts={alerts.data ? openAlerts : null} /> : null}
      <div className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-600">Period</legend>
          <div className="inline-flex rounded-md shadow-sm" role="group" aria-label="Period">
            {PRESETS.map((p) => (
              <button
                key={p.value}
                type="button"
                aria-pressed={choice.preset === p.value}
                onClick={() => pickPreset(p.value)}
                className={`px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 first:rounded-l-md last:rounded-r-md focus:z-10 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${choice.preset === p.value ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                {p.label}
              </button>
            ))}
          </div>
        </fieldset>
        {choice.preset === "custom" ? (
          <div className="flex items-end gap-2">
            <label className="text-xs font-medium text-slate-600">
              From
              <input
                type="date"
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
                value={choice.fromDay ?? ""}
                onChange={(e) => pickDays({ from: e.target.value })}
              />
            </label>
            <label className="text-xs font-medium text-slate-600">
              To
              <input
                type="date"
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
                value={choice.toDay ?? ""}
                onChange={(e) => pickDays({ to: e.target.value })}
              />
            </label>
          </div>
        ) : null}
        <label className="text-xs font-medium text-slate-600">
          Integration
          <ReplayingSelect
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={integration}
            onChange={(e) => pickIntegration(e.target.value)}
          >
            <IntegrationOptions all="All integrations" />
          </ReplayingSelect>
        </label>
        <div className="ml-auto">
          <Button
            variant="secondary"
            disabled={!data}
            onClick={() => data && downloadCsv(kpiCsvName(data), kpiCsv(data))}
          >
            Export CSV
          </Button>
        </div>
      </div>

      {openAlerts > 0 ? (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {openAlerts === 1 ? "1 alert is open" : `${openAlerts} alerts are open`}
          {integration ? " for this integration" : ""}.{" "}
          <Link className="font-medium underline" href="/alerts">
            See alerts and runbooks
          </Link>
        </p>
      ) : null}

      {"error" in range ? (
        <p role="alert" className="text-sm text-red-700">
          {range.error}
        </p>
      ) : null}
      {kpis.error && !("error" in range) ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the figures: {kpis.error.message}
        </p>
      ) : null}
      {!data && !kpis.error && !("error" in range) ? <p className="text-sm text-slate-500">Loading figures…</p> : null}
      {data ? <DashboardBody data={data} fetching={kpis.isFetching} /> : null}
    </div>
  );
}

function DashboardBody({
  data,
  fetching,
}: {
  data: NonNullable<ReturnType<typeof useKpis>["data"]>;
  fetching: boolean;
}) {
  const quiet =
    data.totals.received === 0 &&
    data.previous.received === 0 &&
    data.totals.openExceptions === 0 &&
    data.totals.pendingDeliveries === 0;
  return (
    <div className={`space-y-5 transition-opacity ${fetching ? "opacity-70" : ""}`} aria-busy={fetching}>
      <p className="text-xs text-slate-500">
        <ExactTime at={data.range.from} /> – <ExactTime at={data.range.to} /> ·{" "}
        {data.range.bucket === "hour" ? "hourly" : "daily"} buckets · compared with the period just before · figures
        refresh every minute
      </p>
      {quiet ? (
        <EmptyState title="No traffic in this period">
          Nothing was received here and nothing is waiting. Pick a longer period, or send records to a live integration
          and the figures fill in within a minute.
        </EmptyState>
      ) : null}
      <KpiCards data={data} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {CHARTS.map((spec) => (
          <KpiLineChart key={spec.id} spec={spec} data={data} />
        ))}
        <ManualChart data={data} />
      </div>
      <Rankings data={data} />
    </div>
  );
}
