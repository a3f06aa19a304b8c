import type { Metadata } from "next";
import { KpiDashboard } from "@/components/kpis/kpi-dashboard";
import { Prefilled } from "@/components/prefilled";
import { PageHeader } from "@/components/ui/page-header";
import { alertKeys, integrationKeys, kpiKeys } from "@/lib/client/keys";
import { isPreset, rangeQuery } from "@/lib/client/kpi-range";
import { listAlertsEndpoint } from "@/lib/server/api/alerts";
import { listIntegrationsEndpoint } from "@/lib/server/api/integrations";
import { kpisEndpoint } from "@/lib/server/api/kpis";
import { prefill } from "@/lib/server/page-data";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "KPIs" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function KpisPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, params] = await Promise.all([requirePageUser(), searchParams]);
  const initial = {
    range: one(params.range),
    integration: one(params.integration),
    from: one(params.from),
    to: one(params.to),
    now: Date.now(),
  };
  // The figures the dashboard asks for first (the same range at the same "now"), read here and handed along.
  const range = rangeQuery(
    { preset: isPreset(initial.range) ? initial.range : "7d", fromDay: initial.from, toDay: initial.to },
    initial.now,
  );
  const query = "error" in range ? null : { ...range, integration: initial.integration };
  const [kpis, alerts, integrations] = await Promise.all([
    query ? prefill(user, kpisEndpoint, { query }) : undefined,
    prefill(user, listAlertsEndpoint, { query: { status: "open", integration: initial.integration, limit: "100" } }),
    prefill(user, listIntegrationsEndpoint),
  ]);
  return (
    <>
      <PageHeader
        title="KPIs"
        description="Is reliability improving? Failure rate, duplicates, recovery time, manual work, lag and backlog over time, beside the period before."
      />
      <Prefilled
        entries={[
          ...(query ? [{ key: kpiKeys.query(query), data: kpis }] : []),
          { key: alertKeys.list({ status: "open", integration: initial.integration }), data: alerts },
          { key: integrationKeys.list(), data: integrations },
        ]}
      >
        <KpiDashboard initial={initial} />
      </Prefilled>
    </>
  );
}
