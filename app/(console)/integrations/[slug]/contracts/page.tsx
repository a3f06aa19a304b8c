import type { Metadata } from "next";
import Link from "next/link";
import { ContractsPage } from "@/components/governance/contracts-page";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Contract" };

export default async function IntegrationContractsPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, user] = await Promise.all([params, requirePageUser()]);
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href={`/integrations/${slug}`} className="text-indigo-700 underline">
          ← Back to the integration
        </Link>
      </nav>
      <PageHeader
        title="Contract"
        description="What records must look like at this boundary: versions, their changes, who approved them, and what senders send that the contract does not describe."
      />
      <ContractsPage slug={slug} isAdmin={can(user.role, "contracts.write")} meId={user.userId} />
    </>
  );
}
