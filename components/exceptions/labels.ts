// Plain words for the queue.
import type { Tone } from "@/components/ui/badge";

export const CATEGORY: Record<string, { label: string; tone: Tone; hint: string }> = {
  validation: { label: "Bad data", tone: "amber", hint: "The record does not match the contract" },
  transient: { label: "Temporary failure", tone: "blue", hint: "The target was down or slow; retries ran out" },
  permanent: {
    label: "Refused by target",
    tone: "red",
    hint: "The target said no; retrying the same record will not help",
  },
};

export const REASON: Record<string, string> = {
  contract_violation: "Does not match the contract",
  retries_exhausted: "Still failing after every retry",
  max_age_exceeded: "Too old to keep retrying",
  redirect_not_followed: "Target answered with a redirect",
  refused_by_policy: "Destination not allowed (private address)",
  send_error: "Could not be sent (e.g. a header value the HTTP client refuses)",
  workflow_failed: "The workflow reported a failure",
};

export function reasonText(reason: string): string {
  if (REASON[reason]) return REASON[reason];
  const http = /^http_(\d{3})$/.exec(reason);
  return http ? `Target answered HTTP ${http[1]}` : reason.replace(/_/g, " ");
}
