"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import type { ApiError } from "@/lib/client/api";
import {
  previewBulk,
  useCancelJob,
  useJob,
  useStartBulk,
  type BulkRequest,
  type ExceptionFilters,
} from "@/lib/client/hooks/exceptions";
import { useUsers } from "@/lib/client/hooks/users";

const ACTIONS: { value: BulkRequest["action"]; label: string; verb: string }[] = [
  { value: "retry", label: "Retry with the stored record", verb: "Retry" },
  { value: "rerun", label: "Re-run with the current contract", verb: "Re-run" },
  { value: "assign", label: "Assign to…", verb: "Assign" },
  { value: "resolve", label: "Resolve by hand (note)", verb: "Resolve" },
  { value: "discard", label: "Discard (reason)", verb: "Discard" },
];

/**
 * Bulk actions on a frozen selection: the ticked items, or everything the
 * current filter matches (resolved to ids when you confirm). Shows the count
 * before, and the job's progress after, with a way to stop it.
 */
export function BulkBar({
  selected,
  filters,
  onStarted,
  hasItems,
}: {
  selected: string[];
  filters: ExceptionFilters;
  onStarted: () => void;
  hasItems: boolean;
}) {
  const [action, setAction] = useState<BulkRequest["action"]>("retry");
  const [scope, setScope] = useState<"selected" | "filter">("selected");
  const [text, setText] = useState("");
  const [assignee, setAssignee] = useState("");
  const [confirm, setConfirm] = useState<{ total: number; request: BulkRequest } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  // Below 1024 px the form folds behind a button, so a phone shows the queue first; ticking items opens it.
  const [open, setOpen] = useState(false);
  const formId = useId();
  const shown = open || selected.length > 0;
  const start = useStartBulk();
  const job = useJob(jobId);
  const cancel = useCancelJob();
  const users = useUsers();
  const verb = ACTIONS.find((a) => a.value === action)!.verb;

  async function prepare() {
    setError(null);
    const useFilter = scope === "filter" || selected.length === 0;
    const request: BulkRequest = {
      action,
      ...(useFilter ? { filter: { ...filters, status: undefined } } : { ids: selected }),
      ...(action === "resolve" ? { note: text } : {}),
      ...(action === "discard" ? { reason: text } : {}),
      ...(action === "assign" ? { assignee: assignee || null } : {}),
    };
    try {
      const { total } = await previewBulk(request);
      setConfirm({ total, request });
    } catch (e) {
      setError((e as ApiError).message);
    }
  }

  const j = job.data;
  // Stays on screen while a job runs, even once the queue it works on has emptied.
  if (!hasItems && !jobId) return null;
  const pct = j && j.total ? Math.round(((j.done + j.failed + j.skipped) / j.total) * 100) : 0;
  return (
    <div className="mb-4 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm" data-testid="bulk-bar">
      <button
        type="button"
        className="flex w-full items-center justify-between gap-2 rounded text-left font-medium text-slate-800 lg:hidden"
        aria-expanded={shown}
        aria-controls={formId}
        onClick={() => setOpen((o) => !o)}
      >
        Bulk action{selected.length ? ` (${selected.length} ticked)` : ""}
        <span aria-hidden="true" className={`text-slate-500 transition-transform ${shown ? "rotate-180" : ""}`}>
          ▾
        </span>
      </button>
      <div id={formId} className={`flex-wrap items-end gap-3 max-lg:mt-2 lg:flex ${shown ? "flex" : "hidden"}`}>
        <Field label="Bulk action">
          <Select
            aria-label="Bulk action"
            value={action}
            onChange={(e) => setAction(e.target.value as BulkRequest["action"])}
          >
            {ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="On">
          <Select
            aria-label="On"
            value={selected.length ? scope : "filter"}
            onChange={(e) => setScope(e.target.value as "selected" | "filter")}
          >
            {selected.length ? <option value="selected">the {selected.length} ticked</option> : null}
            <option value="filter">everything matching the filters</option>
          </Select>
        </Field>
        {action === "resolve" || action === "discard" ? (
          <Field label={action === "resolve" ? "Note" : "Reason"}>
            <Input
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={action === "resolve" ? "what was done by hand" : "why they can be dropped"}
            />
          </Field>
        ) : null}
        {action === "assign" ? (
          <Field label="Assignee">
            <Select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">Nobody</option>
              {users.data?.items
                .filter((u) => u.role !== "manager" && !u.disabled)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </Select>
          </Field>
        ) : null}
        <Button
          onClick={prepare}
          disabled={
            ((action === "resolve" || action === "discard") && !text.trim()) ||
            Boolean(j && ["queued", "running"].includes(j.status))
          }
        >
          Review…
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      ) : null}
      {j ? (
        <div className="mt-3" data-testid="bulk-progress">
          <div className="flex items-center justify-between">
            <span>
              {verb}: {j.done} done, {j.skipped} skipped (already handled), {j.failed} failed of {j.total} —{" "}
              <strong>{j.status === "running" || j.status === "queued" ? "working" : j.status}</strong>
            </span>
            {["queued", "running"].includes(j.status) ? (
              <Button variant="secondary" onClick={() => cancel.mutate(j.id)} disabled={j.cancelRequested}>
                {j.cancelRequested ? "Stopping…" : "Stop"}
              </Button>
            ) : null}
          </div>
          <div
            className="mt-1 h-2 w-full overflow-hidden rounded bg-indigo-100"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-label="Bulk progress"
          >
            <div className="h-full bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
        </div>
      ) : null}
      <Dialog
        open={Boolean(confirm)}
        title={`${verb} ${confirm?.total ?? 0} exceptions?`}
        onClose={() => setConfirm(null)}
      >
        <p className="text-sm text-slate-700">
          {confirm?.total === 0
            ? "Nothing matches this selection."
            : `This will ${verb.toLowerCase()} ${confirm?.total} open exceptions. Items someone else already handled are skipped.`}
        </p>
        {start.error ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {(start.error as ApiError).message}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          <Button
            disabled={!confirm?.total || start.isPending}
            onClick={() =>
              confirm &&
              start.mutate(confirm.request, {
                onSuccess: (r) => {
                  setJobId(r.jobId);
                  setConfirm(null);
                  onStarted();
                },
              })
            }
          >
            {verb} {confirm?.total}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
