// The console's only way to the server: the public JSON API (API.md §4).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const SESSION_EXPIRED = "session_expired";

/** The sign-in page, coming back to this very URL (path and search params). */
export function signInUrl(): string {
  return `/signin?callbackUrl=${encodeURIComponent(`${window.location.pathname}${window.location.search}`)}`;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  if (response.status === 401 && typeof window !== "undefined") {
    // A change is never re-sent after signing in again: say it did not happen, and leave the page (and its filters)
    // as it is. A read just goes to sign in and comes back to the same URL, filters included.
    if ((init.method ?? "GET") !== "GET")
      throw new ApiError(
        401,
        SESSION_EXPIRED,
        "Your session has expired: this action was NOT performed. Sign in again, then repeat it.",
      );
    window.location.assign(signInUrl());
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "error",
      error?.message ?? `Request failed (${response.status})`,
      error?.details,
    );
  }
  return body as T;
}

/** Query string from the set values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
