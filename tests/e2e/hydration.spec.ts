// The server's HTML and the browser's first render agree, wherever the viewer is and whatever their clock says: a
// disagreement makes React throw the server's page away and draw it again from scratch (slow on a phone, and a
// choice made before the page was interactive is lost). Times then follow the viewer's zone and clock.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ timezoneId: "Pacific/Auckland", locale: "en-NZ" });

/** Hydration failures React reports (production builds name them by number: 418, 423, 425). */
function hydrationErrors(page: Page): string[] {
  const seen: string[] = [];
  const keep = (text: string) => {
    if (/hydrat|#41[89]|#42[35]/i.test(text)) seen.push(text);
  };
  page.on("console", (m) => m.type() === "error" && keep(m.text()));
  page.on("pageerror", (e) => keep(String(e)));
  return seen;
}

test("times agree with the server on load, then read in the viewer's zone and clock", async ({ page }) => {
  await signIn(page, "ops");
  // The viewer's clock is 20 minutes ahead of the server's: the first render's "… ago" differs from the HTML.
  await page.clock.install({ time: Date.now() + 20 * 60_000 });
  const errors = hydrationErrors(page);
  await page.goto("/events");
  const first = page.locator("main time[datetime]").first();
  await expect(first).toBeVisible();
  // The row on top changes as demo traffic arrives: compare an element's title with its own time, read together.
  await expect
    .poll(() =>
      first.evaluate(
        (el) =>
          el.getAttribute("title") ===
          new Date(el.getAttribute("datetime")!).toLocaleString(undefined, {
            dateStyle: "medium",
            timeStyle: "medium",
          }),
      ),
    )
    .toBe(true);
  await expect(first).toHaveText(/min ago|hour|day/);
  await page.goto("/kpis");
  await expect(page.getByText(/buckets · compared with the period just before/)).not.toContainText("UTC");
  expect(errors).toEqual([]);
});

test("every console page hydrates without a disagreement, in another zone with a skewed clock", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin");
  await page.clock.install({ time: Date.now() + 90 * 60_000 });
  const errors = hydrationErrors(page);
  const event = (await (await page.request.get("/api/v1/events?limit=1")).json()).items[0]?.id as string | undefined;
  const integration = (await (await page.request.get("/api/v1/integrations")).json()).items[0]?.slug as string;
  const pages = ["/", "/events", "/exceptions", "/alerts", "/integrations", "/kpis", "/audit", "/settings"];
  pages.push(`/integrations/${integration}`);
  if (event) pages.push(`/events/${event}`);
  for (const path of pages) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(errors, path).toEqual([]);
  }
});
