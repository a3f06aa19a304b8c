"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ajvIssues, validatorFor } from "@/lib/core/contracts/compile";
import { useContracts } from "@/lib/client/hooks/integrations";

/**
 * Edit & replay: a JSON editor that checks the record against the
 * integration's current contract as you type, and will not send an invalid one.
 */
export function ReplayDialog(props: {
  open: boolean;
  integration: string;
  label?: string;
  payload: unknown;
  busy?: boolean;
  error?: string | null;
  onCancel: () => void;
  onSend: (payload: unknown) => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(props.payload, null, 2));
  const contracts = useContracts(props.open ? props.integration : null);
  const contract =
    contracts.data?.items.find((c) => c.status === "active") ?? contracts.data?.items.find((c) => c.status === "draft");
  const check = useMemo(() => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { ok: false as const, problems: [`Not valid JSON: ${(error as Error).message}`] };
    }
    if (!contract) return { ok: true as const, parsed, problems: [] };
    const validate = validatorFor(`${contract.id}:client`, contract.schema);
    const problems = validate(parsed)
      ? []
      : ajvIssues(validate.errors ?? []).map((i) => `${i.path || "/"} ${i.message}`);
    return problems.length ? { ok: false as const, problems } : { ok: true as const, parsed, problems };
  }, [text, contract]);

  return (
    <Dialog
      open={props.open}
      title={props.label ? `Edit and replay ${props.label}` : "Edit and replay"}
      onClose={props.onCancel}
      wide
    >
      <p className="text-sm text-slate-600">
        Correct the record and send it again. It is checked against contract{" "}
        {contract ? `v${contract.version}` : "(none)"} first; the original stays on the event.
      </p>
      <label className="mt-3 block text-sm font-medium text-slate-700" htmlFor="replay-json">
        Corrected record (JSON)
      </label>
      <textarea
        id="replay-json"
        autoFocus
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={16}
        aria-invalid={!check.ok}
        aria-describedby="replay-check"
        className={`mt-1 block w-full rounded-md border px-3 py-2 font-mono text-xs ${check.ok ? "border-emerald-400" : "border-red-400"}`}
      />
      <div id="replay-check" role="status" className="mt-2 text-sm" data-testid="replay-check">
        {check.ok ? (
          <span className="text-emerald-700">Matches the contract — ready to send.</span>
        ) : (
          <ul className="list-disc pl-5 text-red-700">
            {check.problems.slice(0, 8).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      {props.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button disabled={!check.ok || props.busy} onClick={() => check.ok && props.onSend(check.parsed)}>
          {props.busy ? "Sending…" : "Send corrected record"}
        </Button>
      </div>
    </Dialog>
  );
}
