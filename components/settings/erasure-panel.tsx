"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ReplayingSelect } from "@/components/ui/select";
import type { ApiError } from "@/lib/client/api";
import { IntegrationOptions } from "@/components/integrations/integration-options";
import { useErase, useErasurePreview } from "@/lib/client/hooks/settings";
import type { TErasurePreview, TErasureQuery } from "@/lib/core/erasure/schemas";

const MATCHES: { value: TErasureQuery["match"]; label: string; hint: string }[] = [
  {
    value: "payload_value",
    label: "A value in the records",
    hint: "e.g. an e-mail address or a customer number, anywhere in a record",
  },
  { value: "entity_key", label: "An entity key", hint: "e.g. the customer or order the records are about" },
  {
    value: "identifier",
    label: "A record's identifier",
    hint: "its idempotency key, correlation id, or the id the target system gave it",
  },
];

const records = (n: number) => `${n.toLocaleString()} record${n === 1 ? "" : "s"}`;

/** Admins: erase everything held about one person or thing, with the count named before anything changes. */
export function ErasurePanel() {
  const preview = useErasurePreview();
  const erase = useErase();
  const [match, setMatch] = useState<TErasureQuery["match"]>("payload_value");
  const [value, setValue] = useState("");
  const [integration, setIntegration] = useState("");
  const [reference, setReference] = useState("");
  const [found, setFound] = useState<(TErasurePreview & { query: TErasureQuery }) | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const query = (): TErasureQuery => ({ match, value: value.trim(), ...(integration ? { integration } : {}) });
  const forget = () => {
    setFound(null);
    setDone(null);
    erase.reset();
  };

  async function onFind(event: FormEvent) {
    event.preventDefault();
    forget();
    const q = query();
    const answer = await preview.mutateAsync(q).catch(() => null);
    if (answer) setFound({ ...answer, query: q });
  }

  async function onErase() {
    if (!found) return;
    const answer = await erase
      .mutateAsync({ ...found.query, asOf: found.asOf, expectedCount: found.count, reference: reference.trim() })
      .catch(() => null);
    // A refusal (the count changed meanwhile) stays in the dialog.
    if (answer) {
      setConfirming(false);
      setDone(
        `${records(answer.erased)} erased${answer.held ? `; ${records(answer.held)} kept under legal hold` : ""}. The audit trail has an entry with your reference.`,
      );
      setFound(null);
      setValue("");
      setReference("");
    }
  }

  const previewError = preview.error as ApiError | null;
  const eraseError = erase.error as ApiError | null;
  const hint = MATCHES.find((m) => m.value === match)?.hint;
  return (
    <section aria-labelledby="erasure-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="erasure-heading" className="text-lg font-semibold">
        Erase a person&apos;s data
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        When someone asks to be forgotten, find every record that holds them and erase it. The content of each record is
        removed; its keys are kept only in a form nobody can read back, so a webhook sent again is still recognised as a
        duplicate. What happened to each record (its steps and outcome) stays. Records under a legal hold are kept.
      </p>
      <form onSubmit={onFind} className="mt-4 flex flex-wrap items-start gap-3">
        <label className="flex flex-col text-sm font-medium text-slate-700">
          Find by
          <ReplayingSelect
            value={match}
            onChange={(e) => {
              setMatch(e.target.value as TErasureQuery["match"]);
              forget();
            }}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-normal"
          >
            {MATCHES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </ReplayingSelect>
        </label>
        <div className="flex w-full flex-col sm:w-auto">
          <label className="flex flex-col text-sm font-medium text-slate-700">
            Value
            <input
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                forget();
              }}
              required
              minLength={3}
              maxLength={500}
              autoComplete="off"
              aria-describedby="erasure-hint"
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-normal sm:w-80"
            />
          </label>
          <span id="erasure-hint" className="mt-1 text-xs font-normal text-slate-500">
            {hint}
          </span>
        </div>
        <label className="flex flex-col text-sm font-medium text-slate-700">
          In
          <ReplayingSelect
            value={integration}
            onChange={(e) => {
              setIntegration(e.target.value);
              forget();
            }}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-normal"
          >
            <IntegrationOptions all="Every integration" />
          </ReplayingSelect>
        </label>
        <Button type="submit" variant="secondary" disabled={preview.isPending} className="sm:mt-6">
          {preview.isPending ? "Looking…" : "Find records"}
        </Button>
      </form>
      {previewError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {previewError.message}
        </p>
      ) : null}
      {found ? (
        <div role="status" className="mt-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          {found.count === 0 && found.held === 0 ? (
            <p>No records hold this value{found.query.integration ? " in this integration" : ""}.</p>
          ) : (
            <>
              <p data-testid="erasure-count">
                <strong>{records(found.count)}</strong> will be erased
                {found.held ? (
                  <>
                    ; <strong>{records(found.held)}</strong> kept under legal hold
                  </>
                ) : null}
                .
              </p>
              <ul className="mt-1 list-inside list-disc text-slate-700">
                {found.integrations.map((i) => (
                  <li key={i.slug}>
                    {i.name}: {records(i.count)}
                    {i.held ? `, ${i.held} under legal hold` : ""}
                  </li>
                ))}
              </ul>
              {found.count > 0 ? (
                <form
                  className="mt-3 flex flex-wrap items-end gap-3"
                  onSubmit={(e) => {
                    e.preventDefault();
                    setConfirming(true);
                  }}
                >
                  <label className="flex w-full flex-col text-sm font-medium text-slate-700 sm:w-auto">
                    Reference of the request (kept in the audit trail, e.g. a ticket number)
                    <input
                      value={reference}
                      onChange={(e) => setReference(e.target.value)}
                      required
                      minLength={3}
                      maxLength={200}
                      className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-normal sm:w-80"
                    />
                  </label>
                  <Button type="submit" variant="danger">
                    Erase {records(found.count)}…
                  </Button>
                </form>
              ) : null}
            </>
          )}
        </div>
      ) : null}
      {done ? (
        <p role="status" className="mt-4 text-sm font-medium text-emerald-800">
          {done}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Erase ${found ? records(found.count) : ""}?`}
        confirm="Erase"
        danger
        busy={erase.isPending}
        error={eraseError?.message ?? null}
        onCancel={() => {
          setConfirming(false);
          erase.reset();
        }}
        onConfirm={() => void onErase()}
      >
        The content of {found ? records(found.count) : "these records"} is removed for good. This cannot be undone.
      </ConfirmDialog>
    </section>
  );
}
