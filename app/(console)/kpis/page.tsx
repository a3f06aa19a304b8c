import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "KPIs" };

export default function KpisPage() {
  return (
    <>
      <PageHeader title="KPIs" description="Is reliability improving? Failure rate, duplicates, recovery time, manual work, lag and backlog over time." />
      <EmptyState title="Not enough traffic to chart yet">
        The measures fill in as events flow through your integrations. Start with one integration in Integrations, send
        it a few records, and come back here.
      </EmptyState>
    </>
  );
}
