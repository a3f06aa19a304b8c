import type { Metadata } from "next";
import { ExceptionsQueue } from "@/components/exceptions/exceptions-queue";
import { Prefilled } from "@/components/prefilled";
import { PageHeader } from "@/components/ui/page-header";
import { exceptionKeys, integrationKeys, userKeys } from "@/lib/client/keys";
import { exceptionFiltersFrom } from "@/lib/client/list-filters";
import { can } from "@/lib/core/permissions";
import { exceptionGroupsEndpoint, listExceptionsEndpoint } from "@/lib/server/api/exceptions";
import { listIntegrationsEndpoint } from "@/lib/server/api/integrations";
import { listUsersEndpoint } from "@/lib/server/api/users";
import { prefill } from "@/lib/server/page-data";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Exceptions" };

// Filters and the selected exception are read from the URL by the queue itself (?status, ?integration, ?selected=<id>…);
// the page reads the same URL to hand the first page of the queue, its causes and the pickers along with the HTML.
export default async function ExceptionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, params] = await Promise.all([requirePageUser(), searchParams]);
  const canAct = can(user.role, "exceptions.act");
  const filters = exceptionFiltersFrom(params);
  const [list, groups, integrations, users] = await Promise.all([
    prefill(user, listExceptionsEndpoint, { query: { ...filters, limit: "50" } }),
    prefill(user, exceptionGroupsEndpoint, { query: { ...filters, status: "open", group: undefined } }),
    prefill(user, listIntegrationsEndpoint),
    prefill(user, listUsersEndpoint),
  ]);
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
      <Prefilled
        entries={[
          { key: exceptionKeys.list(filters), data: list, infinite: true },
          { key: exceptionKeys.groups({ ...filters, status: "open" }), data: groups },
          { key: integrationKeys.list(), data: integrations },
          { key: userKeys.list(), data: users },
        ]}
      >
        <ExceptionsQueue meId={user.userId} canAct={canAct} />
      </Prefilled>
    </>
  );
}
