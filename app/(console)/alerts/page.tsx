import type { Metadata } from "next";
import { Prefilled } from "@/components/prefilled";
import { alertKeys } from "@/lib/client/keys";
import { alertsTabFrom } from "@/lib/client/list-filters";
import { listAlertsEndpoint } from "@/lib/server/api/alerts";
import { prefill } from "@/lib/server/page-data";
import { AlertsPage } from "@/components/alerts/alerts-page";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Alerts" };

// The page reads ?status (open | resolved) and ?alert (the one to open) from the URL itself.
export default async function Alerts({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, params] = await Promise.all([requirePageUser(), searchParams]);
  const tab = alertsTabFrom(params);
  const alerts = await prefill(user, listAlertsEndpoint, { query: { status: tab, limit: "100" } });
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Partial failures, lag, backlog, silence and stalled records on live integrations — with the runbook to act on them."
      />
      <Prefilled entries={[{ key: alertKeys.list({ status: tab }), data: alerts }]}>
        <AlertsPage canAct={can(user.role, "alerts.act")} />
      </Prefilled>
    </>
  );
}
