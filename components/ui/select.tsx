"use client";
import { useLayoutEffect, useRef, type SelectHTMLAttributes } from "react";

/**
 * A controlled select that keeps a choice made before the page became interactive. That choice is in the
 * server-rendered element but not in React's state; as the element is hydrated it is replayed as a change, so it is
 * applied rather than silently lost (React does the same behind a flag that is not in its stable build yet). A
 * choice the server could not show (its option not loaded yet) is not the user's and is left alone.
 */
export function ReplayingSelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  const ref = useRef<HTMLSelectElement>(null);
  const controlled = typeof props.value === "string";
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !controlled) return;
    const served = [...element.options].find((o) => o.defaultSelected)?.value;
    if (served !== undefined && element.value !== served) element.dispatchEvent(new Event("change", { bubbles: true }));
    // Hydration only: later renders are React's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <select ref={ref} {...props} />;
}
