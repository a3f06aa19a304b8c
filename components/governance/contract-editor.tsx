"use client";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, TextArea } from "@/components/ui/field";
import type { ApiError } from "@/lib/client/api";
import { useCreateContract } from "@/lib/client/hooks/governance";
import type { ContractView } from "@/lib/client/hooks/integrations";
import { assertValidSchema } from "@/lib/core/contracts/compile";
import { diffContracts } from "@/lib/core/contracts/diff";
import { DomainError } from "@/lib/core/errors";

type Pair = { a: string; b: string };
const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function draftFrom(c: ContractView | null) {
  return {
    schema: JSON.stringify(c?.schema ?? { type: "object", properties: {} }, null, 2),
    keyPaths: c?.idempotencyKeyPaths.join(", ") ?? "",
    requireKey: c?.requireIdempotencyKey ?? false,
    entityKeyPath: c?.entityKeyPath ?? "",
    versionPath: c?.versionPath ?? "",
    mapping: (c?.mapping ?? []).map((m) => ({ a: m.from, b: m.to })),
    sourceOfTruth: (c?.sourceOfTruth ?? []).map((s) => ({ a: s.field, b: s.system })),
    primaryKeyPath: c?.idStrategy?.primaryKeyPath ?? "",
    externalReferencePaths: c?.idStrategy?.externalReferencePaths.join(", ") ?? "",
    targetIdResponsePath: c?.idStrategy?.targetIdResponsePath ?? "",
    note: "",
  };
}
export type Draft = ReturnType<typeof draftFrom>;

function Pairs({
  label,
  left,
  right,
  rows,
  onChange,
}: {
  label: string;
  left: string;
  right: string;
  rows: Pair[];
  onChange: (rows: Pair[]) => void;
}) {
  return (
    <fieldset className="text-sm">
      <legend className="font-medium text-slate-700">{label}</legend>
      {rows.map((row, i) => (
        <div key={i} className="mt-1 flex gap-2">
          <Input
            aria-label={`${label} ${i + 1}: ${left}`}
            value={row.a}
            placeholder={left}
            onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, a: e.target.value } : r)))}
          />
          <Input
            aria-label={`${label} ${i + 1}: ${right}`}
            value={row.b}
            placeholder={right}
            onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, b: e.target.value } : r)))}
          />
          <Button
            variant="ghost"
            aria-label={`Remove ${label} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ✕
          </Button>
        </div>
      ))}
      <Button variant="ghost" className="mt-1" onClick={() => onChange([...rows, { a: "", b: "" }])}>
        + Add
      </Button>
    </fieldset>
  );
}

/**
 * A new contract version: JSON Schema checked as you type (syntax and the
 * 2020-12 meta-schema), key paths, version guard, mapping, source of truth and
 * ID strategy — with the changes against the active version, breaking ones first.
 */
export function ContractEditor({
  slug,
  active,
  initial,
  onSaved,
}: {
  slug: string;
  active: ContractView | null;
  initial: Draft;
  onSaved: (version: number) => void;
}) {
  const [d, setD] = useState<Draft>(initial);
  const create = useCreateContract(slug);
  const parsed = useMemo(() => {
    try {
      const schema = JSON.parse(d.schema) as Record<string, unknown>;
      try {
        assertValidSchema(schema);
        return { schema, problems: [] as string[] };
      } catch (e) {
        return {
          schema: null,
          problems:
            e instanceof DomainError
              ? ((e.details as { path: string; message: string }[]) ?? [])
                  .map((i) => `${i.path} ${i.message}`)
                  .concat(e.details ? [] : [e.message])
              : [String(e)],
        };
      }
    } catch (e) {
      return { schema: null, problems: [`Not valid JSON: ${(e as Error).message}`] };
    }
  }, [d.schema]);
  const input = parsed.schema
    ? {
        schema: parsed.schema,
        idempotencyKeyPaths: list(d.keyPaths),
        requireIdempotencyKey: d.requireKey,
        entityKeyPath: d.entityKeyPath.trim() || null,
        versionPath: d.versionPath.trim() || null,
        mapping: d.mapping.filter((m) => m.a && m.b).map((m) => ({ from: m.a.trim(), to: m.b.trim() })),
        sourceOfTruth: d.sourceOfTruth
          .filter((s) => s.a && s.b)
          .map((s) => ({ field: s.a.trim(), system: s.b.trim() })),
        idStrategy: {
          primaryKeyPath: d.primaryKeyPath.trim() || null,
          externalReferencePaths: list(d.externalReferencePaths),
          targetIdResponsePath: d.targetIdResponsePath.trim() || null,
        },
        note: d.note,
      }
    : null;
  const diff =
    input && active ? diffContracts(active, { ...input, mapping: input.mapping.length ? input.mapping : null }) : null;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (input)
          create.mutate(
            { ...input, mapping: input.mapping.length ? input.mapping : null },
            { onSuccess: (c) => onSaved(c.version) },
          );
      }}
    >
      <Field label="JSON Schema (2020-12)">
        <TextArea
          rows={14}
          spellCheck={false}
          className="font-mono text-xs"
          value={d.schema}
          onChange={(e) => setD({ ...d, schema: e.target.value })}
          aria-invalid={parsed.problems.length > 0}
          data-testid="schema-editor"
        />
      </Field>
      <div role="status" className="text-sm" data-testid="schema-check">
        {parsed.problems.length ? (
          <ul className="list-disc pl-5 text-red-700">
            {parsed.problems.slice(0, 6).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : (
          <span className="text-emerald-700">Valid JSON Schema.</span>
        )}
      </div>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <Field label="Idempotency key paths" hint="JSON Pointers, comma-separated, e.g. /order/id, /order/version">
          <Input value={d.keyPaths} onChange={(e) => setD({ ...d, keyPaths: e.target.value })} />
        </Field>
        <label className="flex items-center gap-2 pt-6 text-sm font-medium text-slate-700">
          <input
            type="checkbox"
            className="size-4"
            checked={d.requireKey}
            onChange={(e) => setD({ ...d, requireKey: e.target.checked })}
          />{" "}
          A record without a key is refused
        </label>
        <Field label="Entity key path (version guard)">
          <Input
            value={d.entityKeyPath}
            onChange={(e) => setD({ ...d, entityKeyPath: e.target.value })}
            placeholder="/order/id"
          />
        </Field>
        <Field label="Version path (number or ISO time)">
          <Input
            value={d.versionPath}
            onChange={(e) => setD({ ...d, versionPath: e.target.value })}
            placeholder="/order/version"
          />
        </Field>
        <Field label="ID strategy: primary key path">
          <Input value={d.primaryKeyPath} onChange={(e) => setD({ ...d, primaryKeyPath: e.target.value })} />
        </Field>
        <Field label="External reference paths">
          <Input
            value={d.externalReferencePaths}
            onChange={(e) => setD({ ...d, externalReferencePaths: e.target.value })}
          />
        </Field>
        <Field
          label="Target id in the delivery answer"
          hint="Where the target's id for the record sits in its answer, e.g. /data/id"
        >
          <Input
            value={d.targetIdResponsePath}
            onChange={(e) => setD({ ...d, targetIdResponsePath: e.target.value })}
          />
        </Field>
      </div>
      <Pairs
        label="Field mapping"
        left="from (source pointer)"
        right="to (target pointer)"
        rows={d.mapping}
        onChange={(mapping) => setD({ ...d, mapping })}
      />
      <Pairs
        label="Source of truth"
        left="field (pointer)"
        right="system"
        rows={d.sourceOfTruth}
        onChange={(sourceOfTruth) => setD({ ...d, sourceOfTruth })}
      />
      <Field label="Note">
        <Input
          value={d.note}
          onChange={(e) => setD({ ...d, note: e.target.value })}
          placeholder="what changes and why"
        />
      </Field>
      {diff ? (
        <div
          className={`rounded-md border p-3 text-sm ${diff.breaking ? "border-red-300 bg-red-50" : "border-emerald-300 bg-emerald-50"}`}
          data-testid="diff-preview"
        >
          <p className="font-medium">
            {diff.breaking
              ? "Breaking change — another admin must approve it."
              : diff.changes.length
                ? "Compatible with the active version."
                : "No change against the active version."}
          </p>
          <ul className="mt-1 space-y-0.5">
            {[...diff.changes]
              .sort((a, b) => Number(b.breaking) - Number(a.breaking))
              .map((c, i) => (
                <li key={i}>
                  <Badge tone={c.breaking ? "red" : "green"}>{c.breaking ? "Breaking" : "Compatible"}</Badge>{" "}
                  <code className="font-mono text-xs">{c.path}</code> {c.detail}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      {create.error ? (
        <p role="alert" className="text-sm text-red-700">
          {(create.error as ApiError).message}
        </p>
      ) : null}
      <Button type="submit" disabled={!input || create.isPending}>
        Save as a new draft version
      </Button>
    </form>
  );
}
