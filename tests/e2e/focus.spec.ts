// Focus visible at 3:1 or better everywhere (WCAG 2.2 non-text contrast): at 1440×900, as an admin, Tab through the
// first 40 stops of the busiest pages and measure each focus indicator — the outline, or else a focus ring drawn as a
// box-shadow — against the colour behind it (the element's own background for an inset ring, its surroundings
// otherwise), compositing translucent backgrounds up the tree as the browser paints them.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1440, height: 900 } });

const STOPS = 40;

interface Stop {
  what: string;
  indicator: string;
  colour: string;
  behind: string;
  ratio: number;
}

/** The focused element's indicator and its contrast; null when focus is on the page itself. */
function measure(page: Page): Promise<Stop | null> {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    // Measure the indicator as it settles, not half-way through a colour transition.
    await Promise.all(el.getAnimations().map((a) => a.finished.catch(() => undefined)));
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const g = canvas.getContext("2d", { willReadFrequently: true })!;
    type RGBA = [number, number, number, number];
    // Any CSS colour (Tailwind 4 writes oklch) → sRGB bytes, by painting one pixel.
    const rgba = (colour: string): RGBA => {
      g.clearRect(0, 0, 1, 1);
      g.fillStyle = "rgba(0,0,0,0)";
      g.fillStyle = colour;
      g.fillRect(0, 0, 1, 1);
      const d = g.getImageData(0, 0, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
    };
    const over = (top: RGBA, bottom: RGBA): RGBA => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    /** What is painted behind `from`: its background and its ancestors', translucent layers composited, over white. */
    const behind = (from: Element | null): RGBA => {
      const layers: RGBA[] = [];
      for (let node = from; node; node = node.parentElement) {
        const c = rgba(getComputedStyle(node).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reduceRight<RGBA>((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
    };
    const luminance = ([r, g2, b]: RGBA) => {
      const lin = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g2) + 0.0722 * lin(b);
    };
    const contrast = (a: RGBA, b: RGBA) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const hex = (c: RGBA) =>
      `#${c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, "0"))
        .join("")}`;
    const style = getComputedStyle(el);
    const label = (
      el.getAttribute("aria-label") ||
      el.innerText ||
      el.getAttribute("placeholder") ||
      (el as HTMLInputElement).labels?.[0]?.innerText ||
      ""
    )
      .trim()
      .replace(/\s+/g, " ")
      .slice(0, 50);
    const what = `${el.tagName.toLowerCase()}${el.getAttribute("type") ? `[type=${el.getAttribute("type")}]` : ""}${el.dataset.testid ? `[${el.dataset.testid}]` : ""} “${label}”`;

    const candidates: { indicator: string; colour: RGBA; ground: RGBA }[] = [];
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1) {
      const c = rgba(style.outlineColor);
      if (c[3] > 0) {
        const ground = behind(el.parentElement);
        candidates.push({ indicator: `outline ${style.outlineWidth}`, colour: over(c, ground), ground });
      }
    }
    // Box-shadows: "colour x y blur spread [inset]", comma-separated at the top level. A focus ring is a hard shadow
    // of 2 px or more (a 1 px ring is a permanent border, not a focus indicator).
    const shadows = style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\))/);
    for (const shadow of shadows) {
      const colour = /^\s*((?:rgba?|oklch|oklab|lab|lch|hsla?|color)\([^)]*\)|#[0-9a-f]+|[a-z]+)/i.exec(shadow)?.[1];
      const lengths =
        shadow
          .replace(colour ?? "", "")
          .match(/-?[\d.]+px/g)
          ?.map(parseFloat) ?? [];
      const [, , blur = 0, spread = 0] = lengths;
      if (!colour || blur > 0 || spread < 2) continue;
      const c = rgba(colour);
      if (c[3] === 0) continue;
      const ground = behind(/inset/.test(shadow) ? el : el.parentElement);
      candidates.push({
        indicator: `ring ${spread}px${/inset/.test(shadow) ? " inset" : ""}`,
        colour: over(c, ground),
        ground,
      });
    }
    if (candidates.length === 0)
      return {
        what,
        indicator: `none (outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}, shadow ${style.boxShadow})`,
        colour: "-",
        behind: hex(behind(el.parentElement)),
        ratio: 1,
      };
    const best = candidates
      .map((c) => ({ ...c, ratio: contrast(c.colour, c.ground) }))
      .sort((a, b) => b.ratio - a.ratio)[0]!;
    return {
      what,
      indicator: best.indicator,
      colour: hex(best.colour),
      behind: hex(best.ground),
      ratio: Math.round(best.ratio * 100) / 100,
    };
  });
}

for (const path of ["/exceptions", "/events", "/integrations", "/kpis"]) {
  test(`every focus stop on ${path} shows its focus at 3:1 or better`, async ({ page }) => {
    await signIn(page, "admin");
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const seen: Stop[] = [];
    for (let i = 0; i < STOPS; i++) {
      await page.keyboard.press("Tab");
      const stop = await measure(page);
      if (stop) seen.push(stop);
    }
    expect(seen.length, "Tab reaches focusable elements").toBeGreaterThan(15);
    const weak = seen
      .filter((s) => s.ratio < 3)
      .map((s) => `${s.what}: ${s.indicator} ${s.colour} on ${s.behind} = ${s.ratio}:1`);
    expect(weak, `focus indicators under 3:1 on ${path}`).toEqual([]);
  });
}
