// Issue 11 item 11: every page carries a Content-Security-Policy whose scripts
// run only with that response's nonce, nothing may frame the console — and the
// pages still work under it: no CSP violation on sign-in, the exception queue
// or the KPI charts (recharts sets inline styles).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** Collect CSP violations the page reports, from the page itself and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction("__cspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return seen;
}

function nonceOf(csp: string | undefined): string {
  const match = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "");
  expect(match, `a script nonce in: ${csp}`).not.toBeNull();
  return match![1]!;
}

/** Every script element of the page carries the response's nonce. */
async function scriptsCarry(page: Page, nonce: string) {
  const scripts = await page.evaluate(() =>
    Array.from(document.scripts).map((s) => ({ src: s.src || "(inline)", nonce: s.nonce })),
  );
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s, `script ${s.src}`).toEqual({ src: s.src, nonce });
}

test("pages carry a nonce-based CSP that forbids framing, and work under it", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchViolations(page);

  const signin = await page.goto("/signin");
  const csp = signin!.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const first = nonceOf(csp);
  await scriptsCarry(page, first);
  const again = await page.request.get("/signin");
  expect(nonceOf(again.headers()["content-security-policy"])).not.toBe(first);

  await signIn(page, "admin");

  const queue = await page.goto("/exceptions");
  const queueNonce = nonceOf(queue!.headers()["content-security-policy"]);
  await expect(page.getByRole("heading", { name: "Exceptions", level: 1 })).toBeVisible();
  await scriptsCarry(page, queueNonce);
  // Client-side code runs: the filters react (a navigation inside the app, no reload).
  await page.getByRole("link", { name: /^KPIs/ }).first().click();
  await expect(page).toHaveURL(/\/kpis/);
  await expect(page.getByRole("heading", { name: "KPIs", level: 1 })).toBeVisible();

  const kpis = await page.goto("/kpis");
  await scriptsCarry(page, nonceOf(kpis!.headers()["content-security-policy"]));
  await expect(page.getByTestId("chart-failure").locator("svg.recharts-surface").first()).toBeVisible({
    timeout: 30_000,
  });

  expect(violations).toEqual([]);
});

test("markup injected into a page cannot run script (inline handlers carry no nonce)", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/signin");
  const ran = await page.evaluate(async () => {
    // What an HTML injection would smuggle in: an inline event handler.
    document.body.insertAdjacentHTML(
      "beforeend",
      '<img alt="" src="/favicon.ico?x" onload="window.__injected = true" onerror="window.__injected = true">',
    );
    await new Promise((r) => setTimeout(r, 500));
    return Boolean((window as unknown as { __injected?: boolean }).__injected);
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.join("\n")).toContain("script-src");
});
