"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { TExceptionView } from "@/lib/core/exceptions/schemas";
import { CATEGORY, reasonText } from "./labels";

/**
 * One exception in the queue. The selected row is the one tab stop of the list (roving tabindex); focusing a row
 * selects it, so j/k, Tab and a click all move the same selection and screen readers follow.
 */
export function ExceptionRow({
  x,
  focused,
  tabStop,
  gone,
  pinned,
  selected,
  selectable,
  onFocus,
  onToggle,
}: {
  x: TExceptionView;
  focused: boolean;
  tabStop: boolean;
  gone: boolean;
  pinned?: boolean;
  selected: boolean;
  selectable: boolean;
  onFocus: () => void;
  onToggle: () => void;
}) {
  const category = CATEGORY[x.category];
  const key = x.event.entityKey ?? x.event.idempotencyKey;
  return (
    <li
      data-testid="exception-row"
      data-id={x.id}
      data-gone={gone ? "true" : undefined}
      tabIndex={tabStop ? 0 : -1}
      aria-current={focused ? "true" : undefined}
      aria-label={`${key}: ${reasonText(x.reason)}${gone ? " (left this list)" : ""}`}
      onFocus={(e) => {
        if (e.target === e.currentTarget || !focused) onFocus();
      }}
      onClick={onFocus}
      className={`flex gap-3 px-4 py-3 text-sm outline-none focus-visible:ring-4 focus-visible:ring-inset focus-visible:ring-indigo-600 ${focused ? "bg-indigo-50 ring-2 ring-inset ring-indigo-500" : "hover:bg-slate-50"} ${gone ? "opacity-70" : ""}`}
    >
      {selectable ? (
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${key}`}
          checked={selected}
          disabled={gone}
          onChange={onToggle}
          onClick={(e) => e.stopPropagation()}
          className="mt-1 size-4"
        />
      ) : null}
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          {pinned ? <Badge tone="violet">Opened from a link</Badge> : null}
          <span title={category?.hint}>
            <Badge tone={category?.tone ?? "slate"}>{category?.label ?? x.category}</Badge>
          </span>
          <span className={`font-medium text-slate-900 ${gone ? "line-through" : ""}`}>{reasonText(x.reason)}</span>
          {gone ? (
            <span title="Handled, reassigned or closed since the list was loaded (by you or someone else)">
              <Badge tone="slate">Left this list</Badge>
            </span>
          ) : null}
          {x.pastSla && x.status === "open" && !gone ? <Badge tone="red">Past SLA</Badge> : null}
          {x.escalatedAt ? <Badge tone="violet">Escalated</Badge> : null}
          {x.status !== "open" ? (
            <Badge tone="slate">
              {x.status === "resolved" ? `Resolved (${x.resolution?.replace("_", " ")})` : "Discarded"}
            </Badge>
          ) : null}
        </div>
        <div className="mt-1 truncate text-slate-600" title={x.message}>
          {x.message}
        </div>
        <div className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-500">
          <span>{x.integrationName}</span>
          <Link
            href={`/events/${x.eventId}`}
            tabIndex={focused ? 0 : -1}
            className="font-mono text-indigo-700 underline"
            onClick={(e) => e.stopPropagation()}
          >
            {key}
          </Link>
          <span>
            opened <TimeAgo at={x.openedAt} />
          </span>
          <span>
            due <TimeAgo at={x.dueAt} />
          </span>
          <span>{x.assigneeName ? `with ${x.assigneeName}` : "unassigned"}</span>
        </div>
      </div>
    </li>
  );
}
