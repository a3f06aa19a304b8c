"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { SESSION_EXPIRED, signInUrl, type ApiError } from "@/lib/client/api";
import { useEvent } from "@/lib/client/hooks/events";
import { useExceptionAction, type ExceptionAction } from "@/lib/client/hooks/exceptions";
import { useUsers } from "@/lib/client/hooks/users";
import { ReplayDialog } from "./replay-dialog";
import { TextDialog } from "./text-dialog";

export interface ActionTarget {
  id: string;
  eventId: string;
  integration: string;
  assignee: string | null;
  /** the record key users know it by, named by every dialog and notice */
  label?: string;
}

/** How dialogs, buttons and notices name the record an action will hit. */
export const recordName = (target: ActionTarget) => target.label ?? `exception ${target.id}`;

/** What an exception row needs to become an action target. */
export const targetOf = (x: {
  id: string;
  eventId: string;
  integration: string;
  assignee: string | null;
  event: { entityKey: string | null; idempotencyKey: string };
}): ActionTarget => ({
  id: x.id,
  eventId: x.eventId,
  integration: x.integration,
  assignee: x.assignee,
  label: x.event.entityKey ?? x.event.idempotencyKey,
});

type Notice = { text: string; tone: "done" | "failed"; signIn?: boolean };

type Open = { kind: "assign" | "replay" | "resolve" | "discard"; target: ActionTarget } | null;

/**
 * Every single-item action on an exception, usable from buttons and from the
 * keyboard: `act` runs the direct ones (take, retry, re-run), `ask` opens the
 * dialog of those that need more (assign, edit & replay, resolve, discard).
 */
export function useExceptionDialogs(meId: string) {
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const mutation = useExceptionAction();
  const error = mutation.error ? (mutation.error as ApiError).message : null;
  const close = () => {
    setOpen(null);
    mutation.reset();
  };

  // The target was captured when the user chose (button, key or dialog): the request names that id, whatever the list does since.
  const run = (target: ActionTarget, action: ExceptionAction, body: unknown, done: string) =>
    mutation.mutate(
      { id: target.id, action, body },
      {
        onSuccess: () => {
          setNotice({ text: `${recordName(target)}: ${done}`, tone: "done" });
          setOpen(null);
        },
        onError: (e) => {
          const err = e as ApiError;
          setNotice({
            text: `${recordName(target)}: ${err.message}`,
            tone: "failed",
            signIn: err.code === SESSION_EXPIRED,
          });
          if (err.code === SESSION_EXPIRED) setOpen(null);
        },
      },
    );

  const act = (kind: "take" | "retry" | "rerun", target: ActionTarget) => {
    if (kind === "take") return run(target, "assign", { assignee: meId }, "Taken: it is yours now.");
    return run(
      target,
      kind,
      {},
      kind === "retry" ? "Sent again with the stored record." : "Running again with the current contract.",
    );
  };
  const ask = (kind: "assign" | "replay" | "resolve" | "discard", target: ActionTarget) => {
    mutation.reset();
    setOpen({ kind, target });
  };

  const element = (
    <>
      {notice ? (
        <div
          role={notice.tone === "failed" ? "alert" : "status"}
          className={`fixed bottom-4 right-4 z-40 max-w-sm rounded-md px-4 py-3 text-sm text-white shadow-lg ${notice.tone === "failed" ? "bg-red-800" : "bg-slate-900"}`}
          data-testid="notice"
        >
          {notice.text}
          {notice.signIn ? (
            <a className="ml-2 font-semibold underline" href={signInUrl()}>
              Sign in again
            </a>
          ) : null}
          <button className="ml-3 underline" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {open?.kind === "assign" ? (
        <AssignDialog
          target={open.target}
          busy={mutation.isPending}
          error={error}
          onCancel={close}
          onAssign={(assignee) => run(open.target, "assign", { assignee }, "Assignment changed.")}
        />
      ) : null}
      {open?.kind === "replay" ? (
        <ReplayLauncher
          target={open.target}
          busy={mutation.isPending}
          error={error}
          onCancel={close}
          onSend={(payload) => run(open.target, "replay", { payload }, "Corrected record sent.")}
        />
      ) : null}
      <TextDialog
        open={open?.kind === "resolve"}
        title={`Resolve ${open ? recordName(open.target) : ""} by hand`}
        label="What was done"
        hint="e.g. “Keyed the order into the ERP by hand”. Closes the exception as a manual override."
        confirm={`Resolve ${open ? recordName(open.target) : ""}`}
        busy={mutation.isPending}
        error={error}
        onCancel={close}
        onConfirm={(note) => open && run(open.target, "resolve", { note }, "Resolved as a manual override.")}
      />
      <TextDialog
        open={open?.kind === "discard"}
        title={`Discard ${open ? recordName(open.target) : "this record"}`}
        label="Why it can be dropped"
        hint="The record will not be delivered. The reason is kept in the audit trail."
        confirm={`Discard ${open ? recordName(open.target) : ""}`}
        danger
        busy={mutation.isPending}
        error={error}
        onCancel={close}
        onConfirm={(reason) => open && run(open.target, "discard", { reason }, "Discarded.")}
      />
    </>
  );
  return { act, ask, element, busy: mutation.isPending };
}

function AssignDialog({
  target,
  busy,
  error,
  onCancel,
  onAssign,
}: {
  target: ActionTarget;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onAssign: (id: string | null) => void;
}) {
  const users = useUsers();
  const [choice, setChoice] = useState(target.assignee ?? "");
  const people = users.data?.items.filter((u) => !u.disabled && u.role !== "manager") ?? [];
  return (
    <Dialog open title={`Assign ${recordName(target)}`} onClose={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onAssign(choice || null);
        }}
        className="space-y-4"
      >
        <Field label="Who should handle it">
          <Select autoFocus value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Nobody (back to the queue)</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </Select>
        </Field>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            Assign {recordName(target)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ReplayLauncher({
  target,
  ...rest
}: {
  target: ActionTarget;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onSend: (payload: unknown) => void;
}) {
  const event = useEvent(target.eventId);
  if (!event.data) return null;
  const latest = event.data.replays.at(-1)?.payload ?? event.data.event.payload;
  return <ReplayDialog open integration={target.integration} label={recordName(target)} payload={latest} {...rest} />;
}
