import type { Metadata } from "next";
import { EventsList } from "@/components/events/events-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Events" };

// The list reads its filters from the URL (?integration, status, q, correlationId, from, to).
export default function EventsPage() {
  return (
    <>
      <PageHeader title="Events" description="Every record that crossed an integration boundary, newest first, with where it is now." />
      <EventsList />
    </>
  );
}
