// Typed domain errors. Core code throws these; lib/server/http-errors.ts maps
// each kind to one HTTP status, so no handler guesses.

export type ErrorKind =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "gone"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "rate_limited";

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** stable machine-readable code, e.g. `invalid_state`, `readiness_incomplete` */
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** extra top-level fields of the error answer, e.g. the original event `id` */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export interface Issue {
  path: string;
  message: string;
}

export const invalidInput = (message: string, details?: Issue[]) =>
  new DomainError("invalid_input", "invalid_input", message, details);
export const unauthorized = (message = "Sign in or send a valid token.") =>
  new DomainError("unauthorized", "unauthorized", message);
export const forbidden = (message = "Your role may not do this.") => new DomainError("forbidden", "forbidden", message);
export const notFound = (what: string, code = "not_found") => new DomainError("not_found", code, `${what} not found.`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new DomainError("conflict", code, message, details);
export const invalidState = (message: string) => conflict("invalid_state", message);

/** zod issues → `[{ path: "/a/0/b", message }]` (JSON Pointer paths). */
export function issuesFromZod(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Issue[] {
  return issues.map((issue) => ({ path: toPointer(issue.path), message: issue.message }));
}

export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "";
  return "/" + path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}
