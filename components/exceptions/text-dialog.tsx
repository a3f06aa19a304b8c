"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";

/** Ask for the note or reason an action needs, then confirm. */
export function TextDialog(props: {
  open: boolean;
  title: string;
  label: string;
  hint: string;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onCancel: () => void;
  onConfirm: (text: string) => void;
}) {
  const [text, setText] = useState("");
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) props.onConfirm(text.trim());
        }}
        className="space-y-4"
      >
        <Field label={props.label} hint={props.hint}>
          <TextArea autoFocus required rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        {props.error ? (
          <p role="alert" className="text-sm text-red-700">
            {props.error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" variant={props.danger ? "danger" : "primary"} disabled={!text.trim() || props.busy}>
            {props.busy ? "Working…" : props.confirm}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
