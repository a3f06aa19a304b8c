// The go-live gate holds: a check Signalbox computes offers no confirmation in
// the console and the API refuses one; a fact outside Signalbox (the runbook
// reviewed) takes a confirmation with a meaningful note.
import { expect, test } from "@playwright/test";
import { apiFromPage, signIn } from "./helpers";

test("computed checks cannot be confirmed by hand; an outside fact can, with a real note", async ({ page }) => {
  await signIn(page, "admin");
  const created = await apiFromPage(page, "POST", "/api/v1/integrations", {
    slug: "e2e-gate",
    name: "Gated orders",
    mode: "relay",
    sourceSystem: "Shop",
    targetSystem: "ERP",
    destination: { url: "https://erp.example/orders" },
    runbook: "",
    manualFallback: "",
    contract: {
      schema: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      idempotencyKeyPaths: ["/id"],
    },
  });
  expect(created.status).toBe(201);

  await page.goto("/integrations/e2e-gate");
  const checks = page.getByTestId("readiness-checks");
  const contract = checks.locator('[data-check="contract_approved"]');
  await expect(contract).toHaveAttribute("data-ok", "false");
  // No hand confirmation for what Signalbox computes: it says how to satisfy it, and where.
  await expect(contract.getByRole("button", { name: /Confirm/ })).toHaveCount(0);
  await expect(contract.getByTestId("check-fix")).toContainText("approve a contract version");
  await expect(contract.getByRole("link", { name: "Open the contracts" })).toHaveAttribute(
    "href",
    "/integrations/e2e-gate/contracts",
  );
  for (const key of ["source_of_truth", "idempotency_tested", "retry_and_owner", "alert_thresholds"]) {
    await expect(checks.locator(`[data-check="${key}"]`).getByRole("button", { name: /Confirm/ })).toHaveCount(0);
  }
  const owners = checks.locator('[data-check="retry_and_owner"]').getByRole("link", { name: "Go to the owners" });
  await owners.click();
  await expect(page.getByRole("heading", { name: "Owners" })).toBeInViewport();

  // The API refuses it too, and says what to do instead.
  const refused = await apiFromPage(page, "POST", "/api/v1/integrations/e2e-gate/readiness/confirm", {
    check: "contract_approved",
    note: "Approved in the weekly meeting by Ana",
  });
  expect(refused.status).toBe(422);
  expect(refused.body.error.code).toBe("check_computed");
  expect(refused.body.error.message).toContain("approve a contract version on the Contracts page");
  await page.reload();
  await expect(contract).toHaveAttribute("data-ok", "false");

  // The runbook kept outside Signalbox: confirmable, but not with "ok".
  const runbook = checks.locator('[data-check="runbook"]');
  await expect(runbook).toContainText("Runbook written or reviewed");
  await runbook.getByRole("button", { name: "Confirm by hand…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Confirm “Runbook written or reviewed”");
  await dialog.getByLabel("How do you know it is in place").fill("ok");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Say how you know");
  await dialog
    .getByLabel("How do you know it is in place")
    .fill("Reviewed the Confluence runbook with the ERP team today");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
  await expect(runbook).toHaveAttribute("data-ok", "true");
  await expect(runbook.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(runbook).toContainText("Confluence runbook");
});
