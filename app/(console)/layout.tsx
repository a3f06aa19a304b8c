import type { ReactNode } from "react";
import { Prefilled } from "@/components/prefilled";
import { Providers } from "@/components/providers";
import { Header } from "@/components/shell/header";
import { Sidebar } from "@/components/shell/sidebar";
import { WorkerBanner } from "@/components/shell/worker-status";
import { alertKeys, healthKeys } from "@/lib/client/keys";
import { listAlertsEndpoint } from "@/lib/server/api/alerts";
import { checkReadiness } from "@/lib/server/health";
import { prefill } from "@/lib/server/page-data";
import { requirePageUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  // The sidebar's "Alerts 3 firing" comes with the page, not after it.
  // …and so does "no worker is running" (a banner that arrives late would push the page down).
  const [firing, readiness] = await Promise.all([
    prefill(user, listAlertsEndpoint, { query: { status: "firing", limit: "100" } }),
    checkReadiness(),
  ]);
  return (
    <Providers>
      <Prefilled
        entries={[
          { key: alertKeys.list({ status: "firing" }), data: firing },
          { key: healthKeys.readiness, data: readiness },
        ]}
      >
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <div className="flex min-h-screen">
          <aside className="hidden w-56 shrink-0 bg-slate-900 lg:block" data-surface="dark">
            {/* stays in view while the page scrolls, so the worker line at its foot is always on screen */}
            <div className="sticky top-0 h-screen overflow-y-auto">
              <Sidebar />
            </div>
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <Header name={user.name} email={user.email} role={user.role} />
            <main id="main" className="min-w-0 flex-1 px-3 py-4 sm:px-6 sm:py-6" data-role={user.role}>
              <WorkerBanner />
              {children}
            </main>
          </div>
        </div>
      </Prefilled>
    </Providers>
  );
}
