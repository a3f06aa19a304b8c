"use client";
// "Connect a workflow": the recipes of lib/core/tracked/recipes.ts for one integration (its address and slug filled
// in), one tool at a time, each block with a copy button.
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Markdown } from "@/components/ui/markdown";
import { Section } from "@/components/ui/section";
import { API_KEY_PLACEHOLDER, recipesFor, type RecipePlace, type RecipeTool } from "@/lib/core/tracked/recipes";

function Block({ label, text }: { label: string; text: string }) {
  return (
    <div className="mt-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</span>
        <CopyButton value={text} label={label.toLowerCase()} />
      </div>
      <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
        <code>{text}</code>
      </pre>
    </div>
  );
}

export function WorkflowRecipes({ place }: { place: RecipePlace }) {
  const recipes = recipesFor(place);
  const [tool, setTool] = useState<RecipeTool>("n8n");
  const recipe = recipes.find((r) => r.tool === tool)!;
  return (
    <div className="space-y-4">
      <p className="max-w-prose text-sm text-slate-700">
        Add these steps to your workflow so Signalbox sees each record: when it starts, each stage it finishes, and how
        it ends. A failed end opens an exception in the queue. Put the integration&apos;s API key where you see{" "}
        <code className="rounded bg-slate-100 px-1">{API_KEY_PLACEHOLDER}</code> (it was shown once, when the
        integration or the key was created; an admin can create a new key on the integration&apos;s page).
      </p>
      <div role="group" aria-label="Workflow tool" className="flex flex-wrap gap-2">
        {recipes.map((r) => (
          <button
            key={r.tool}
            type="button"
            aria-pressed={r.tool === tool}
            onClick={() => setTool(r.tool)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ${
              r.tool === tool ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-900 ring-slate-300"
            }`}
          >
            {r.name}
          </button>
        ))}
      </div>
      <Section title={recipe.name}>
        <Markdown
          text={[
            recipe.intro,
            `**The event id in later steps.** ${recipe.carry}`,
            `**On failure.** ${recipe.failure}`,
          ].join("\n\n")}
          empty=""
        />
      </Section>
      {recipe.steps.map((s, i) => (
        <Section key={`${tool}-${s.kind}`} title={`${i + 1}. ${s.title}`}>
          <Markdown text={s.where.map((w) => `- ${w}`).join("\n")} empty="" />
          <Block label={`${s.method} address`} text={s.url} />
          <Block label="Headers" text={s.headers.map((h) => `${h.name}: ${h.value}`).join("\n")} />
          <Block label="Body" text={s.body} />
        </Section>
      ))}
    </div>
  );
}
