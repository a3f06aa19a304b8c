"use client";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ExceptionGroup } from "@/lib/client/hooks/exceptions";
import { CATEGORY, reasonText } from "./labels";

/** The queue by cause: one line per integration + kind of failure + error, with how many and since when. */
export function GroupsPanel({ groups, active, onPick }: { groups: ExceptionGroup[]; active?: string; onPick: (group: string | undefined) => void }) {
  return (
    <nav aria-label="Causes" className="min-w-0 rounded-lg border border-slate-200 bg-white">
      <h2 className="border-b border-slate-100 px-3 py-2 text-sm font-semibold">By cause</h2>
      <ul className="max-h-[70vh] divide-y divide-slate-100 overflow-auto">
        <li>
          <button className={`w-full px-3 py-2 text-left text-sm ${!active ? "bg-indigo-50 font-medium" : "hover:bg-slate-50"}`} onClick={() => onPick(undefined)} aria-pressed={!active}>
            All causes
          </button>
        </li>
        {groups.map((g) => (
          <li key={g.group}>
            <button
              className={`w-full px-3 py-2 text-left text-sm ${active === g.group ? "bg-indigo-50" : "hover:bg-slate-50"}`}
              onClick={() => onPick(g.group)}
              aria-pressed={active === g.group}
              data-testid="exception-group"
            >
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium">{g.integrationName}</span>
                <span className="rounded-full bg-slate-900 px-2 text-xs font-semibold text-white">{g.count}</span>
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-1.5">
                <Badge tone={CATEGORY[g.category]?.tone ?? "slate"}>{CATEGORY[g.category]?.label ?? g.category}</Badge>
                <span className="text-xs text-slate-600">{reasonText(g.reason)}</span>
              </div>
              <div className="mt-1 truncate text-xs text-slate-500" title={g.message}>{g.message}</div>
              <div className="text-xs text-slate-500">oldest <TimeAgo at={g.oldestOpenedAt} /></div>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
