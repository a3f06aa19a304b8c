import type { Metadata } from "next";
import Link from "next/link";
import { EventDetail } from "@/components/events/event-detail";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requirePageUser()]);
  return (
    <>
      <nav className="mb-4 text-sm"><Link href="/events" className="text-indigo-700 underline">← All events</Link></nav>
      <EventDetail id={id} meId={user.userId} canAct={can(user.role, "exceptions.act")} canRedeliver={can(user.role, "events.redeliver")} />
    </>
  );
}
