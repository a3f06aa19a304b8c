"use client";
import { signOut } from "next-auth/react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { MobileNav } from "./mobile-nav";

const ROLE: Record<string, { label: string; tone: Tone; note: string }> = {
  admin: { label: "Admin", tone: "violet", note: "You can change everything, including integrations and users." },
  ops: { label: "Operations", tone: "blue", note: "You can work the exception queue and pause integrations." },
  manager: {
    label: "Manager (read-only)",
    tone: "slate",
    note: "You can read everything; nothing you do here changes data.",
  },
};

export function Header({ name, email, role }: { name: string; email: string; role: string }) {
  const info = ROLE[role] ?? { label: role, tone: "slate" as Tone, note: "" };
  return (
    <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-3 py-3 sm:gap-4 sm:px-6">
      <div className="mr-auto lg:hidden">
        <MobileNav />
      </div>
      <div className="min-w-0 text-right" title={info.note}>
        <div className="truncate text-sm font-medium text-slate-900" data-testid="current-user">
          {name} <span className="hidden font-normal text-slate-500 sm:inline">({email})</span>
        </div>
        <div className="mt-0.5" data-testid="current-role">
          <Badge tone={info.tone}>{info.label}</Badge>
        </div>
      </div>
      <Button variant="secondary" onClick={() => signOut({ callbackUrl: "/signin" })}>
        Sign out
      </Button>
    </header>
  );
}
