// No-code recipes: the exact HTTP requests an n8n, Make or Zapier workflow adds to report a record's journey to the
// track API (API.md §3), written once as data. docs/recipes.md (npm run docs:recipes), the console's "Connect a
// workflow" page and tests/integration/tracked-recipes.test.ts all read this file. Pure: importable by the browser.

export const RECIPE_TOOLS = ["n8n", "make", "zapier"] as const;
export type RecipeTool = (typeof RECIPE_TOOLS)[number];
export type RecipeStepKind = "start" | "stage" | "outcome" | "failed-stage" | "failed-outcome";

/** Where the workflow reports: the console's public address and the integration's slug. */
export interface RecipePlace {
  baseUrl: string;
  slug: string;
}
/** What docs/recipes.md shows in place of a real address and slug. */
export const DOC_PLACE: RecipePlace = { baseUrl: "https://signalbox.example.com", slug: "your-integration" };
/** The API key is never filled in (it is shown once, at creation): the reader pastes it here. */
export const API_KEY_PLACEHOLDER = "<your API key>";

export interface RecipeHeader {
  name: string;
  value: string;
}
export interface RecipeStep {
  kind: RecipeStepKind;
  title: string;
  /** Where the step goes in the tool and how each field is set, in the tool's own words. */
  where: string[];
  method: "POST";
  url: string;
  /** Every header the tool sends with this step (authentication included). */
  headers: RecipeHeader[];
  /** The body as typed into the tool, with the tool's own expressions. */
  body: string;
}
export interface Recipe {
  tool: RecipeTool;
  name: string;
  intro: string;
  /** How the event id answered by the first step reaches the later ones. */
  carry: string;
  /** Where the two failure steps go. */
  failure: string;
  steps: RecipeStep[];
}

/** The tool's expressions for the record's fields and for the event id answered by the first step. */
interface Syntax {
  recordId: string;
  payload: string;
  eventId: string;
}
const SYNTAX: Record<RecipeTool, Syntax> = {
  n8n: {
    recordId: "{{ $json.orderId }}",
    payload: "{{ JSON.stringify($json) }}",
    eventId: "{{ $('Signalbox: record started').item.json.id }}",
  },
  make: {
    recordId: "{{1.orderId}}",
    payload: '{ "orderId": "{{1.orderId}}", "total": {{1.total}} }',
    eventId: "{{2.data.id}}",
  },
  zapier: {
    recordId: "«1. Order ID»",
    payload: '{ "orderId": "«1. Order ID»", "total": «1. Total» }',
    eventId: "«2. ID»",
  },
};

const STAGE = "create-invoice";
const FAILURE = "The accounting system refused the invoice.";

/** JSON text with some values given as raw text (the tool's expressions), laid out as people type it. */
function jsonText(fields: [string, string][]): string {
  return `{\n${fields.map(([k, raw]) => `  ${JSON.stringify(k)}: ${raw}`).join(",\n")}\n}`;
}
const str = (s: string) => JSON.stringify(s);

function bodies(place: RecipePlace, s: Syntax): Record<RecipeStepKind, string> {
  return {
    start: jsonText([
      ["integration", str(place.slug)],
      ["idempotencyKey", `"${s.recordId}"`],
      ["correlationId", `"${s.recordId}"`],
      ["payload", s.payload],
    ]),
    stage: jsonText([
      ["stage", str(STAGE)],
      ["status", str("succeeded")],
    ]),
    outcome: jsonText([["outcome", str("success")]]),
    "failed-stage": jsonText([
      ["stage", str(STAGE)],
      ["status", str("failed")],
      ["errorCategory", str("permanent")],
      ["error", str(FAILURE)],
    ]),
    "failed-outcome": jsonText([
      ["outcome", str("failed")],
      ["errorCategory", str("permanent")],
      ["error", str(FAILURE)],
    ]),
  };
}

function urls(place: RecipePlace, s: Syntax): Record<RecipeStepKind, string> {
  const base = place.baseUrl.replace(/\/+$/, "");
  const event = `${base}/api/v1/track/events/${s.eventId}`;
  return {
    start: `${base}/api/v1/track/events`,
    stage: `${event}/stages`,
    outcome: `${event}/outcome`,
    "failed-stage": `${event}/stages`,
    "failed-outcome": `${event}/outcome`,
  };
}

const TITLES: Record<RecipeStepKind, string> = {
  start: "Record started",
  stage: "Stage done",
  outcome: "Outcome: success",
  "failed-stage": "On failure: the stage failed",
  "failed-outcome": "On failure: outcome failed",
};
const NODE_NAMES: Record<RecipeStepKind, string> = {
  start: "Signalbox: record started",
  stage: "Signalbox: invoice created",
  outcome: "Signalbox: done",
  "failed-stage": "Signalbox: invoice failed",
  "failed-outcome": "Signalbox: record failed",
};
const PLACEMENT: Record<RecipeStepKind, string> = {
  start: "right after the trigger",
  stage: `right after the step it reports (here: the one that creates the invoice, reported as stage "${STAGE}")`,
  outcome: "at the end of the workflow",
  "failed-stage": "first in the failure branch (see below)",
  "failed-outcome": "after the failed stage, in the failure branch",
};

const bearer: RecipeHeader = { name: "Authorization", value: `Bearer ${API_KEY_PLACEHOLDER}` };
const json: RecipeHeader = { name: "Content-Type", value: "application/json" };

function n8nWhere(kind: RecipeStepKind): string[] {
  return [
    `Add an **HTTP Request** node ${PLACEMENT[kind]} and name it \`${NODE_NAMES[kind]}\`.`,
    kind === "start"
      ? "**Method**: POST. **URL**: the address below."
      : "**Method**: POST. **URL**: the address below, with the field set to Expression (it holds the event id).",
    kind === "start"
      ? `**Authentication**: Generic Credential Type → **Generic Auth Type**: Header Auth → create a credential with **Name** \`Authorization\` and **Value** \`Bearer ${API_KEY_PLACEHOLDER}\`.`
      : "**Authentication**: the same Header Auth credential.",
    "Turn on **Send Body**: **Body Content Type** JSON, **Specify Body** Using JSON, and paste the body into **JSON** with the field set to Expression.",
    ...(kind === "start"
      ? [
          "`$json.orderId` stands for your record's id as the trigger outputs it (the Webhook trigger puts the request body under `body`: `$json.body.orderId`).",
        ]
      : []),
  ];
}

function makeWhere(kind: RecipeStepKind): string[] {
  return [
    `Add an **HTTP → Make a request** module ${PLACEMENT[kind]}.`,
    "**URL**: the address below. **Method**: POST.",
    `**Headers**: add a header with **Name** \`Authorization\` and **Value** \`Bearer ${API_KEY_PLACEHOLDER}\`.`,
    "**Body type**: Raw. **Content type**: JSON (application/json). **Request content**: the body below.",
    ...(kind === "start"
      ? [
          "**Parse response**: Yes, so later modules can map the answer's `id`.",
          "`1.orderId` and `1.total` are your trigger's fields (module 1); map them from the panel, and add the fields you want kept in the payload.",
        ]
      : []),
  ];
}

function zapierWhere(kind: RecipeStepKind): string[] {
  return [
    `Add an action step ${PLACEMENT[kind]}: app **Webhooks by Zapier**, event **Custom Request**.`,
    "**Method**: POST. **URL**: the address below.",
    "**Data**: the body below. Each «…» is a field you insert from that step's data (click in the field and pick it), not text to type.",
    `**Headers**: \`Authorization\` = \`Bearer ${API_KEY_PLACEHOLDER}\` and \`Content-Type\` = \`application/json\`.`,
  ];
}

const TOOLS: Record<
  RecipeTool,
  {
    name: string;
    intro: string;
    carry: string;
    failure: string;
    where: (k: RecipeStepKind) => string[];
    headers: RecipeHeader[];
  }
> = {
  n8n: {
    name: "n8n",
    intro: "Each report is an HTTP Request node with a Header Auth credential holding the integration's API key.",
    carry: `Later nodes name the first one: \`${SYNTAX.n8n.eventId}\` is the event id Signalbox answered to \`${NODE_NAMES.start}\` (rename it, and the expression changes with it).`,
    failure:
      "On the node that may fail, open **Settings** → **On Error** → Continue (using error output), and connect its error output to the two failure nodes.",
    where: n8nWhere,
    // The JSON body sets Content-Type; the credential adds Authorization.
    headers: [bearer, json],
  },
  make: {
    name: "Make",
    intro:
      "Each report is an HTTP → Make a request module. This recipe assumes the trigger is module 1 and the first report module 2; Make shows each module's number on it: use yours.",
    carry: `Later modules map \`${SYNTAX.make.eventId}\`: the \`id\` in the parsed answer (\`data\`) of module 2.`,
    failure:
      "Right-click the module that may fail → **Add error handler**, put the two failure modules on that route, and end it with the error handler directive you want (e.g. Ignore).",
    where: makeWhere,
    headers: [bearer, json],
  },
  zapier: {
    name: "Zapier",
    intro:
      "Each report is a Webhooks by Zapier → Custom Request action. Zapier inserts data by step: «1. Order ID» below means the field Order ID of step 1 (your trigger).",
    carry: `Later steps insert the field **ID** of step 2 (the first report), written \`${SYNTAX.zapier.eventId}\` below.`,
    failure:
      "On the step that may fail, click the three dots → **Add error handler**, and add the two failure steps to the error path.",
    where: zapierWhere,
    headers: [bearer, json],
  },
};

const KINDS: RecipeStepKind[] = ["start", "stage", "outcome", "failed-stage", "failed-outcome"];

/** The three recipes for one integration (address and slug filled in; the API key left for the reader). */
export function recipesFor(place: RecipePlace): Recipe[] {
  return RECIPE_TOOLS.map((tool) => {
    const t = TOOLS[tool];
    const b = bodies(place, SYNTAX[tool]);
    const u = urls(place, SYNTAX[tool]);
    return {
      tool,
      name: t.name,
      intro: t.intro,
      carry: t.carry,
      failure: t.failure,
      steps: KINDS.map((kind) => ({
        kind,
        title: TITLES[kind],
        where: t.where(kind),
        method: "POST" as const,
        url: u[kind],
        headers: t.headers,
        body: b[kind],
      })),
    };
  });
}

/** Sample values standing in for what a run of the workflow would insert. */
export interface RecipeSamples {
  record: { orderId: string; total: number };
  eventId: string;
  apiKey: string;
}

/** The tool's expressions, each with the sample value a run would put in its place (longest first). */
function sampleValues(tool: RecipeTool, samples: RecipeSamples): [string, string][] {
  const s = SYNTAX[tool];
  const fields: [string, string][] =
    tool === "n8n"
      ? [[s.payload, JSON.stringify(samples.record)]]
      : [[tool === "make" ? "{{1.total}}" : "«1. Total»", String(samples.record.total)]];
  return [
    ...fields,
    [s.eventId, samples.eventId],
    [s.recordId, samples.record.orderId],
    [API_KEY_PLACEHOLDER, samples.apiKey],
  ];
}

/** The text a tool would send: its expressions replaced by the samples. Throws if an expression is left. */
export function substituteSamples(tool: RecipeTool, text: string, samples: RecipeSamples): string {
  let out = text;
  for (const [expr, value] of sampleValues(tool, samples)) out = out.split(expr).join(value);
  if (/\{\{|«|<your /.test(out)) throw new Error(`an expression of ${tool} was left in: ${out}`);
  return out;
}
