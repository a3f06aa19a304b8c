import type { Metadata } from "next";
import Link from "next/link";
import { ReconciliationPage } from "@/components/governance/reconciliation-page";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Reconciliation" };

export default async function IntegrationReconciliationPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, user] = await Promise.all([params, requirePageUser()]);
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href={`/integrations/${slug}`} className="text-indigo-700 underline">
          ← Back to the integration
        </Link>
      </nav>
      <PageHeader
        title="Reconciliation"
        description="Records created in one system but missing in the other, and ids that do not match: upload what the source and the target hold for a period, and compare."
      />
      <ReconciliationPage slug={slug} canRun={can(user.role, "reconciliation.run")} />
    </>
  );
}
