import type { Metadata } from "next";
import { ExceptionsQueue } from "@/components/exceptions/exceptions-queue";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Exceptions" };

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const [user, { integration, category, assignee }] = await Promise.all([requirePageUser(), searchParams]);
  return (
    <>
      <PageHeader title="Exceptions" description="Records that failed validation, were refused, or ran out of retries. Take one, fix it, and send it again." />
      <ExceptionsQueue meId={user.userId} canAct={can(user.role, "exceptions.act")} initial={{ integration, category, assignee }} />
    </>
  );
}
