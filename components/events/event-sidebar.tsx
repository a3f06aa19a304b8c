import { Markdown } from "@/components/ui/markdown";
import { Section } from "@/components/ui/section";

type Person = { id: string; name: string; email: string } | null;

const ROLES: [key: "triage" | "incident" | "logic" | "dataQuality", label: string][] = [
  ["triage", "Works the queue"],
  ["incident", "Incidents and escalation"],
  ["logic", "Integration logic"],
  ["dataQuality", "Data quality"],
];

/** Beside the process view: who owns this integration, and what to do when it breaks. */
export function EventSidebar({
  integration,
}: {
  integration: { name: string; slug: string; owners: Record<string, Person>; runbook: string; manualFallback: string };
}) {
  return (
    <aside className="space-y-4">
      <Section title="Owners">
        <dl className="space-y-2 text-sm">
          {ROLES.map(([key, label]) => (
            <div key={key}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="font-medium">
                {integration.owners[key] ? (
                  <a className="underline" href={`mailto:${integration.owners[key]!.email}`}>
                    {integration.owners[key]!.name}
                  </a>
                ) : (
                  <span className="text-amber-700">nobody named</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title="Runbook">
        <Markdown text={integration.runbook} empty="No runbook yet — ask the integration's admin to write one." />
      </Section>
      <Section title="Manual fallback">
        <Markdown text={integration.manualFallback} empty="No manual fallback documented." />
      </Section>
    </aside>
  );
}
