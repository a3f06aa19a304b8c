"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Section } from "@/components/ui/section";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import {
  uploadIdFile,
  useFindingExceptions,
  useFindings,
  useReconciliation,
  useReconciliations,
  useRunReconciliation,
  useStartReconciliation,
} from "@/lib/client/hooks/reconciliation";
import { reconciliationKeys } from "@/lib/client/keys";

const KINDS: Record<string, string> = {
  missing_received: "In the source, never received",
  not_delivered: "Received, not delivered",
  missing_in_target: "Delivered, missing in the target",
  unknown_in_target: "In the target, no source record",
  id_mismatch: "Different ids",
};
const day = (d: Date) => d.toISOString().slice(0, 10);

function Upload({ id, side, onDone }: { id: string; side: "source" | "target"; onDone: () => void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="text-sm">
      <label className="font-medium text-slate-700">
        {side === "source" ? "The source's record ids" : "The target's ids (target id, source id per line)"}
        <input
          type="file"
          accept=".csv,.txt,.json,text/csv,text/plain,application/json"
          className="mt-1 block text-sm"
          data-testid={`upload-${side}`}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setMessage(null);
            setProgress(0);
            try {
              const r = await uploadIdFile(id, side, file, setProgress);
              setMessage(`${side === "source" ? r.sourceCount : r.targetCount} ids received.`);
              onDone();
            } catch (error) {
              setMessage((error as Error).message);
            } finally {
              setProgress(null);
            }
          }}
        />
      </label>
      {progress !== null ? (
        <div
          className="mt-1 h-2 w-64 rounded bg-slate-200"
          role="progressbar"
          aria-label={`Uploading ${side} ids`}
          aria-valuenow={Math.round(progress * 100)}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="h-full rounded bg-indigo-600" style={{ width: `${progress * 100}%` }} />
        </div>
      ) : null}
      {message ? (
        <p role="status" className="mt-1">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** Compare what the source and the target hold with Signalbox's events, and turn the differences into exceptions. */
export function ReconciliationPage({ slug, canRun }: { slug: string; canRun: boolean }) {
  const client = useQueryClient();
  const list = useReconciliations(slug);
  const [current, setCurrent] = useState<string | null>(null);
  const [kind, setKind] = useState<string | undefined>();
  const [period, setPeriod] = useState({
    from: day(new Date(Date.now() - 86_400_000)),
    to: day(new Date(Date.now() + 86_400_000)),
  });
  const start = useStartReconciliation(slug);
  const run = useRunReconciliation();
  const id = current ?? list.data?.items[0]?.id ?? null;
  const recon = useReconciliation(id);
  const findings = useFindings(recon.data?.status === "done" ? id : null, kind);
  const open = useFindingExceptions(id ?? "");
  const r = recon.data;

  return (
    <div className="space-y-4">
      {canRun ? (
        <Section title="New comparison">
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              start.mutate(
                { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
                { onSuccess: (x) => setCurrent(x.id) },
              );
            }}
          >
            <Field label="From">
              <Input type="date" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
            </Field>
            <Field label="To">
              <Input type="date" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
            </Field>
            <Button type="submit" disabled={start.isPending}>
              Start
            </Button>
          </form>
          {start.error ? (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {(start.error as ApiError).message}
            </p>
          ) : null}
        </Section>
      ) : null}
      {r ? (
        <Section title={`Comparison of ${r.from.slice(0, 10)} – ${r.to.slice(0, 10)}`}>
          <p className="text-sm text-slate-600">
            Started <TimeAgo at={r.createdAt} /> · {r.sourceCount} source ids · {r.targetCount} target ids ·{" "}
            <strong>{r.status}</strong>
          </p>
          {r.status === "uploading" && canRun ? (
            <div className="mt-3 space-y-3">
              <Upload
                id={r.id}
                side="source"
                onDone={() => client.invalidateQueries({ queryKey: reconciliationKeys.detail(r.id) })}
              />
              <Upload
                id={r.id}
                side="target"
                onDone={() => client.invalidateQueries({ queryKey: reconciliationKeys.detail(r.id) })}
              />
              <Button
                onClick={() => run.mutate(r.id)}
                disabled={run.isPending || (r.sourceCount === 0 && r.targetCount === 0)}
              >
                Compare
              </Button>
              {run.error ? (
                <p role="alert" className="text-sm text-red-700">
                  {(run.error as ApiError).message}
                </p>
              ) : null}
            </div>
          ) : null}
          {r.status === "failed" ? (
            <p role="alert" className="text-sm text-red-700">
              {r.error}
            </p>
          ) : null}
          {r.status === "done" && r.summary ? (
            <div className="mt-3">
              <div className="flex flex-wrap gap-2" role="tablist">
                <Button
                  variant={kind ? "secondary" : "primary"}
                  onClick={() => setKind(undefined)}
                  role="tab"
                  aria-selected={!kind}
                >
                  All
                </Button>
                {Object.entries(KINDS).map(([k, label]) => (
                  <Button
                    key={k}
                    variant={kind === k ? "primary" : "secondary"}
                    onClick={() => setKind(k)}
                    role="tab"
                    aria-selected={kind === k}
                    data-testid={`finding-kind-${k}`}
                  >
                    {label}: {r.summary?.[k] ?? 0}
                  </Button>
                ))}
              </div>
              {canRun && kind && (r.summary[kind] ?? 0) > 0 ? (
                <Button variant="secondary" className="mt-3" onClick={() => open.mutate({ kind })}>
                  Open exceptions for all {r.summary[kind]}
                </Button>
              ) : null}
              {open.data ? (
                <p role="status" className="mt-2 text-sm text-emerald-700">
                  {open.data.opened} exception(s) opened.
                </p>
              ) : null}
              <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="findings">
                {findings.data?.items.map((f) => (
                  <li key={f.id} className="flex flex-wrap items-center gap-2 py-2">
                    <span className="font-medium">{KINDS[f.kind]}</span>
                    {f.sourceId ? <code className="text-xs">source {f.sourceId}</code> : null}
                    {f.targetId ? <code className="text-xs">target {f.targetId}</code> : null}
                    <span className="text-slate-600">{f.detail}</span>
                    {f.eventId ? (
                      <Link className="text-xs text-indigo-700 underline" href={`/events/${f.eventId}`}>
                        event
                      </Link>
                    ) : null}
                    {f.exceptionId ? (
                      <span className="ml-auto text-xs text-slate-500">exception open</span>
                    ) : canRun ? (
                      <Button
                        variant="ghost"
                        className="ml-auto px-2 py-0.5 text-xs"
                        onClick={() => open.mutate({ findingIds: [f.id] })}
                      >
                        Open exception
                      </Button>
                    ) : null}
                  </li>
                ))}
                {findings.data?.items.length === 0 ? (
                  <li className="py-2 text-slate-600">Nothing found here.</li>
                ) : null}
              </ul>
            </div>
          ) : null}
        </Section>
      ) : (
        <p className="text-sm text-slate-600">
          No comparison yet.
          {canRun ? " Start one above: pick the period, upload what each system holds, then compare." : ""}
        </p>
      )}
      {list.data && list.data.items.length > 1 ? (
        <Section title="Earlier comparisons">
          <ul className="text-sm">
            {list.data.items.map((x) => (
              <li key={x.id}>
                <button className="text-indigo-700 underline" onClick={() => setCurrent(x.id)}>
                  {x.from.slice(0, 10)} – {x.to.slice(0, 10)}
                </button>{" "}
                · {x.status} · <TimeAgo at={x.createdAt} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
