// Retention in the console: everyone sees how long records are kept; an admin changes it (a mistake is explained
// next to the form, in words), and puts one event under legal hold from its page.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an admin sets how long one integration's records are kept; a mistake is explained; a manager only reads", async ({
  page,
}) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "How long records are kept" });
  await expect(panel.getByLabel("Payloads (days)")).toHaveValue(/\d+/);
  const row = panel.getByTestId("retention-row").filter({ hasText: "Shop orders" }).first();
  const name = (await row.getByRole("rowheader").innerText()).trim();
  // Records shorter than payloads: refused, and said in words next to the form.
  await panel.getByLabel(`${name}: payload days`).fill("500");
  await panel.getByLabel(`${name}: record days`).fill("400");
  await panel.getByRole("button", { name: "Save retention" }).click();
  await expect(panel.getByRole("alert")).toContainText(`${name} — Records: records cannot be removed before`);
  await panel.getByLabel(`${name}: record days`).fill("800");
  await panel.getByRole("button", { name: "Save retention" }).click();
  await expect(panel.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByLabel(`${name}: payload days`)).toHaveValue("500");
  await expect(page.getByLabel(`${name}: record days`)).toHaveValue("800");
  // What the store holds, and when this integration's oldest payload and record are due to go.
  await expect(page.getByTestId("store-summary")).toContainText(/MB|KB|GB/);
  await expect(page.getByTestId("store-summary")).toContainText(/about [\d,]+ events/);
  const stored = page.getByTestId("store-row").filter({ hasText: name });
  await expect(stored.getByRole("cell").nth(1)).toHaveText(/^in \d+/);
  await expect(stored.getByRole("cell").nth(2)).toHaveText(/^in \d+/);

  await signIn(page, "manager");
  await page.goto("/settings");
  const read = page.getByRole("region", { name: "How long records are kept" });
  await expect(read.getByLabel(`${name}: payload days`)).toHaveValue("500");
  await expect(read.getByLabel(`${name}: payload days`)).toBeDisabled();
  await expect(read.getByText("Only an admin can change these.")).toBeVisible();
  await expect(read.getByRole("button", { name: "Save retention" })).toHaveCount(0);
});

test("an admin puts an event under legal hold with a reason, and releases it", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/events?status=succeeded");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByTestId("event-title")).toBeVisible();
  await page.getByRole("button", { name: "Legal hold…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Why (a case or request number)").fill("Case 2026-114");
  await dialog.getByRole("button", { name: "Hold" }).click();
  await expect(page.getByTestId("event-legal-hold")).toHaveText("Legal hold");
  await expect(page.getByText("legal hold — “Case 2026-114”")).toBeVisible();
  await page.getByRole("button", { name: "Release legal hold…" }).click();
  await page.getByRole("dialog").getByLabel("Why (a case or request number)").fill("Case closed");
  await page.getByRole("dialog").getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("event-legal-hold")).toHaveCount(0);
});
