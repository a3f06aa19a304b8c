"use client";
import Link from "next/link";
import { useState } from "react";
import { ExceptionActions } from "@/components/exceptions/exception-actions";
import { CATEGORY, reasonText } from "@/components/exceptions/labels";
import { TextDialog } from "@/components/exceptions/text-dialog";
import { useExceptionDialogs } from "@/components/exceptions/use-exception-dialogs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import { useEventView, useLegalHold, useRedeliver } from "@/lib/client/hooks/events";
import { EventRecords } from "./event-records";
import { EventSidebar } from "./event-sidebar";
import { EventStatusBadge } from "./status-badge";
import { Timeline, Transaction } from "./timeline";

const OUTCOME: Record<string, string> = {
  success: "Delivered",
  failed: "Failed",
  manual_override: "Resolved by hand",
  discarded: "Discarded",
  stale: "Not delivered (stale)",
};

/** The process view: one event from arrival to outcome, for operations staff. */
export function EventDetail({
  id,
  meId,
  canAct,
  canRedeliver,
  canHold,
}: {
  id: string;
  meId: string;
  canAct: boolean;
  canRedeliver: boolean;
  /** admins: put the event under legal hold, or release it */
  canHold: boolean;
}) {
  const { data, error, isLoading } = useEventView(id);
  const dialogs = useExceptionDialogs(meId);
  const redeliver = useRedeliver();
  const hold = useLegalHold();
  const [asking, setAsking] = useState(false);
  const [holding, setHolding] = useState(false);
  if (isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (error || !data)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error ? error.message : "Not found"}
      </p>
    );
  const { event: e, integration } = data;
  const open = data.exceptions.find((x) => x.status === "open");
  const retries = Math.max(0, e.attempts - 1);
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-4">
        <section aria-label="Summary" className="rounded-lg border border-slate-200 bg-white p-5">
          <div className="flex flex-wrap items-center gap-3">
            <EventStatusBadge status={e.status} />
            <h1 className="text-lg font-semibold" data-testid="event-title">
              {e.entityKey ?? e.idempotencyKey}
            </h1>
            <span className="text-sm text-slate-600">{integration.name}</span>
            {e.source === "self_test" ? (
              <span data-testid="event-test-mark">
                <Badge tone="violet">Test — not counted in the KPIs</Badge>
              </span>
            ) : null}
            {e.legalHold ? (
              <span data-testid="event-legal-hold" title="Kept whatever the retention settings say">
                <Badge tone="violet">Legal hold</Badge>
              </span>
            ) : null}
            {canHold ? (
              <Button variant="ghost" className="ml-auto" onClick={() => setHolding(true)}>
                {e.legalHold ? "Release legal hold…" : "Legal hold…"}
              </Button>
            ) : null}
            {canRedeliver &&
            e.source === "relay" &&
            ["succeeded", "failed", "overridden", "discarded", "stale"].includes(e.status) ? (
              <Button variant="secondary" className={canHold ? "" : "ml-auto"} onClick={() => setAsking(true)}>
                Deliver again…
              </Button>
            ) : null}
          </div>
          <dl className="mt-4 grid grid-cols-2 gap-4 text-sm md:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">Received</dt>
              <dd>
                <TimeAgo at={e.receivedAt} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Attempts</dt>
              <dd>
                {e.attempts} {retries ? `(${retries} ${retries === 1 ? "retry" : "retries"})` : ""}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Outcome</dt>
              <dd data-testid="event-outcome">{e.outcome ? (OUTCOME[e.outcome] ?? e.outcome) : "not final yet"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Finished</dt>
              <dd>
                <TimeAgo at={e.completedAt} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Correlation ID</dt>
              <dd className="break-all font-mono text-xs">
                <Link className="underline" href={`/events?correlationId=${encodeURIComponent(e.correlationId)}`}>
                  {e.correlationId}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Idempotency key</dt>
              <dd className="break-all font-mono text-xs">{e.idempotencyKey}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Duplicates seen</dt>
              <dd>
                {e.duplicateCount}
                {e.conflictCount ? ` · ${e.conflictCount} conflicting` : ""}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Contract / target id</dt>
              <dd>
                {e.contractVersion ? `v${e.contractVersion}` : "—"}
                {e.targetId ? ` · ${e.targetId}` : ""}
              </dd>
            </div>
          </dl>
        </section>

        {open ? (
          <Section title="Needs attention" id="exception-heading">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={CATEGORY[open.category]?.tone ?? "slate"}>
                {CATEGORY[open.category]?.label ?? open.category}
              </Badge>
              <strong>{reasonText(open.reason)}</strong>
              {open.pastSla ? <Badge tone="red">Past SLA</Badge> : null}
              {open.escalatedAt ? (
                <Badge tone="violet">Escalated to {open.escalatedToName ?? "incident owner"}</Badge>
              ) : null}
            </div>
            <p className="mt-1 text-sm text-slate-700">{open.message}</p>
            <p className="mt-1 text-xs text-slate-500">
              Opened <TimeAgo at={open.openedAt} /> · due <TimeAgo at={open.dueAt} /> ·{" "}
              {open.assigneeName ? `with ${open.assigneeName}` : "unassigned"}
            </p>
            {canAct ? (
              <div className="mt-3">
                <ExceptionActions
                  target={{
                    id: open.id,
                    eventId: e.id,
                    integration: integration.slug,
                    assignee: open.assignee,
                    label: e.entityKey ?? e.idempotencyKey,
                  }}
                  dialogs={dialogs}
                  meId={meId}
                />
              </div>
            ) : null}
          </Section>
        ) : null}

        <Section title="What happened">
          <Timeline stages={data.stages} />
        </Section>

        <Section title="Records">
          {e.erasedAt ? (
            <p className="text-sm text-slate-600" data-testid="payload-erased">
              The content of this record was erased <TimeAgo at={e.erasedAt} /> at someone&apos;s request (see the audit
              trail): what was received and delivered, and its keys, which are kept only in a form nobody can read back.
              Its journey and outcome are kept above.
            </p>
          ) : e.payloadExpiredAt ? (
            <p className="text-sm text-slate-600" data-testid="payload-expired">
              The content of this record was removed <TimeAgo at={e.payloadExpiredAt} />, as the retention settings say:
              what was received and delivered with the headers sent, and the target&apos;s answers. Its journey and
              outcome are kept above.
            </p>
          ) : (
            <EventRecords id={id} data={data} />
          )}
        </Section>

        {data.arrivals.length ? (
          <Section title={`Arrived again (${data.arrivals.length})`}>
            <ul className="space-y-1 text-sm">
              {data.arrivals.map((a) => (
                <li key={a.id}>
                  {a.kind === "duplicate" ? (
                    <Badge tone="slate">Exact duplicate</Badge>
                  ) : (
                    <Badge tone="amber">Same key, different record — not processed</Badge>
                  )}{" "}
                  <TimeAgo at={a.receivedAt} />
                </li>
              ))}
            </ul>
          </Section>
        ) : null}

        {data.correlated.events.length > 1 ? (
          <Section
            title={`The whole transaction (${data.correlated.events.length}${data.correlated.truncated ? "+" : ""} events share this correlation ID)`}
          >
            <Transaction events={data.correlated.events} stages={data.correlated.timeline} currentId={e.id} />
            {data.correlated.truncated ? (
              <p className="mt-2 text-xs text-slate-500">
                Showing the first {data.correlated.events.length}.{" "}
                <Link className="underline" href={`/events?correlationId=${encodeURIComponent(e.correlationId)}`}>
                  See them all in the events list
                </Link>
                .
              </p>
            ) : null}
          </Section>
        ) : null}

        <Section title="History">
          {data.exceptions
            .filter((x) => x.status !== "open")
            .map((x) => (
              <p key={x.id} className="text-sm">
                Exception {reasonText(x.reason)} —{" "}
                {x.status === "resolved" ? `resolved (${x.resolution?.replace("_", " ")})` : "discarded"}{" "}
                <TimeAgo at={x.resolvedAt} />
                {x.note ? `: “${x.note}”` : ""}
              </p>
            ))}
          <ul className="mt-2 space-y-1 text-sm">
            {data.audit.map((a) => (
              <li key={a.id}>
                <TimeAgo at={a.at} /> · <strong>{a.actor}</strong> {a.action.replace(/[._]/g, " ")}
                {a.reason ? ` — “${a.reason}”` : ""}
              </li>
            ))}
            {data.audit.length === 0 ? <li className="text-slate-500">No one has acted on this event.</li> : null}
          </ul>
        </Section>
        {dialogs.element}
        <TextDialog
          open={asking}
          title="Deliver this event again"
          label="Why"
          hint="It goes out with the same Idempotency-Key. The reason is kept in the audit trail."
          confirm="Deliver again"
          busy={redeliver.isPending}
          error={redeliver.error ? (redeliver.error as ApiError).message : null}
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => redeliver.mutate({ id: e.id, reason }, { onSuccess: () => setAsking(false) })}
        />
        <TextDialog
          open={holding}
          title={e.legalHold ? "Release the legal hold" : "Put this event under legal hold"}
          label="Why (a case or request number)"
          hint={
            e.legalHold
              ? "Retention applies to it again from its next check. The reason is kept in the audit trail."
              : "Retention will not remove it or its content until the hold is released. The reason is kept in the audit trail."
          }
          confirm={e.legalHold ? "Release" : "Hold"}
          busy={hold.isPending}
          error={hold.error ? (hold.error as ApiError).message : null}
          onCancel={() => setHolding(false)}
          onConfirm={(reason) =>
            hold.mutate({ id: e.id, hold: !e.legalHold, reason }, { onSuccess: () => setHolding(false) })
          }
        />
      </div>
      <EventSidebar integration={integration} />
    </div>
  );
}
