"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useModal } from "@/components/ui/dialog";
import { Sidebar } from "./sidebar";

/** Below the large breakpoint the navigation folds into a "Menu" button that opens it as a drawer. */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  useModal(ref, open);
  return (
    <>
      <button
        type="button"
        className="inline-flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 lg:hidden"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen(true)}
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
        Menu
      </button>
      <dialog
        ref={ref}
        id="mobile-nav"
        aria-label="Navigation"
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === e.currentTarget) setOpen(false);
        }}
        className="m-0 h-full max-h-none w-64 max-w-[80vw] bg-slate-900 p-0 backdrop:bg-slate-900/50 lg:hidden"
        data-surface="dark"
      >
        {open ? (
          <div className="flex h-full flex-col">
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="self-end px-4 pt-3 text-sm font-medium text-slate-300 underline"
            >
              Close
            </button>
            <Sidebar />
          </div>
        ) : null}
      </dialog>
    </>
  );
}
