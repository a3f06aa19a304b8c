import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { IntegrationDetail } from "@/components/integrations/integration-detail";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, user, h] = await Promise.all([params, requirePageUser(), headers()]);
  const origin =
    process.env.SIGNALBOX_PUBLIC_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href="/integrations" className="text-indigo-700 underline">
          ← All integrations
        </Link>
      </nav>
      <IntegrationDetail
        slug={slug}
        canPause={can(user.role, "integrations.pause")}
        isAdmin={can(user.role, "integrations.write")}
        origin={origin}
      />
    </>
  );
}
