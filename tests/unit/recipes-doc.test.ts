// docs/recipes.md is generated from lib/core/tracked/recipes.ts: the committed file must be what the script renders.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderRecipesMarkdown } from "@/lib/core/tracked/recipes-markdown";
import { DOC_PLACE, RECIPE_TOOLS, recipesFor } from "@/lib/core/tracked/recipes";

describe("docs/recipes.md", () => {
  it("is exactly what npm run docs:recipes renders (run it after changing the recipes)", () => {
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/recipes.md"), "utf8");
    expect(committed).toBe(renderRecipesMarkdown());
  });

  it("fills in the integration's address and slug, never an API key", () => {
    const recipes = recipesFor({ baseUrl: "https://sbx.acme.test/", slug: "acme-orders" });
    expect(recipes.map((r) => r.tool)).toEqual([...RECIPE_TOOLS]);
    for (const r of recipes) {
      expect(r.steps[0]!.url).toBe("https://sbx.acme.test/api/v1/track/events");
      expect(r.steps[0]!.body).toContain('"integration": "acme-orders"');
      expect(r.steps.map((s) => s.url).join(" ")).not.toContain(DOC_PLACE.baseUrl);
      expect(r.steps.flatMap((s) => s.headers.map((h) => h.value))).toContain("Bearer <your API key>");
    }
  });
});
