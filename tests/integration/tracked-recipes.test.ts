// Each no-code recipe (lib/core/tracked/recipes.ts) checked end to end: the requests it describes, with sample values
// in place of the tool's expressions, sent to the track API through the real handlers (the start on the lean path,
// as `npm start` serves it), give the journey the recipe promises: started → stage → outcome, correlated, and
// idempotent when the workflow sends the same start twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import {
  RECIPE_TOOLS,
  recipesFor,
  substituteSamples,
  type RecipeStep,
  type RecipeTool,
  type RecipeSamples,
} from "@/lib/core/tracked/recipes";
import type { Store } from "@/lib/db/client";
import { viaLean } from "./helpers/lean";
import { useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "https://signalbox.test";
let store: Store;
let ctx: Ctx;
let routes: { events: Handler; stages: Handler; outcome: Handler };

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  routes = {
    events: viaLean("/api/v1/track/events"),
    stages: (await import("@/app/api/v1/track/events/[id]/stages/route")).POST,
    outcome: (await import("@/app/api/v1/track/events/[id]/outcome/route")).POST,
  };
});
afterAll(async () => {
  await store.close();
});

async function trackedIntegration(slug: string): Promise<string> {
  const created = await createIntegration({
    ctx,
    input: {
      slug,
      name: `Orders (${slug})`,
      mode: "tracked",
      sourceSystem: "Shop",
      targetSystem: "Accounting",
      contract: { schema: { type: "object", required: ["orderId"] } },
    },
  });
  return created.ingestKey.key;
}

/** Send one recipe step exactly as the tool would: its URL, headers and body with the samples filled in. */
async function send(tool: RecipeTool, step: RecipeStep, samples: RecipeSamples) {
  const url = new URL(substituteSamples(tool, step.url, samples));
  const headers = Object.fromEntries(
    step.headers.map((h) => [h.name, substituteSamples(tool, h.value, samples)] as const),
  );
  const body = substituteSamples(tool, step.body, samples);
  JSON.parse(body); // what the tool sends must be JSON
  const path = url.pathname.match(/^\/api\/v1\/track\/events(?:\/([^/]+)\/(stages|outcome))?$/);
  if (!path) throw new Error(`not a track API address: ${url.pathname}`);
  const handler = path[2] === "stages" ? routes.stages : path[2] === "outcome" ? routes.outcome : routes.events;
  const res = await handler(new Request(url, { method: step.method, headers, body }), {
    params: Promise.resolve<Record<string, string>>(path[1] ? { id: decodeURIComponent(path[1]) } : {}),
  });
  return { status: res.status, body: (await res.json()) as { id: string; status: string; duplicate?: boolean } };
}

const byKind = (steps: RecipeStep[], kind: RecipeStep["kind"]) => steps.find((s) => s.kind === kind)!;

describe.each(RECIPE_TOOLS)("the %s recipe", (tool) => {
  it("reports started → stage → success, correlated by the record's id, idempotent on a repeated start", async () => {
    const slug = `orders-${tool}`;
    const apiKey = await trackedIntegration(slug);
    const recipe = recipesFor({ baseUrl: BASE, slug }).find((r) => r.tool === tool)!;
    const samples: RecipeSamples = { record: { orderId: `SO-${tool}-1`, total: 12.5 }, eventId: "", apiKey };

    const started = await send(tool, byKind(recipe.steps, "start"), samples);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: "received", duplicate: false });
    samples.eventId = started.body.id;
    const again = await send(tool, byKind(recipe.steps, "start"), samples);
    expect(again).toMatchObject({ status: 200, body: { id: started.body.id, duplicate: true } });

    expect((await send(tool, byKind(recipe.steps, "stage"), samples)).status).toBe(200);
    expect((await send(tool, byKind(recipe.steps, "outcome"), samples)).body.status).toBe("succeeded");

    const event = await ctx.repos.events.findById(started.body.id);
    expect(event).toMatchObject({
      status: "succeeded",
      outcome: "success",
      source: "tracked",
      idempotencyKey: samples.record.orderId,
      correlationId: samples.record.orderId,
      duplicateCount: 1,
      payload: samples.record,
    });
    const stages = await ctx.repos.events.stages(started.body.id);
    expect(stages.map((s) => [s.stage, s.status])).toEqual([
      ["received", "succeeded"],
      ["create-invoice", "succeeded"],
    ]);
  });

  it("reports a failure: the failed stage with its category, then a failed outcome that opens an exception", async () => {
    const slug = `orders-${tool}-fail`;
    const apiKey = await trackedIntegration(slug);
    const recipe = recipesFor({ baseUrl: BASE, slug }).find((r) => r.tool === tool)!;
    const samples: RecipeSamples = { record: { orderId: `SO-${tool}-2`, total: 3 }, eventId: "", apiKey };

    samples.eventId = (await send(tool, byKind(recipe.steps, "start"), samples)).body.id;
    expect((await send(tool, byKind(recipe.steps, "failed-stage"), samples)).status).toBe(200);
    expect((await send(tool, byKind(recipe.steps, "failed-outcome"), samples)).body.status).toBe("failed");

    const stages = await ctx.repos.events.stages(samples.eventId);
    expect(stages.find((s) => s.stage === "create-invoice")).toMatchObject({
      status: "failed",
      errorCategory: "permanent",
      error: "The accounting system refused the invoice.",
    });
    expect(await ctx.repos.events.findById(samples.eventId)).toMatchObject({ status: "failed", outcome: "failed" });
    expect(await ctx.repos.exceptions.findOpenForEvent(samples.eventId)).toMatchObject({
      category: "permanent",
      reason: "workflow_failed",
      status: "open",
    });
  });
});
