"use client";
import { useEffect, useLayoutEffect, useRef, type SelectHTMLAttributes } from "react";

/**
 * A controlled select that keeps a choice made before the page became interactive. That choice is in the
 * server-rendered element but not in React's state; after hydration it is replayed as a change, so it is applied
 * rather than silently lost (React does the same behind a flag that is not in its stable build yet).
 *
 * The choice is read as the element is hydrated (a re-render would put the rendered value back) and replayed on the
 * task after this commit's effects: the router's own effect, which makes a URL change visible to the page, runs after
 * this component's (parents' effects run after their children's).
 */
export function ReplayingSelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  const ref = useRef<HTMLSelectElement>(null);
  const rendered = useRef(props.value);
  const chosenEarly = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof rendered.current !== "string") return;
    // What the server selected (a choice the server could not show, e.g. its option not yet loaded, is not the user's).
    const served = [...element.options].find((o) => o.defaultSelected)?.value;
    if (served !== undefined && element.value !== served) chosenEarly.current = element.value;
  }, []);
  useEffect(() => {
    const element = ref.current;
    const chosen = chosenEarly.current;
    if (!element || chosen === null) return;
    const timer = setTimeout(() => {
      chosenEarly.current = null;
      element.value = chosen;
      element.dispatchEvent(new Event("change", { bubbles: true }));
    });
    return () => clearTimeout(timer);
  }, []);
  return <select ref={ref} {...props} />;
}
