// Connect a workflow (docs/recipes.md in the console): from a tracked integration's page, the recipes with the
// integration's real address and slug, one tool at a time chosen from the keyboard, a copy button per block.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("ops opens Connect a workflow, switches tools with the keyboard and copies a block", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "ops");
  await page.goto("/integrations/invoice-approval-workflow");
  await page.getByRole("link", { name: /Connect a workflow/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Connect a workflow/ })).toBeVisible();

  const origin = new URL(page.url()).origin;
  const main = page.locator("main");
  await expect(page.getByRole("button", { name: "n8n", pressed: true })).toBeVisible();
  await expect(main).toContainText(`${origin}/api/v1/track/events`);
  await expect(main).toContainText('"integration": "invoice-approval-workflow"');
  await expect(main).toContainText("$('Signalbox: record started').item.json.id");

  // Keyboard: focus the Make button and press it.
  await page.getByRole("button", { name: "Make", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Make", pressed: true })).toBeVisible();
  await expect(main).toContainText(`${origin}/api/v1/track/events/{{2.data.id}}/stages`);
  await page.getByRole("button", { name: "Zapier" }).focus();
  await page.keyboard.press("Space");
  await expect(main).toContainText("Webhooks by Zapier");

  const copy = page.getByRole("button", { name: "Copy body" }).first();
  await copy.click();
  await expect(copy).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('"integration": "invoice-approval-workflow"');
  expect(copied).toContain("«1. Order ID»");
});
