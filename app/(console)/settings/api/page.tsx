import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/settings/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/server/openapi";

export const metadata: Metadata = { title: "API reference" };

export default function ApiReferencePage() {
  return (
    <>
      <nav className="mb-4 text-sm">
        <Link href="/settings" className="text-indigo-700 underline">
          ← Settings
        </Link>
      </nav>
      <PageHeader
        title="API reference"
        description="Everything the console does, scripts can do too. Machine-readable: /api/openapi.json (OpenAPI 3.1)."
        actions={
          <a className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300" href="/api/openapi.json">
            Download openapi.json
          </a>
        }
      />
      <ApiReference doc={openApiDocument() as Parameters<typeof ApiReference>[0]["doc"]} />
    </>
  );
}
