import type { Metadata } from "next";
import Link from "next/link";
import { IntegrationDetail } from "@/components/integrations/integration-detail";
import { can } from "@/lib/core/permissions";
import { consoleOrigin } from "@/lib/server/console-origin";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, user, origin] = await Promise.all([params, requirePageUser(), consoleOrigin()]);
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
