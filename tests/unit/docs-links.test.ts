// The README and docs/*.md link only to files inside the repository, and every such link resolves: a reader of a
// checkout (or an offline mirror) never meets a dead link, and the README sends nobody outside.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FILES = [
  "README.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The text a reader sees as prose: fenced blocks and inline code removed (links there are not links). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`+[^`\n]*`+/g, "");
}

/** Markdown links and images `[..](target)`, autolinks `<scheme:…>`, and bare URLs GitHub would turn into links. */
export function linksIn(markdown: string): string[] {
  const text = prose(markdown).replace(/<!--[\s\S]*?-->/g, "");
  const targets = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const rest = text.replace(/!?\[[^\]]*\]\([^)]*\)/g, "");
  targets.push(...[...rest.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi)].map((m) => m[1]!));
  targets.push(...[...rest.matchAll(/(?<![<(\w])(?:https?:\/\/|www\.)[^\s<>)]+/gi)].map((m) => m[0]));
  return targets;
}

const isExternal = (target: string) =>
  /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//") || target.startsWith("www.");

describe("links in README.md and docs/*.md", () => {
  it("finds links the way a reader sees them", () => {
    expect(
      linksIn("See [API](docs/API.md#x), ![s](a.png), <https://x.test>, `https://code.test` and www.y.test."),
    ).toEqual(["docs/API.md#x", "a.png", "https://x.test", "www.y.test."]);
  });

  it.each(FILES)("%s: every relative link resolves to a file in the repository", (file) => {
    const dead = linksIn(fs.readFileSync(path.join(ROOT, file), "utf8"))
      .filter((t) => !isExternal(t) && !t.startsWith("#"))
      .filter((t) => {
        const target = path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(t.split("#")[0]!));
        return !target.startsWith(ROOT + path.sep) || !fs.existsSync(target);
      });
    expect(dead).toEqual([]);
  });

  it("README.md links to nothing outside the repository", () => {
    const outside = linksIn(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).filter(isExternal);
    expect(outside).toEqual([]);
  });

  it("README.md links to the operations guide and the workflow recipes", () => {
    const links = linksIn(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
    expect(links).toEqual(expect.arrayContaining(["docs/OPERATIONS.md", "docs/recipes.md"]));
  });
});
