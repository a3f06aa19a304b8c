import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Events" };

export default function EventsPage() {
  return (
    <>
      <PageHeader title="Events" description="Every record that crossed an integration boundary, newest first, with its journey stage by stage." />
      <EmptyState title="No events yet">
        Events appear here as soon as a source system sends a record to an integration&apos;s ingest address, or a
        workflow reports one. Open <a className="font-medium text-indigo-700 underline" href="/integrations">Integrations</a> to
        find the address and key to give the sender.
      </EmptyState>
    </>
  );
}
