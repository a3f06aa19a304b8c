import { Badge, type Tone } from "@/components/ui/badge";

export const EVENT_STATUS: Record<string, { tone: Tone; label: string; hint: string }> = {
  received: { tone: "blue", label: "Received", hint: "Accepted; delivery is waiting or under way" },
  processing: { tone: "blue", label: "In progress", hint: "Sent again on request, or being worked on by the workflow" },
  retrying: { tone: "amber", label: "Retrying", hint: "An attempt failed; another is scheduled automatically" },
  succeeded: { tone: "green", label: "Succeeded", hint: "Delivered / completed" },
  failed: { tone: "red", label: "Failed", hint: "Gave up; an exception is waiting for a person" },
  rejected: { tone: "red", label: "Rejected", hint: "Did not match the contract; an exception is waiting" },
  stale: { tone: "slate", label: "Stale", hint: "A newer version of this record was already accepted; not delivered" },
  overridden: { tone: "violet", label: "Resolved by hand", hint: "A person handled it outside Signalbox" },
  discarded: { tone: "slate", label: "Discarded", hint: "Dropped by a person, with a reason" },
};

export function EventStatusBadge({ status }: { status: string }) {
  const info = EVENT_STATUS[status] ?? { tone: "slate" as Tone, label: status, hint: "" };
  return (
    <span title={info.hint}>
      <Badge tone={info.tone}>{info.label}</Badge>
    </span>
  );
}
