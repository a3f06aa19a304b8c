import type { Metadata } from "next";
import Link from "next/link";
import { IntegrationsList } from "@/components/integrations/integrations-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Each boundary between two systems: its state, its contract and who owns it."
        actions={
          <>
            <Link
              href="/integrations/readiness"
              className="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-slate-300"
            >
              Readiness of all
            </Link>
            {can(user.role, "integrations.write") ? (
              <Link
                href="/integrations/new"
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
              >
                New integration
              </Link>
            ) : null}
          </>
        }
      />
      <IntegrationsList canCreate={can(user.role, "integrations.write")} />
    </>
  );
}
