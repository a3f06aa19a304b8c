import type { Metadata } from "next";
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
      <PageHeader title="Settings" description="Your tokens for scripts, and the people who use this console." />
      <div className="grid gap-6">
        <TokensPanel readOnlyRole={user.role === "manager"} />
        <UsersPanel canEdit={can(user.role, "users.write")} selfId={user.userId} />
      </div>
    </>
  );
}
