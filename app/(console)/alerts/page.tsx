import type { Metadata } from "next";
import { AlertsPage } from "@/components/alerts/alerts-page";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Alerts" };

export default async function Alerts({ searchParams }: { searchParams: Promise<{ alert?: string }> }) {
  const [user, { alert }] = await Promise.all([requirePageUser(), searchParams]);
  return (
    <>
      <PageHeader title="Alerts" description="Partial failures, lag, backlog, silence and stalled records on live integrations — with the runbook to act on them." />
      <AlertsPage canAct={can(user.role, "alerts.act")} focus={alert} />
    </>
  );
}
