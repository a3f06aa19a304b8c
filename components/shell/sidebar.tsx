"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useAlerts } from "@/lib/client/hooks/alerts";
import { WorkerFooter } from "./worker-status";

const NAV = [
  { href: "/events", label: "Events", hint: "Every record and its journey" },
  { href: "/exceptions", label: "Exceptions", hint: "The failure queue to triage" },
  { href: "/alerts", label: "Alerts", hint: "Thresholds crossed, with runbooks" },
  { href: "/integrations", label: "Integrations", hint: "Boundaries, owners, contracts" },
  { href: "/kpis", label: "KPIs", hint: "Is reliability improving?" },
  { href: "/audit", label: "Audit", hint: "Who changed what, when" },
  { href: "/settings", label: "Settings", hint: "Tokens and users" },
] as const;

export function Sidebar() {
  const pathname = usePathname();
  const firing = useAlerts({ status: "firing" }).data?.items.length ?? 0;
  return (
    <nav aria-label="Main" className="flex h-full flex-col gap-1 p-3">
      <Link href="/" className="mb-4 flex items-center gap-2 px-2 py-1 text-lg font-semibold text-white">
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-500 text-sm">
          S
        </span>
        Signalbox
      </Link>
      {NAV.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            title={item.hint}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${
              active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
            }`}
          >
            {item.label}
            {item.href === "/alerts" && firing > 0 ? (
              <>
                {" "}
                <span
                  className="ml-1 rounded-full bg-red-500 px-1.5 py-0.5 text-xs font-semibold text-white"
                  aria-label={`${firing} firing`}
                >
                  {firing}
                </span>
              </>
            ) : null}
          </Link>
        );
      })}
      <WorkerFooter />
    </nav>
  );
}
