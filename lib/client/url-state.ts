"use client";
// A list's filters and selection live in the URL's search params, so Back, reload and a shared link restore them.
// Written with the History API, which Next's router observes (useSearchParams follows it) without a server round
// trip per keystroke: a filter change pushes an entry (Back undoes it), a selection move replaces the current one.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

export type UrlPatch<K extends string> = Partial<Record<K, string | undefined | null>>;

/** The URL with `patch` applied to its search params (empty values removed). */
export function withParams(
  current: string,
  pathname: string,
  patch: Record<string, string | undefined | null>,
): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === "") next.delete(key);
    else next.set(key, value);
  }
  const text = next.toString();
  return `${pathname}${text ? `?${text}` : ""}`;
}

/**
 * Next's router follows pushState/replaceState once its own effect has wrapped them, a moment after the page became
 * interactive. A write before that would change the address without the page seeing it, and leave a history entry
 * the router ignores on Back (the address changes, the filters do not): such a write waits for the router.
 */
function whenRouterFollows(write: () => void, waited = 0): void {
  const native = Function.prototype.toString.call(window.history.pushState).includes("[native code]");
  if (!native || waited >= 2_000) write();
  else setTimeout(() => whenRouterFollows(write, waited + 10), 10);
}

/** The named search params, and a setter: `set(patch)` pushes a history entry, `set(patch, "replace")` does not. */
export function useUrlState<K extends string>(keys: readonly K[]) {
  const params = useSearchParams();
  const pathname = usePathname();
  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [params, keys]);
  const set = useCallback(
    (patch: UrlPatch<K>, mode: "push" | "replace" = "push") =>
      whenRouterFollows(() => {
        const url = withParams(window.location.search, pathname, patch);
        if (url === `${window.location.pathname}${window.location.search}`) return;
        if (mode === "push") window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      }),
    [pathname],
  );
  return [values, set] as const;
}
