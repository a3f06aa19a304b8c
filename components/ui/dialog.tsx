"use client";
import { useEffect, useRef, type ReactNode, type RefObject } from "react";

/** Opens a native <dialog> as a modal while `open` (focus moves in and is trapped) and closes it otherwise. */
export function useModal(ref: RefObject<HTMLDialogElement | null>, open: boolean) {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [ref, open]);
}

/**
 * A modal on the native <dialog>: focus moves in and is trapped, Escape
 * closes it, and focus returns to where it was.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useModal(ref, open);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="dialog-title"
      className={`m-auto max-h-[90vh] overflow-y-auto rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/50 ${wide ? "w-[min(64rem,95vw)]" : "w-[min(32rem,95vw)]"}`}
    >
      {open ? (
        <div className="p-6">
          <h2 id="dialog-title" className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
