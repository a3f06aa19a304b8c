// /integrations/:slug/recipes – how to add Signalbox's reports to an n8n, Make or Zapier workflow (tracked mode)
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WorkflowRecipes } from "@/components/integrations/workflow-recipes";
import { PageHeader } from "@/components/ui/page-header";
import { getIntegrationEndpoint } from "@/lib/server/api/integrations";
import { consoleOrigin } from "@/lib/server/console-origin";
import { readForPage } from "@/lib/server/page-data";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Connect a workflow" };

export default async function RecipesPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, user, origin] = await Promise.all([params, requirePageUser(), consoleOrigin()]);
  const integration = await readForPage(user, getIntegrationEndpoint, { params: { slug } });
  if (!integration) notFound();
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href={`/integrations/${slug}`} className="text-indigo-700 underline">
          ← Back to the integration
        </Link>
      </nav>
      <PageHeader
        title={`Connect a workflow to “${integration.name}”`}
        description="The steps to add in n8n, Make or Zapier so the workflow reports each record to Signalbox."
      />
      {integration.mode === "tracked" ? (
        <WorkflowRecipes place={{ baseUrl: origin, slug }} />
      ) : (
        <p className="text-sm text-slate-700">
          This integration is relayed: senders post records to {origin}/api/ingest/{slug} and Signalbox records each
          stage itself, so there is no workflow to connect.
        </p>
      )}
    </>
  );
}
