"use client";
// Where Signalbox sends: URL, method, static headers (write-only values),
// timeout and whether private addresses are allowed. Shared by the create flow
// and the destination editor.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ApiError } from "@/lib/client/api";
import type { WebhookTarget } from "@/lib/core/integrations/types";

export interface HeaderRow {
  key: number;
  name: string;
  value: string;
  /** a value is stored on the server; blank keeps it */
  stored: boolean;
}

export interface TargetDraft {
  url: string;
  method: "POST" | "PUT" | "PATCH";
  headers: HeaderRow[];
  timeoutSec: string;
  allowPrivate: boolean;
}

let rowKey = 0;
const newRow = (name = "", stored = false): HeaderRow => ({ key: ++rowKey, name, value: "", stored });

export function emptyTarget(): TargetDraft {
  return { url: "", method: "POST", headers: [], timeoutSec: "10", allowPrivate: false };
}

/** A draft from a target as the API shows it (header values masked: stored, blank in the form). */
export function targetDraft(target: WebhookTarget | null): TargetDraft {
  if (!target) return emptyTarget();
  return {
    url: target.url,
    method: target.method,
    headers: Object.keys(target.headers ?? {}).map((name) => newRow(name, true)),
    timeoutSec: String(target.timeoutMs / 1000),
    allowPrivate: target.allowPrivateNetwork,
  };
}

export function targetInput(d: TargetDraft) {
  return {
    url: d.url.trim(),
    method: d.method,
    headers: Object.fromEntries(d.headers.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])),
    timeoutMs: Math.round(Number(d.timeoutSec || "10") * 1000),
    allowPrivateNetwork: d.allowPrivate,
  };
}

/** The message the server gave for this JSON Pointer (or anything under it). */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return undefined;
  const hit = (error.details as { path?: string; message?: string }[]).find(
    (d) => d.path === path || d.path?.startsWith(`${path}/`),
  );
  return hit?.message;
}

export function FieldError({ message }: { message?: string }) {
  return message ? <span className="mt-1 block text-xs font-medium text-red-700">{message}</span> : null;
}

export function TargetFields({
  draft,
  onChange,
  error,
  path,
  urlLabel,
  required,
}: {
  draft: TargetDraft;
  onChange: (d: TargetDraft) => void;
  error: unknown;
  path: string;
  urlLabel: string;
  required: boolean;
}) {
  const id = useId();
  const set = (patch: Partial<TargetDraft>) => onChange({ ...draft, ...patch });
  const setRow = (key: number, patch: Partial<HeaderRow>) =>
    set({ headers: draft.headers.map((h) => (h.key === key ? { ...h, ...patch } : h)) });
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_8rem_8rem]">
        <Field
          label={urlLabel}
          hint="Private and loopback addresses are refused unless you allow private targets below."
        >
          <Input
            type="url"
            required={required}
            value={draft.url}
            onChange={(e) => set({ url: e.target.value })}
            placeholder="https://erp.example/api/orders"
            aria-invalid={Boolean(fieldError(error, `${path}/url`))}
          />
          <FieldError message={fieldError(error, `${path}/url`)} />
        </Field>
        <Field label="Method">
          <Select value={draft.method} onChange={(e) => set({ method: e.target.value as TargetDraft["method"] })}>
            <option>POST</option>
            <option>PUT</option>
            <option>PATCH</option>
          </Select>
        </Field>
        <Field label="Timeout (seconds)">
          <Input
            type="number"
            min={0.1}
            max={120}
            step="any"
            value={draft.timeoutSec}
            onChange={(e) => set({ timeoutSec: e.target.value })}
          />
          <FieldError message={fieldError(error, `${path}/timeoutMs`)} />
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Headers sent with every request</legend>
        <p className="text-xs text-slate-500">
          Values are stored encrypted and never shown again; leave a stored value blank to keep it.
        </p>
        <ul className="mt-2 space-y-2">
          {draft.headers.map((h, n) => (
            <li key={h.key} className="flex flex-wrap items-start gap-2">
              <label className="sr-only" htmlFor={`${id}-name-${h.key}`}>
                Header {n + 1} name
              </label>
              <Input
                id={`${id}-name-${h.key}`}
                className="!mt-0 w-48"
                value={h.name}
                onChange={(e) => setRow(h.key, { name: e.target.value })}
                placeholder="Authorization"
              />
              <label className="sr-only" htmlFor={`${id}-value-${h.key}`}>
                Header {n + 1} value
              </label>
              <Input
                id={`${id}-value-${h.key}`}
                className="!mt-0 w-72"
                type="password"
                autoComplete="off"
                value={h.value}
                onChange={(e) => setRow(h.key, { value: e.target.value })}
                placeholder={h.stored ? "•••• stored — type to replace" : "value"}
              />
              <Button
                variant="ghost"
                onClick={() => set({ headers: draft.headers.filter((x) => x.key !== h.key) })}
                aria-label={`Remove header ${h.name || n + 1}`}
              >
                Remove
              </Button>
              <FieldError message={fieldError(error, `${path}/headers/${h.name.trim()}`)} />
            </li>
          ))}
        </ul>
        <Button variant="secondary" className="mt-2" onClick={() => set({ headers: [...draft.headers, newRow()] })}>
          Add a header
        </Button>
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={draft.allowPrivate}
          onChange={(e) => set({ allowPrivate: e.target.checked })}
        />
        <span>
          <span className="font-medium text-slate-700">Allow private targets</span>
          <span className="block text-xs text-slate-500">
            Only for a destination inside your own network (10.x, 192.168.x, localhost…). Cloud metadata addresses stay
            refused.
          </span>
        </span>
      </label>
    </div>
  );
}
