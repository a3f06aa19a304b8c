// Webhook targets as they are saved: header names and values checked, header
// values write-only (a blank value keeps the stored one; views show a mask),
// and the URL refused at save time when it names a private address or a name
// that resolves to one (API.md §2). The send-time check in the worker stays: it
// checks the address actually connected to.
import ipaddr from "ipaddr.js";
import { DomainError, type Issue } from "../errors";
import { checkAddress, checkHost, checkUrl } from "../security/ssrf";
import type { WebhookTarget } from "./types";

/** What views show instead of a header value. */
export const HEADER_MASK = "••••";

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Signalbox sets these itself on every delivery; a static header may not replace them.
const RESERVED = new Set([
  "content-length",
  "host",
  "connection",
  "transfer-encoding",
  "idempotency-key",
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  "traceparent",
  "x-correlation-id",
]);

/** The target with every header value replaced by the mask. */
export function maskTarget(target: WebhookTarget | null): WebhookTarget | null {
  if (!target) return null;
  return {
    ...target,
    headers: Object.fromEntries(Object.keys(target.headers ?? {}).map((name) => [name, HEADER_MASK])),
  };
}

/**
 * The target to store: a header whose value is blank (or the mask) keeps the
 * value stored before under the same name; a header left out is removed.
 * @returns issues for bad names, values with control characters, or blank values with nothing stored
 */
export function mergeTarget(
  next: WebhookTarget | null | undefined,
  before: WebhookTarget | null,
  path: string,
): { target: WebhookTarget | null | undefined; issues: Issue[] } {
  if (!next) return { target: next, issues: [] };
  const issues: Issue[] = [];
  const headers: Record<string, string> = {};
  const stored = new Map(Object.entries(before?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [rawName, rawValue] of Object.entries(next.headers ?? {})) {
    const name = rawName.trim();
    const at = `${path}/headers/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!HEADER_NAME.test(name)) {
      issues.push({ path: at, message: "not a valid header name" });
      continue;
    }
    if (RESERVED.has(name.toLowerCase())) {
      issues.push({ path: at, message: "Signalbox sets this header itself" });
      continue;
    }
    const value = rawValue.trim();
    if (value === "" || value === HEADER_MASK) {
      const kept = stored.get(name.toLowerCase());
      if (kept === undefined) issues.push({ path: at, message: "give a value" });
      else headers[name] = kept;
      continue;
    }
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
      issues.push({ path: at, message: "line breaks and control characters are not allowed in a header value" });
      continue;
    }
    headers[name] = value;
  }
  return { target: { ...next, headers }, issues };
}

/** What the host names of the URLs being saved resolve to (hosts without an entry are judged as written). */
export type Resolved = ReadonlyMap<string, string[]>;

const hostOf = (url: string): string | null => {
  const checked = checkUrl(url);
  return checked.ok
    ? checked.url.hostname
        .replace(/^\[|\]$/g, "")
        .toLowerCase()
        .replace(/\.$/, "")
    : null;
};

/**
 * Why this URL may not be saved for this integration, or null when it may (the same classifier as the sender's):
 * the host as written, then every address it resolves to when `resolved` names it.
 */
export function privateTargetReason(url: string, allowPrivate: boolean, resolved?: Resolved): string | null {
  const checked = checkUrl(url);
  if (!checked.ok) return checked.reason;
  const verdict = checkHost(checked.url.hostname, allowPrivate);
  if (!verdict.ok) return verdict.reason;
  const host = hostOf(url)!;
  for (const address of resolved?.get(host) ?? []) {
    const v = checkAddress(address, allowPrivate);
    if (!v.ok) return `${host} resolves to ${v.reason}`;
  }
  return null;
}

/**
 * Resolve the host names of these URLs (not literal addresses, not localhost, not masked values) when the context
 * can; done before any transaction, so no lock is held during DNS.
 */
export async function resolveTargetNames(
  resolveHost: ((host: string) => Promise<string[]>) | undefined,
  urls: (string | null | undefined)[],
): Promise<Resolved> {
  const out = new Map<string, string[]>();
  if (!resolveHost) return out;
  const hosts = new Set<string>();
  for (const url of urls) {
    const host = url ? hostOf(url) : null;
    if (host && !ipaddr.isValid(host) && checkHost(host, false).ok) hosts.add(host);
  }
  await Promise.all([...hosts].map(async (h) => out.set(h, await resolveHost(h))));
  return out;
}

/** @throws 422 `private_destination` naming each refused field */
export function assertPublicTargets(
  targets: { path: string; url: string | null | undefined; allowPrivate: boolean }[],
  resolved?: Resolved,
): void {
  const issues: Issue[] = [];
  for (const t of targets) {
    if (!t.url) continue;
    const reason = privateTargetReason(t.url, t.allowPrivate, resolved);
    if (reason) issues.push({ path: t.path, message: reason });
  }
  if (issues.length) {
    throw new DomainError(
      "unprocessable",
      "private_destination",
      `This address is not allowed: ${issues[0]!.message}. Allow private targets for this integration if it really is inside your network.`,
      issues,
    );
  }
}

export function assertNoIssues(issues: Issue[]): void {
  if (issues.length) throw new DomainError("invalid_input", "invalid_input", "Some headers cannot be saved.", issues);
}
