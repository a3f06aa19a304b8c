"use client";
// The create flow: kind, names, systems, where it sends, and a first contract
// inferred from a pasted sample. After creating, the key and secrets are shown
// once (CreatedIntegration).
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, TextArea, Select } from "@/components/ui/field";
import { JsonView } from "@/components/ui/json-view";
import { ApiError } from "@/lib/client/api";
import { useCreateIntegration, type CreatedIntegration as Created } from "@/lib/client/hooks/integrations";
import { inferSchema, keyPathCandidates } from "@/lib/core/integrations/infer-schema";
import type { TCreateIntegration } from "@/lib/core/integrations/schemas";
import { CreatedIntegration } from "./created-integration";
import { emptyTarget, FieldError, fieldError, TargetFields, targetInput, type TargetDraft } from "./target-fields";

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);

type Parsed = { ok: true; value: unknown } | { ok: false; message: string } | null;

function parseSample(text: string): Parsed {
  if (!text.trim()) return null;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
}

export function CreateIntegration({ origin }: { origin: string }) {
  const create = useCreateIntegration();
  const [mode, setMode] = useState<"relay" | "tracked">("relay");
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [sourceSystem, setSource] = useState("");
  const [targetSystem, setTarget] = useState("");
  const [description, setDescription] = useState("");
  const [target, setTargetDraft] = useState<TargetDraft>(emptyTarget);
  const [sampleText, setSampleText] = useState("");
  const [keyPath, setKeyPath] = useState<string | null>(null);
  const [created, setCreated] = useState<{ result: Created; sample: unknown } | null>(null);

  const sample = useMemo(() => parseSample(sampleText), [sampleText]);
  const schema = useMemo(() => (sample?.ok ? inferSchema(sample.value) : null), [sample]);
  const candidates = useMemo(() => (sample?.ok ? keyPathCandidates(sample.value) : []), [sample]);
  const chosenKey = keyPath === null ? (candidates[0] ?? "") : keyPath;

  if (created) return <CreatedIntegration created={created.result} sample={created.sample} origin={origin} />;

  const error = create.error;
  const submit = () => {
    const input: TCreateIntegration = {
      mode,
      name: name.trim(),
      slug: slug || slugify(name),
      sourceSystem: sourceSystem.trim(),
      targetSystem: targetSystem.trim(),
      description: description.trim() || undefined,
    };
    if (mode === "relay") input.destination = targetInput(target);
    else if (target.url.trim()) input.replayWebhook = targetInput(target);
    if (sample?.ok && schema)
      input.contract = {
        schema,
        idempotencyKeyPaths: chosenKey ? [chosenKey] : [],
        note: "Inferred from a sample when the integration was created.",
      };
    create.mutate(input, {
      onSuccess: (result) => setCreated({ result, sample: sample?.ok ? sample.value : undefined }),
    });
  };

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        if (sample && !sample.ok) return;
        submit();
      }}
    >
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="kind-h">
        <h2 id="kind-h" className="text-base font-semibold">
          What kind of integration
        </h2>
        <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <legend className="sr-only">Kind</legend>
          {(
            [
              [
                "relay",
                "Relayed by Signalbox",
                "Senders post records to Signalbox, which checks them and delivers them to the target, with retries.",
              ],
              [
                "tracked",
                "Reported by a workflow",
                "A workflow that runs elsewhere (iPaaS, script) reports each record, its stages and its outcome.",
              ],
            ] as const
          ).map(([value, label, hint]) => (
            <label
              key={value}
              className={`flex cursor-pointer gap-3 rounded-md p-3 ring-1 ${mode === value ? "bg-indigo-50 ring-indigo-500" : "ring-slate-300"}`}
            >
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                className="mt-1"
              />
              <span>
                <span className="block text-sm font-medium">{label}</span>
                <span className="block text-xs text-slate-600">{hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="names-h">
        <h2 id="names-h" className="text-base font-semibold">
          Name and systems
        </h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label="Name" hint="What people call it, e.g. “Shop orders → ERP”.">
            <Input
              required
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (!slugTouched) setSlug(slugify(e.target.value));
              }}
            />
            <FieldError message={fieldError(error, "/name")} />
          </Field>
          <Field label="Slug" hint="In the ingest URL: lowercase letters, digits and dashes.">
            <Input
              required
              pattern="[a-z0-9][a-z0-9-]{1,62}"
              value={slug}
              onChange={(e) => {
                setSlugTouched(true);
                setSlug(e.target.value);
              }}
            />
            <FieldError
              message={
                fieldError(error, "/slug") ??
                (error instanceof ApiError && error.code === "slug_taken" ? error.message : undefined)
              }
            />
          </Field>
          <Field label="Source system" hint="Where records come from.">
            <Input required value={sourceSystem} onChange={(e) => setSource(e.target.value)} placeholder="Shop" />
            <FieldError message={fieldError(error, "/sourceSystem")} />
          </Field>
          <Field label="Target system" hint="Where records go.">
            <Input required value={targetSystem} onChange={(e) => setTarget(e.target.value)} placeholder="ERP" />
            <FieldError message={fieldError(error, "/targetSystem")} />
          </Field>
        </div>
        <Field label="Description (optional)">
          <Input value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="target-h">
        <h2 id="target-h" className="text-base font-semibold">
          {mode === "relay" ? "Destination" : "Replay webhook (optional)"}
        </h2>
        <p className="text-sm text-slate-600">
          {mode === "relay"
            ? "Signalbox delivers each accepted record here, signed with the delivery secret, and retries when the target is down."
            : "When someone retries a failed record in Signalbox, this URL of your workflow is called to run it again."}
        </p>
        <TargetFields
          draft={target}
          onChange={setTargetDraft}
          error={error}
          path={mode === "relay" ? "/destination" : "/replayWebhook"}
          urlLabel={mode === "relay" ? "Destination URL" : "Replay webhook URL"}
          required={mode === "relay"}
        />
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="contract-h">
        <h2 id="contract-h" className="text-base font-semibold">
          First contract, from a sample record
        </h2>
        <p className="text-sm text-slate-600">
          Paste one real record. Signalbox drafts a contract from it — each field’s type, and every field in the sample
          required — as version 1, a draft you review and approve before going live. Without a sample, records are
          accepted as they come.
        </p>
        <Field label="Sample record (JSON)">
          <TextArea
            rows={8}
            className="font-mono"
            value={sampleText}
            onChange={(e) => {
              setSampleText(e.target.value);
              setKeyPath(null);
            }}
            placeholder='{ "order": { "id": "A-1001", "total": 42.5 } }'
            aria-invalid={sample?.ok === false}
          />
          {sample && !sample.ok ? (
            <span role="alert" className="mt-1 block text-xs font-medium text-red-700">
              {sample.message}
            </span>
          ) : null}
          <FieldError message={fieldError(error, "/contract")} />
        </Field>
        {sample?.ok && schema ? (
          <>
            <Field
              label="Record key"
              hint="The field that identifies a record: a second record with the same key is a duplicate, not processed twice."
            >
              <Select value={chosenKey} onChange={(e) => setKeyPath(e.target.value)}>
                {candidates.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
                <option value="">None: use the Idempotency-Key header, else the webhook id or the record itself</option>
              </Select>
            </Field>
            <JsonView label="Inferred JSON Schema (draft)" value={schema} />
          </>
        ) : null}
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={create.isPending || sample?.ok === false}>
          {create.isPending ? "Creating…" : "Create integration"}
        </Button>
        <a href="/integrations" className="text-sm text-indigo-700 underline">
          Cancel
        </a>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {(error as ApiError).message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
