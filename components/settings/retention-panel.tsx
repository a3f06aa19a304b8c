"use client";
// How long Signalbox keeps what it holds: instance defaults, and per integration its own lifetimes or a legal hold.
// Everyone sees the policy; only an admin changes it. Empty override fields mean "as the default".
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import { useIntegrations } from "@/lib/client/hooks/integrations";
import { useRetention, useSetRetention } from "@/lib/client/hooks/settings";
import type { TRetention } from "@/lib/core/retention/schemas";

type Days = string; // the input's text: "" = keep forever (defaults) or as the default (overrides)
interface Draft {
  payloadDays: Days;
  recordDays: Days;
  auditDays: Days;
  integrations: Record<string, { payloadDays: Days; recordDays: Days; legalHold: boolean }>;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
const days = (t: Days) => (t.trim() === "" ? null : Number(t));

function draftOf(policy: TRetention): Draft {
  return {
    payloadDays: text(policy.defaults.payloadDays),
    recordDays: text(policy.defaults.recordDays),
    auditDays: text(policy.defaults.auditDays),
    integrations: Object.fromEntries(
      Object.entries(policy.integrations).map(([id, o]) => [
        id,
        { payloadDays: text(o.payloadDays), recordDays: text(o.recordDays), legalHold: o.legalHold ?? false },
      ]),
    ),
  };
}

function policyOf(draft: Draft): TRetention {
  const integrations: TRetention["integrations"] = {};
  for (const [id, o] of Object.entries(draft.integrations)) {
    const own: TRetention["integrations"][string] = {};
    if (o.payloadDays.trim()) own.payloadDays = days(o.payloadDays);
    if (o.recordDays.trim()) own.recordDays = days(o.recordDays);
    if (o.legalHold) own.legalHold = true;
    if (Object.keys(own).length) integrations[id] = own;
  }
  return {
    defaults: {
      payloadDays: days(draft.payloadDays),
      recordDays: days(draft.recordDays),
      auditDays: days(draft.auditDays),
    },
    integrations,
  };
}

const cell = "w-24 rounded-md border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-50";

function DaysInput({
  label,
  value,
  onChange,
  disabled,
  placeholder,
}: {
  label: string;
  value: Days;
  onChange: (v: Days) => void;
  disabled: boolean;
  placeholder: string;
}) {
  return (
    <label className="flex flex-col text-sm font-medium text-slate-700">
      {label}
      <span className="mt-1 flex items-center gap-2 font-normal">
        <input
          type="number"
          min={1}
          max={36500}
          inputMode="numeric"
          aria-label={`${label} (days)`}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          className={cell}
        />
        days
      </span>
    </label>
  );
}

export function RetentionPanel({ canEdit }: { canEdit: boolean }) {
  const retention = useRetention();
  const save = useSetRetention();
  const integrations = useIntegrations({ archived: true }).data?.items ?? [];
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const policy = retention.data?.policy;
  useEffect(() => {
    if (policy) setDraft(draftOf(policy));
  }, [policy]);

  async function onSave(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaved(false);
    if (await save.mutateAsync(policyOf(draft)).catch(() => null)) setSaved(true);
  }

  const error = save.error as ApiError | null;
  const problems = (error?.details as { path: string; message: string }[] | undefined) ?? [];
  const fallback = (t: Days) => `default: ${t.trim() || "forever"}`;
  const own = (id: string) => draft?.integrations[id] ?? { payloadDays: "", recordDays: "", legalHold: false };
  const setOwn = (id: string, patch: Partial<Draft["integrations"][string]>) =>
    setDraft((d) => (d ? { ...d, integrations: { ...d.integrations, [id]: { ...own(id), ...patch } } } : d));

  return (
    <section aria-labelledby="retention-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="retention-heading" className="text-lg font-semibold">
        How long records are kept
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        After the <strong>payload</strong> lifetime, a record&apos;s content is removed — what was received, what was
        delivered with the headers sent, and the target&apos;s answers — while its journey and outcome stay. After the{" "}
        <strong>record</strong> lifetime the event itself is removed. KPIs keep their counts. Never removed: records
        with an open exception, records still being delivered, and anything under legal hold. Checked every 10 minutes;
        each removal is written to the audit trail.
      </p>
      {!draft ? (
        <p className="mt-3 text-sm text-slate-500">Loading…</p>
      ) : (
        <form onSubmit={onSave} className="mt-4 space-y-5" aria-describedby="retention-status">
          <fieldset className="flex flex-wrap gap-6">
            <legend className="mb-2 text-sm font-semibold text-slate-800">
              For every integration, unless set below
            </legend>
            <DaysInput
              label="Payloads"
              value={draft.payloadDays}
              placeholder="forever"
              disabled={!canEdit}
              onChange={(v) => setDraft({ ...draft, payloadDays: v })}
            />
            <DaysInput
              label="Records"
              value={draft.recordDays}
              placeholder="forever"
              disabled={!canEdit}
              onChange={(v) => setDraft({ ...draft, recordDays: v })}
            />
            <DaysInput
              label="Audit trail"
              value={draft.auditDays}
              placeholder="forever"
              disabled={!canEdit}
              onChange={(v) => setDraft({ ...draft, auditDays: v })}
            />
          </fieldset>
          <p className="text-xs text-slate-500">Leave a field empty to keep forever.</p>
          {integrations.length ? (
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <caption className="mb-2 text-left text-sm font-semibold text-slate-800">Per integration</caption>
                <thead className="text-left text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-1 pr-4 font-semibold">Integration</th>
                    <th className="py-1 pr-4 font-semibold">Payloads (days)</th>
                    <th className="py-1 pr-4 font-semibold">Records (days)</th>
                    <th className="py-1 font-semibold">Legal hold</th>
                  </tr>
                </thead>
                <tbody>
                  {integrations.map((i) => (
                    <tr key={i.id} className="border-t border-slate-100" data-testid="retention-row">
                      <th scope="row" className="py-2 pr-4 text-left font-medium">
                        {i.name}
                      </th>
                      {(["payloadDays", "recordDays"] as const).map((field) => (
                        <td key={field} className="py-2 pr-4">
                          <input
                            type="number"
                            min={1}
                            aria-label={`${i.name}: ${field === "payloadDays" ? "payload" : "record"} days`}
                            value={own(i.id)[field]}
                            placeholder={fallback(draft[field])}
                            disabled={!canEdit}
                            onChange={(e) => setOwn(i.id, { [field]: e.target.value })}
                            className={`${cell} w-32`}
                          />
                        </td>
                      ))}
                      <td className="py-2">
                        <label className="flex items-center gap-2">
                          <input
                            type="checkbox"
                            className="size-4"
                            checked={own(i.id).legalHold}
                            disabled={!canEdit}
                            onChange={(e) => setOwn(i.id, { legalHold: e.target.checked })}
                          />
                          <span className="sr-only">{i.name}: </span>keep everything
                        </label>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-3" id="retention-status">
            {canEdit ? (
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save retention"}
              </Button>
            ) : (
              <span className="text-sm text-slate-500">Only an admin can change these.</span>
            )}
            {saved && !save.isPending ? (
              <span role="status" className="text-sm text-emerald-700">
                Saved.
              </span>
            ) : null}
            {retention.data?.updatedAt ? (
              <span className="text-sm text-slate-500">
                Last changed <TimeAgo at={retention.data.updatedAt} />
              </span>
            ) : (
              <span className="text-sm text-slate-500">The defaults apply (never changed).</span>
            )}
          </div>
          {error ? (
            <div role="alert" className="text-sm text-red-700">
              {/* the field problems in words; the API's own sentence names JSON paths, so only when there are none */}
              <p>{problems.length ? "Not saved:" : error.message}</p>
              {problems.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {problems.map((p) => (
                    <li key={p.path}>{describeProblem(p, integrations)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </form>
      )}
    </section>
  );
}

/** "/integrations/<id>/recordDays: …" in words an operator knows. */
function describeProblem(p: { path: string; message: string }, integrations: { id: string; name: string }[]) {
  const parts = p.path.split("/").filter(Boolean);
  const field = { payloadDays: "Payloads", recordDays: "Records", auditDays: "Audit trail" }[parts.at(-1) ?? ""];
  const where =
    parts[0] === "integrations" ? (integrations.find((i) => i.id === parts[1])?.name ?? "An integration") : "Default";
  return `${where}${field ? ` — ${field}` : ""}: ${p.message}`;
}
