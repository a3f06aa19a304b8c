import type { Metadata } from "next";
import { EventsList } from "@/components/events/events-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { integration, status, correlationId, q } = await searchParams;
  return (
    <>
      <PageHeader title="Events" description="Every record that crossed an integration boundary, newest first, with where it is now." />
      <EventsList initial={{ integration, status, correlationId, q }} />
    </>
  );
}
