import type { Metadata } from "next";
import { ExceptionsQueue } from "@/components/exceptions/exceptions-queue";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Exceptions" };

export default async function ExceptionsPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader title="Exceptions" description="Records that failed validation, were refused, or ran out of retries. Take one, fix it, and send it again." />
      <ExceptionsQueue meId={user.userId} canAct={can(user.role, "exceptions.act")} />
    </>
  );
}
