import type { Metadata } from "next";
import { EventsList } from "@/components/events/events-list";
import { Prefilled } from "@/components/prefilled";
import { PageHeader } from "@/components/ui/page-header";
import { eventKeys, integrationKeys } from "@/lib/client/keys";
import { eventFiltersFrom } from "@/lib/client/list-filters";
import { listEventsEndpoint } from "@/lib/server/api/events";
import { listIntegrationsEndpoint } from "@/lib/server/api/integrations";
import { prefill } from "@/lib/server/page-data";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Events" };

// The list reads its filters from the URL (?integration, status, q, correlationId, from, to); the page reads the same
// URL to hand the first page of events along with the HTML.
export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, params] = await Promise.all([requirePageUser(), searchParams]);
  const filters = eventFiltersFrom(params);
  const [events, integrations] = await Promise.all([
    prefill(user, listEventsEndpoint, { query: { ...filters, limit: "50" } }),
    prefill(user, listIntegrationsEndpoint),
  ]);
  return (
    <>
      <PageHeader
        title="Events"
        description="Every record that crossed an integration boundary, newest first, with where it is now."
      />
      <Prefilled
        entries={[
          { key: eventKeys.list(filters), data: events, infinite: true },
          { key: integrationKeys.list(), data: integrations },
        ]}
      >
        <EventsList />
      </Prefilled>
    </>
  );
}
