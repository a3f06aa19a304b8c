"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ApiError } from "@/lib/client/api";
import { useUpdateIntegration } from "@/lib/client/hooks/integrations";
import { useUsers } from "@/lib/client/hooks/users";
import type { Owners } from "@/lib/core/integrations/types";

const ROLES: { key: keyof Owners; label: string; hint: string; operatorsOnly: boolean }[] = [
  {
    key: "triage",
    label: "Exception-queue triage",
    hint: "New exceptions are assigned to this person",
    operatorsOnly: true,
  },
  {
    key: "incident",
    label: "Incident response and escalation",
    hint: "Overdue exceptions escalate to this person",
    operatorsOnly: true,
  },
  { key: "logic", label: "Integration logic", hint: "Owns the mapping and the flow", operatorsOnly: false },
  {
    key: "dataQuality",
    label: "Data-quality monitoring",
    hint: "Watches drift and reconciliation",
    operatorsOnly: false,
  },
];

/** The four owners of an integration; admins assign, everyone else reads. */
export function OwnersForm({ slug, owners, canEdit }: { slug: string; owners: Owners; canEdit: boolean }) {
  const users = useUsers();
  const update = useUpdateIntegration(slug);
  const [draft, setDraft] = useState<Owners>(owners);
  const [saved, setSaved] = useState(false);
  const nameOf = (id: string | null) => users.data?.items.find((u) => u.id === id)?.name ?? (id ? "…" : "nobody named");
  if (!canEdit) {
    return (
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
        {ROLES.map((r) => (
          <div key={r.key}>
            <dt className="text-xs text-slate-500">{r.label}</dt>
            <dd className="font-medium">{nameOf(owners[r.key])}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <form
      className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        update.mutate({ owners: draft }, { onSuccess: () => setSaved(true) });
      }}
    >
      {ROLES.map((r) => (
        <Field key={r.key} label={r.label} hint={r.hint}>
          <Select
            value={draft[r.key] ?? ""}
            onChange={(e) => setDraft({ ...draft, [r.key]: e.target.value || null })}
            data-testid={`owner-${r.key}`}
          >
            <option value="">Nobody</option>
            {users.data?.items
              .filter((u) => !u.disabled && (!r.operatorsOnly || u.role !== "manager"))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.role})
                </option>
              ))}
          </Select>
        </Field>
      ))}
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={update.isPending}>
          Save owners
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Owners saved.
          </span>
        ) : null}
        {update.error ? (
          <span role="alert" className="text-sm text-red-700">
            {(update.error as ApiError).message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
