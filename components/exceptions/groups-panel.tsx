"use client";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ExceptionGroup } from "@/lib/client/hooks/exceptions";
import { CATEGORY, reasonText } from "./labels";

/**
 * The queue by cause: one line per integration + kind of failure + error, with how many and since when. Below 1024 px
 * it folds behind a closed "By cause (N groups)" button, so on a phone the queue itself is on the first screen.
 */
export function GroupsPanel({
  groups,
  active,
  onPick,
}: {
  groups: ExceptionGroup[];
  active?: string;
  onPick: (group: string | undefined) => void;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const count = `${groups.length} ${groups.length === 1 ? "group" : "groups"}`;
  return (
    <nav aria-label="Causes" className="min-w-0 rounded-lg border border-slate-200 bg-white">
      <h2 className="hidden border-b border-slate-100 px-3 py-2 text-sm font-semibold lg:block">By cause</h2>
      <button
        type="button"
        className="flex w-full items-center justify-between gap-2 rounded-lg px-3 py-2 text-left text-sm font-semibold lg:hidden"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        data-testid="causes-toggle"
      >
        <span>
          By cause ({count}){active ? <span className="ml-1 font-normal text-slate-600">· one cause shown</span> : null}
        </span>
        <span aria-hidden="true" className={`text-slate-500 transition-transform ${open ? "rotate-180" : ""}`}>
          ▾
        </span>
      </button>
      <ul
        id={listId}
        className={`max-h-[70vh] divide-y divide-slate-100 overflow-auto border-t border-slate-100 lg:block lg:border-t-0 ${open ? "block" : "hidden"}`}
      >
        <li>
          <button
            className={`w-full px-3 py-2 text-left text-sm ${!active ? "bg-indigo-50 font-medium" : "hover:bg-slate-50"}`}
            onClick={() => onPick(undefined)}
            aria-pressed={!active}
          >
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
              <div className="mt-1 truncate text-xs text-slate-500" title={g.message}>
                {g.message}
              </div>
              <div className="text-xs text-slate-500">
                oldest <TimeAgo at={g.oldestOpenedAt} />
              </div>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
