import { Badge, type Tone } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatDuration } from "@/lib/client/format";

export interface TimelineStage {
  id: string;
  stage: string;
  attempt: number;
  status: "started" | "succeeded" | "failed" | "skipped";
  startedAt: string;
  durationMs: number | null;
  errorCategory: string | null;
  error: string | null;
  responseStatus: number | null;
  integration?: string;
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

/** Stage runs in the order they happened: what, when, how long, and what went wrong. */
export function Timeline({ stages, showIntegration = false }: { stages: TimelineStage[]; showIntegration?: boolean }) {
  if (stages.length === 0) return <p className="text-sm text-slate-500">No stages recorded yet.</p>;
  return (
    <ol className="relative space-y-3 border-l-2 border-slate-200 pl-5" data-testid="timeline">
      {stages.map((s) => (
        <li key={s.id} className="relative">
          <span aria-hidden className={`absolute -left-[27px] top-1.5 size-3 rounded-full ring-4 ring-white ${s.status === "failed" ? "bg-red-500" : s.status === "succeeded" ? "bg-emerald-500" : "bg-slate-400"}`} />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {showIntegration && s.integration ? <span className="rounded bg-slate-100 px-1.5 font-mono text-xs">{s.integration}</span> : null}
            <span className="font-medium text-slate-900">{STAGE[s.stage] ?? s.stage}</span>
            {s.attempt > 1 || s.stage === "delivered" ? <span className="text-xs text-slate-500">attempt {s.attempt}</span> : null}
            <Badge tone={STATUS[s.status]?.tone ?? "slate"}>{STATUS[s.status]?.label ?? s.status}</Badge>
            {s.responseStatus !== null ? <span className="font-mono text-xs text-slate-600">HTTP {s.responseStatus}</span> : null}
          </div>
          <div className="text-xs text-slate-500">
            <TimeAgo at={s.startedAt} />
            {s.durationMs !== null ? ` · took ${formatDuration(s.durationMs)}` : ""}
            {s.errorCategory ? ` · ${s.errorCategory}` : ""}
          </div>
          {s.error ? <p className="mt-1 rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800">{s.error}</p> : null}
        </li>
      ))}
    </ol>
  );
}
