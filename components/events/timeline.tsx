import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatDuration } from "@/lib/client/format";
import { EventStatusBadge } from "./status-badge";

export interface TimelineStage {
  id: string;
  eventId?: string;
  stage: string;
  attempt: number;
  status: "started" | "succeeded" | "failed" | "skipped";
  startedAt: string;
  durationMs: number | null;
  errorCategory: string | null;
  error: string | null;
  responseStatus: number | null;
  detail?: unknown;
  integration?: string;
}

/** What an attempt's stage run records (lib/core/delivery/outbound.ts attemptDetail). */
interface AttemptDetail {
  url?: string | null;
  method?: string | null;
  nextAttemptAt?: string;
  request?: { headers: Record<string, string> };
  response?: { status: number; headers: Record<string, string>; body: string; truncated: boolean } | null;
  contract?: string;
  contractVersion?: number;
}

const STAGE: Record<string, string> = {
  received: "Received",
  validated: "Checked against the contract",
  deduplicated: "Checked for duplicates",
  version_checked: "Checked it is the newest version",
  mapped: "Mapped to the target's fields",
  delivered: "Delivery attempt",
  replay_requested: "Workflow asked to run again",
  retry_requested: "Retry requested",
  rerun_requested: "Re-run requested",
  replay_requested_by_operator: "Corrected record sent",
  redelivery_requested: "Sent again on request",
};

const STATUS: Record<string, { tone: Tone; label: string }> = {
  started: { tone: "blue", label: "Running" },
  succeeded: { tone: "green", label: "OK" },
  failed: { tone: "red", label: "Failed" },
  skipped: { tone: "slate", label: "Skipped" },
};

const asDetail = (d: unknown): AttemptDetail => (d && typeof d === "object" ? (d as AttemptDetail) : {});

/** `headers` absent: not kept (retention dropped them with the payload). */
function Headers({ headers }: { headers?: Record<string, string> }) {
  if (!headers) return <p className="text-slate-500">headers not kept</p>;
  const rows = Object.entries(headers);
  if (rows.length === 0) return <p className="text-slate-500">none</p>;
  return (
    <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 font-mono">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="break-all text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The request sent and the answer received, for one delivery or replay-webhook attempt. */
function AttemptBox({ s, d }: { s: TimelineStage; d: AttemptDetail }) {
  return (
    <details className="mt-1 rounded border border-slate-200 bg-slate-50 text-xs" data-testid="attempt-detail">
      <summary className="cursor-pointer px-2 py-1 text-slate-700">Request and answer</summary>
      <div className="grid grid-cols-1 gap-3 border-t border-slate-200 p-2 md:grid-cols-2">
        <div className="min-w-0">
          <p className="mb-1 font-semibold text-slate-700">
            Sent: {d.method ?? "POST"} <span className="break-all font-mono font-normal">{d.url ?? "—"}</span>
          </p>
          {d.request ? (
            <Headers headers={d.request.headers} />
          ) : (
            <p className="text-slate-500">Not recorded for this attempt.</p>
          )}
        </div>
        <div className="min-w-0">
          <p className="mb-1 font-semibold text-slate-700">
            {d.response
              ? `Answer: HTTP ${d.response.status}`
              : s.responseStatus !== null
                ? `Answer: HTTP ${s.responseStatus}`
                : "No answer"}
            {s.durationMs !== null ? (
              <span className="font-normal text-slate-500"> after {formatDuration(s.durationMs)}</span>
            ) : null}
          </p>
          {d.response ? (
            <>
              <Headers headers={d.response.headers} />
              <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono ring-1 ring-slate-200">
                {d.response.body === undefined
                  ? "(body not kept)"
                  : typeof d.response.body === "string"
                    ? d.response.body || "(empty body)"
                    : JSON.stringify(d.response.body)}
                {d.response.truncated ? "\n… (cut at 2 KB)" : ""}
              </pre>
            </>
          ) : null}
        </div>
      </div>
    </details>
  );
}

function StageItem({ s, showIntegration, details }: { s: TimelineStage; showIntegration: boolean; details: boolean }) {
  const d = asDetail(s.detail);
  const attempt = s.stage === "delivered" || s.stage === "replay_requested";
  const unchecked = s.stage === "validated" && d.contract === "none";
  return (
    <li className="relative">
      <span
        aria-hidden
        className={`absolute -left-[27px] top-1.5 size-3 rounded-full ring-4 ring-white ${s.status === "failed" ? "bg-red-500" : s.status === "succeeded" && !unchecked ? "bg-emerald-500" : "bg-slate-400"}`}
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {showIntegration && s.integration ? (
          <span className="rounded bg-slate-100 px-1.5 font-mono text-xs">{s.integration}</span>
        ) : null}
        <span className="font-medium text-slate-900">
          {unchecked ? "Not checked: no contract is approved yet" : (STAGE[s.stage] ?? s.stage)}
        </span>
        {s.attempt > 1 || attempt ? <span className="text-xs text-slate-500">attempt {s.attempt}</span> : null}
        {unchecked ? (
          <Badge tone="slate">No contract</Badge>
        ) : (
          <Badge tone={STATUS[s.status]?.tone ?? "slate"}>{STATUS[s.status]?.label ?? s.status}</Badge>
        )}
        {s.responseStatus !== null ? (
          <span className="font-mono text-xs text-slate-600">HTTP {s.responseStatus}</span>
        ) : null}
        {s.stage === "validated" && d.contractVersion ? (
          <span className="text-xs text-slate-500">contract v{d.contractVersion}</span>
        ) : null}
      </div>
      <div className="text-xs text-slate-500">
        <TimeAgo at={s.startedAt} />
        {s.durationMs !== null ? ` · took ${formatDuration(s.durationMs)}` : ""}
        {s.errorCategory ? ` · ${s.errorCategory}` : ""}
        {d.nextAttemptAt ? (
          <>
            {" "}
            · next try <TimeAgo at={d.nextAttemptAt} />
          </>
        ) : null}
      </div>
      {s.error ? (
        <p className="mt-1 break-words rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800">{s.error}</p>
      ) : null}
      {attempt && details ? <AttemptBox s={s} d={d} /> : null}
    </li>
  );
}

/** Stage runs in the order they happened: what, when, how long, what was sent and answered, and what went wrong. */
export function Timeline({
  stages,
  showIntegration = false,
  details = true,
}: {
  stages: TimelineStage[];
  showIntegration?: boolean;
  details?: boolean;
}) {
  if (stages.length === 0) return <p className="text-sm text-slate-500">No stages recorded yet.</p>;
  return (
    <ol className="relative space-y-3 border-l-2 border-slate-200 pl-5" data-testid="timeline">
      {stages.map((s) => (
        <StageItem key={s.id} s={s} showIntegration={showIntegration} details={details} />
      ))}
    </ol>
  );
}

export interface CorrelatedEvent {
  id: string;
  integration: string;
  idempotencyKey: string;
  entityKey: string | null;
  status: string;
  receivedAt: string;
}

/** The whole transaction: one group per event (this one marked), each linked to its own process view. */
export function Transaction({
  events,
  stages,
  currentId,
}: {
  events: CorrelatedEvent[];
  stages: TimelineStage[];
  currentId: string;
}) {
  const byEvent = new Map<string, TimelineStage[]>();
  for (const s of stages) if (s.eventId) byEvent.set(s.eventId, [...(byEvent.get(s.eventId) ?? []), s]);
  const ordered = [...events].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  return (
    <ol className="space-y-2" data-testid="transaction">
      {ordered.map((e, i) => {
        const own = byEvent.get(e.id) ?? [];
        const last = own.at(-1);
        const here = e.id === currentId;
        return (
          <li
            key={e.id}
            className={`rounded-md border ${here ? "border-indigo-400 bg-indigo-50/50" : "border-slate-200"}`}
            data-testid="transaction-event"
            aria-current={here ? "page" : undefined}
          >
            <details open={here}>
              <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm">
                <span className="w-6 text-right text-xs text-slate-500">{i + 1}.</span>
                <span className="rounded bg-slate-100 px-1.5 font-mono text-xs">{e.integration}</span>
                {here ? (
                  <strong className="font-mono">{e.entityKey ?? e.idempotencyKey}</strong>
                ) : (
                  <Link
                    href={`/events/${e.id}`}
                    className="font-mono text-indigo-700 underline"
                    onClick={(ev) => ev.stopPropagation()}
                  >
                    {e.entityKey ?? e.idempotencyKey}
                  </Link>
                )}
                <EventStatusBadge status={e.status} />
                {here ? <Badge tone="violet">This event</Badge> : null}
                <span className="ml-auto text-xs text-slate-500">
                  {own.length} step{own.length === 1 ? "" : "s"}
                  {last ? (
                    <>
                      {" "}
                      · last <TimeAgo at={last.startedAt} />
                    </>
                  ) : null}
                </span>
              </summary>
              <div className="border-t border-slate-200 px-3 py-3">
                {/* each event's own process view (linked) has its attempts in full */}
                <Timeline stages={own} details={false} />
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
