import { useId } from "react";

/**
 * A one-line definition shown on hover and on keyboard focus (and read by screen readers through
 * aria-describedby). Hidden with display:none, not visibility, so a tip near the right edge does not
 * widen the page while nobody looks at it.
 */
export function InfoTip({ label, text }: { label: string; text: string }) {
  const id = useId();
  return (
    <span className="group relative inline-flex">
      <button
        type="button"
        aria-label={`What is ${label.toLowerCase()}?`}
        aria-describedby={id}
        className="grid size-4 place-items-center rounded-full bg-slate-200 text-[10px] font-bold text-slate-600 hover:bg-slate-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        i
      </button>
      <span
        id={id}
        role="tooltip"
        className="pointer-events-none absolute left-1/2 top-6 z-20 hidden w-64 -translate-x-1/2 rounded-md bg-slate-900 px-3 py-2 text-xs font-normal leading-snug text-white shadow-lg group-focus-within:block group-hover:block"
      >
        {text}
      </span>
    </span>
  );
}
