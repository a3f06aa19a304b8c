import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventDetail } from "@/components/events/event-detail";
import { Prefilled } from "@/components/prefilled";
import { eventKeys } from "@/lib/client/keys";
import { can } from "@/lib/core/permissions";
import { getEventEndpoint } from "@/lib/server/api/events";
import { readForPage } from "@/lib/server/page-data";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requirePageUser()]);
  const data = await readForPage(user, getEventEndpoint, { params: { id }, query: { payloads: "brief" } });
  if (!data) notFound();
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href="/events" className="text-indigo-700 underline">
          ← All events
        </Link>
      </nav>
      <Prefilled entries={[{ key: eventKeys.brief(id), data }]}>
        <EventDetail
          id={id}
          meId={user.userId}
          canAct={can(user.role, "exceptions.act")}
          canRedeliver={can(user.role, "events.redeliver")}
          canHold={can(user.role, "events.legal_hold")}
        />
      </Prefilled>
    </>
  );
}
