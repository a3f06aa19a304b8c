import { Badge, type Tone } from "@/components/ui/badge";

const LIFECYCLE: Record<string, { tone: Tone; label: string }> = {
  draft: { tone: "amber", label: "Draft — not live" },
  live: { tone: "green", label: "Live" },
  paused: { tone: "red", label: "Paused — holding deliveries" },
};

export function LifecycleBadge({ lifecycle }: { lifecycle: string }) {
  const info = LIFECYCLE[lifecycle] ?? { tone: "slate" as Tone, label: lifecycle };
  return <Badge tone={info.tone}>{info.label}</Badge>;
}
