import type { Metadata } from "next";
import { IntegrationsList } from "@/components/integrations/integrations-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader title="Integrations" description="Each boundary between two systems: its state, its contract and who owns it." />
      <IntegrationsList canCreate={can(user.role, "integrations.write")} />
    </>
  );
}
