import type { Metadata } from "next";
import { AlertsPage } from "@/components/alerts/alerts-page";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Alerts" };

// The page reads ?status (open | resolved) and ?alert (the one to open) from the URL itself.
export default async function Alerts() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader title="Alerts" description="Partial failures, lag, backlog, silence and stalled records on live integrations — with the runbook to act on them." />
      <AlertsPage canAct={can(user.role, "alerts.act")} />
    </>
  );
}
