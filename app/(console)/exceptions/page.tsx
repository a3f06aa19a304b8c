import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Exceptions" };

export default function ExceptionsPage() {
  return (
    <>
      <PageHeader title="Exceptions" description="Records that failed validation, failed permanently, or ran out of retries. Take one, fix it, and send it again." />
      <EmptyState title="Nothing to triage">
        The queue is empty: every record so far was delivered or is still being retried. When something needs a person,
        it lands here with the reason, who owns it, and when it is due.
      </EmptyState>
    </>
  );
}
