import type { Metadata } from "next";
import Link from "next/link";
import { ReadinessBoard } from "@/components/governance/readiness-board";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Readiness" };

export default function ReadinessPage() {
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href="/integrations" className="text-indigo-700 underline">
          ← All integrations
        </Link>
      </nav>
      <PageHeader
        title="Readiness"
        description="Before an integration goes live: the seven checks. Two or more missing and it cannot go live; one missing and it can, with a recorded warning."
      />
      <ReadinessBoard />
    </>
  );
}
