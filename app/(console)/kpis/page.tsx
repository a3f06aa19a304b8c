import type { Metadata } from "next";
import { KpiDashboard } from "@/components/kpis/kpi-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "KPIs" };

export default async function KpisPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const [, { range, integration, from, to }] = await Promise.all([requirePageUser(), searchParams]);
  return (
    <>
      <PageHeader title="KPIs" description="Is reliability improving? Failure rate, duplicates, recovery time, manual work, lag and backlog over time, beside the period before." />
      <KpiDashboard initial={{ range, integration, from, to }} />
    </>
  );
}
