import type { Metadata } from "next";
import Link from "next/link";
import { CreateIntegration } from "@/components/integrations/create-integration";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { consoleOrigin } from "@/lib/server/console-origin";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "New integration" };

export default async function NewIntegrationPage() {
  const [user, origin] = await Promise.all([requirePageUser(), consoleOrigin()]);
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href="/integrations" className="text-indigo-700 underline">
          ← All integrations
        </Link>
      </nav>
      <PageHeader
        title="New integration"
        description="One boundary between two systems. It starts as a draft you can test safely before it goes live."
      />
      {can(user.role, "integrations.write") ? (
        <CreateIntegration origin={origin} />
      ) : (
        <p role="alert" className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700">
          Only admins create integrations. Ask an admin; it will appear in the list.
        </p>
      )}
    </>
  );
}
