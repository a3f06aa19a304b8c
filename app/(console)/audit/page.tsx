import type { Metadata } from "next";
import { AuditList } from "@/components/audit/audit-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit" };

// The list reads its filters from the URL (?actor, object, from, to).
export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Every manual action and configuration change: who did it, when, why, and what changed." />
      <AuditList />
    </>
  );
}
