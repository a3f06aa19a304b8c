import type { Metadata } from "next";
import { Prefilled } from "@/components/prefilled";
import { auditKeys } from "@/lib/client/keys";
import { auditFiltersFrom } from "@/lib/client/list-filters";
import { listAuditEndpoint } from "@/lib/server/api/audit";
import { prefill } from "@/lib/server/page-data";
import { requirePageUser } from "@/lib/server/session";
import { AuditExport } from "@/components/audit/audit-export";
import { AuditList } from "@/components/audit/audit-list";
import { can } from "@/lib/core/permissions";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit" };

// The list reads its filters from the URL (?actor, object, from, to).
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, params] = await Promise.all([requirePageUser(), searchParams]);
  const filters = auditFiltersFrom(params);
  const audit = await prefill(user, listAuditEndpoint, { query: { ...filters, limit: "50" } });
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every manual action and configuration change: who did it, when, why, and what changed."
      />
      {can(user.role, "audit.export") ? <AuditExport /> : null}
      <Prefilled entries={[{ key: auditKeys.list(filters), data: audit, infinite: true }]}>
        <AuditList />
      </Prefilled>
    </>
  );
}
