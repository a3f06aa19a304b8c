import type { Metadata } from "next";
import { AuditList } from "@/components/audit/audit-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ object?: string; actor?: string }> }) {
  const { object, actor } = await searchParams;
  return (
    <>
      <PageHeader title="Audit" description="Every manual action and configuration change: who did it, when, why, and what changed." />
      <AuditList initial={{ object, actor }} />
    </>
  );
}
