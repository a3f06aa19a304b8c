// docs/recipes.md, rendered from the recipes (npm run docs:recipes writes it; a unit test fails when it drifts).
import { API_KEY_PLACEHOLDER, DOC_PLACE, recipesFor, type RecipeStep } from "./recipes";

const fence = (text: string) => ["```", text, "```"].join("\n");

function step(s: RecipeStep, n: number): string {
  return [
    `### ${n}. ${s.title}`,
    "",
    ...s.where.map((w) => `- ${w}`),
    "",
    `${s.method} to:`,
    "",
    fence(s.url),
    "",
    "Headers:",
    "",
    fence(s.headers.map((h) => `${h.name}: ${h.value}`).join("\n")),
    "",
    "Body:",
    "",
    fence(s.body),
  ].join("\n");
}

export function renderRecipesMarkdown(): string {
  const recipes = recipesFor(DOC_PLACE);
  const parts = [
    "<!-- Generated from lib/core/tracked/recipes.ts by `npm run docs:recipes`; do not edit by hand. -->",
    "# Connect a workflow: recipes for n8n, Make and Zapier",
    "",
    "A tracked integration's workflow runs in your own tool and reports each record's journey to Signalbox's track API",
    "([API.md §3](API.md#3-reporting-tracked-mode)): the record started, each stage done, the outcome, and on failure the",
    "failed stage with an error category (a failed outcome opens an exception in Signalbox's queue). Below are the exact",
    "steps to add, per tool. The console shows the same recipes with your integration's address and slug filled in:",
    "open the integration, then **Connect a workflow**.",
    "",
    `Replace \`${DOC_PLACE.baseUrl}\` with your Signalbox address, \`${DOC_PLACE.slug}\` with the integration's slug, and`,
    `\`${API_KEY_PLACEHOLDER}\` with the integration's API key (shown once, when the integration or key is created).`,
    "The examples report an order whose id is `orderId`: the id becomes both the idempotency key (a repeated start",
    "answers 200 with the same event id, so the workflow's later steps still report to the right event) and the",
    "correlation id (search for it under Events).",
    "",
  ];
  for (const r of recipes) {
    parts.push(`## ${r.name}`, "", r.intro, "", `**The event id in later steps.** ${r.carry}`, "");
    parts.push(`**On failure.** ${r.failure}`, "");
    r.steps.forEach((s, i) => parts.push(step(s, i + 1), ""));
  }
  return parts.join("\n");
}
