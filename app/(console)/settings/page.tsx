import type { Metadata } from "next";
import Link from "next/link";
import { AuditWebhookPanel } from "@/components/settings/audit-webhook-panel";
import { ErasurePanel } from "@/components/settings/erasure-panel";
import { RetentionPanel } from "@/components/settings/retention-panel";
import { StorePanel } from "@/components/settings/store-panel";
import { TokensPanel } from "@/components/settings/tokens-panel";
import { UsersPanel } from "@/components/settings/users-panel";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/permissions";
import { requirePageUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          user.role === "admin"
            ? "Your tokens for scripts, the people who use this console, how long records are kept, erasing a person's data, and where audit entries are sent."
            : "Your tokens for scripts, the people who use this console, and how long records are kept."
        }
        actions={
          <Link
            className="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-slate-300"
            href="/settings/api"
          >
            API reference
          </Link>
        }
      />
      <div className="grid grid-cols-1 gap-6">
        <TokensPanel readOnlyRole={user.role === "manager"} isAdmin={can(user.role, "tokens.manage")} />
        <UsersPanel canEdit={can(user.role, "users.write")} selfId={user.userId} />
        <RetentionPanel canEdit={can(user.role, "settings.retention")} />
        <StorePanel />
        {can(user.role, "events.erase") ? <ErasurePanel /> : null}
        {can(user.role, "settings.audit_webhook") ? <AuditWebhookPanel /> : null}
      </div>
    </>
  );
}
