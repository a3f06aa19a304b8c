import type { Metadata } from "next";
import { ExceptionsQueue } from "@/components/exceptions/exceptions-queue";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Exceptions" };

// Filters and the selected exception are read from the URL by the queue itself (?status, ?integration, ?selected=<id>…).
export default async function ExceptionsPage() {
  const user = await requirePageUser();
  const canAct = can(user.role, "exceptions.act");
  return (
    <>
      <PageHeader
        title="Exceptions"
        description={
          canAct
            ? "Records that failed validation, were refused, or ran out of retries. Take one, fix it, and send it again."
            : "Records that failed validation, were refused, or ran out of retries: who owns each one and when it is due. Read-only for your role; ops and admins act on them."
        }
      />
      <ExceptionsQueue meId={user.userId} canAct={canAct} />
    </>
  );
}
