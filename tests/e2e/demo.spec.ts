// The demo a newcomer sees: within a minute of `npm run demo` the events list
// shows every outcome — delivered, failed, rejected by the contract, stale —
// and the retries in between.
import { expect, test } from "@playwright/test";
import { apiFromPage, signIn } from "./helpers";

test("the demo traffic shows every event status within a minute", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "ops");
  const wanted = ["succeeded", "failed", "rejected", "stale"];
  const seen = new Set<string>();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && wanted.some((s) => !seen.has(s))) {
    for (const status of wanted) {
      if (seen.has(status)) continue;
      const res = await apiFromPage(page, "GET", `/api/v1/events?status=${status}&limit=1`);
      if (res.body.items.length) seen.add(status);
    }
    const inFlight = await apiFromPage(page, "GET", "/api/v1/events?limit=50");
    for (const e of inFlight.body.items as { status: string }[]) seen.add(e.status);
    await page.waitForTimeout(1_000);
  }
  expect([...seen].filter((s) => wanted.includes(s)).sort()).toEqual([...wanted].sort());

  await page.getByRole("link", { name: "Events", exact: true }).click();
  await expect(page.getByTestId("event-row").first()).toBeVisible();
  await page.getByLabel("Status").selectOption("rejected");
  await expect(page.getByTestId("event-row").first()).toHaveAttribute("data-status", "rejected");
  await expect(page.getByTestId("event-row").first().getByText("Rejected")).toBeVisible();
});
