// npm run docs:recipes — write docs/recipes.md from lib/core/tracked/recipes.ts.
import fs from "node:fs";
import path from "node:path";
import { renderRecipesMarkdown } from "../lib/core/tracked/recipes-markdown";

const file = path.resolve(import.meta.dirname, "../docs/recipes.md");
fs.writeFileSync(file, renderRecipesMarkdown());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
