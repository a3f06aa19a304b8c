"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { TExceptionView } from "@/lib/core/exceptions/schemas";
import { CATEGORY, reasonText } from "./labels";

export function ExceptionRow({ x, focused, selected, selectable, onFocus, onToggle }: { x: TExceptionView; focused: boolean; selected: boolean; selectable: boolean; onFocus: () => void; onToggle: () => void }) {
  const category = CATEGORY[x.category];
  return (
    <li
      data-testid="exception-row"
      data-id={x.id}
      aria-current={focused ? "true" : undefined}
      onClick={onFocus}
      className={`flex gap-3 px-4 py-3 text-sm ${focused ? "bg-indigo-50 ring-2 ring-inset ring-indigo-500" : "hover:bg-slate-50"}`}
    >
      {selectable ? (
        <input type="checkbox" aria-label={`Select ${x.event.entityKey ?? x.event.idempotencyKey}`} checked={selected} onChange={onToggle} onClick={(e) => e.stopPropagation()} className="mt-1 size-4" />
      ) : null}
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span title={category?.hint}><Badge tone={category?.tone ?? "slate"}>{category?.label ?? x.category}</Badge></span>
          <span className="font-medium text-slate-900">{reasonText(x.reason)}</span>
          {x.pastSla && x.status === "open" ? <Badge tone="red">Past SLA</Badge> : null}
          {x.escalatedAt ? <Badge tone="violet">Escalated</Badge> : null}
          {x.status !== "open" ? <Badge tone="slate">{x.status === "resolved" ? `Resolved (${x.resolution?.replace("_", " ")})` : "Discarded"}</Badge> : null}
        </div>
        <div className="mt-1 truncate text-slate-600" title={x.message}>{x.message}</div>
        <div className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-500">
          <span>{x.integrationName}</span>
          <Link href={`/events/${x.eventId}`} className="font-mono text-indigo-700 underline" onClick={(e) => e.stopPropagation()}>
            {x.event.entityKey ?? x.event.idempotencyKey}
          </Link>
          <span>opened <TimeAgo at={x.openedAt} /></span>
          <span>due <TimeAgo at={x.dueAt} /></span>
          <span>{x.assigneeName ? `with ${x.assigneeName}` : "unassigned"}</span>
        </div>
      </div>
    </li>
  );
}
