// Governance end to end: an admin changes a contract in a breaking way, cannot
// approve it herself, a second admin approves it, readiness turns complete with
// the self-test, and the integration goes live.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { apiFromPage, signIn } from "./helpers";

const GRACE = { email: "grace@demo.signalbox.local", password: "second admin password" };

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

test("a breaking contract change needs a second admin; readiness completes; go-live succeeds", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  const users = (await apiFromPage(page, "GET", "/api/v1/users")).body.items as {
    id: string;
    role: string;
    email: string;
  }[];
  if (!users.some((u) => u.email === GRACE.email)) {
    expect(
      (
        await apiFromPage(page, "POST", "/api/v1/users", {
          email: GRACE.email,
          name: "Grace Admin",
          role: "admin",
          password: GRACE.password,
        })
      ).status,
    ).toBe(201);
  }
  const ops = users.find((u) => u.role === "ops")!;
  const created = await apiFromPage(page, "POST", "/api/v1/integrations", {
    slug: "e2e-gov",
    name: "Governed orders",
    mode: "relay",
    sourceSystem: "Shop",
    targetSystem: "ERP",
    destination: { url: "https://erp.example/orders" },
    owners: { triage: ops.id, incident: ops.id },
    runbook: "Replay after fixing.",
    manualFallback: "Key it in.",
    alertThresholds: { failureRatePct: 5 },
    contract: {
      schema: { type: "object", required: ["id"], properties: { id: { type: "string" }, total: { type: "number" } } },
      idempotencyKeyPaths: ["/id"],
      entityKeyPath: "/id",
      mapping: [
        { from: "/id", to: "/ref" },
        { from: "/total", to: "/amount" },
      ],
      sourceOfTruth: [
        { field: "/id", system: "Shop" },
        { field: "/total", system: "Shop" },
      ],
    },
  });
  expect(created.status).toBe(201);
  expect((await apiFromPage(page, "POST", "/api/v1/integrations/e2e-gov/contracts/1/approve")).status).toBe(200);

  await page.goto("/integrations/e2e-gov/contracts");
  await page.getByRole("button", { name: "Start from the current version" }).click();
  const editor = page.getByTestId("schema-editor");
  await editor.fill('{ "type": "object", "required": ["id", "total"], "properties": { "id": { "type": "strin" } } }');
  await expect(page.getByTestId("schema-check")).toContainText("must be equal to one of the allowed values");
  await editor.fill(
    '{ "type": "object", "required": ["id", "total"], "properties": { "id": { "type": "string" }, "total": { "type": "number", "minimum": 0 } } }',
  );
  await expect(page.getByTestId("schema-check")).toHaveText("Valid JSON Schema.");
  const preview = page.getByTestId("diff-preview");
  await expect(preview).toContainText("Breaking change — another admin must approve it.");
  await expect(preview).toContainText("/total");
  await page.getByRole("button", { name: "Save as a new draft version" }).click();
  const v2 = page.locator('[data-testid="contract-version"][data-version="2"]');
  await expect(v2).toContainText("Draft — waiting for approval");
  await expect(v2).toContainText("Breaking change");
  // Its author cannot approve it: the button is disabled and says why.
  await expect(v2.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(v2.getByTestId("approve-reason")).toHaveText("A breaking change needs another admin's approval");
  await expect(v2.getByRole("button", { name: "Approve" })).toHaveAccessibleDescription(
    "A breaking change needs another admin's approval",
  );
  // The API still refuses, whatever the page shows.
  const self = await apiFromPage(page, "POST", "/api/v1/integrations/e2e-gov/contracts/2/approve");
  expect([self.status, self.body.error.code]).toEqual([403, "self_approval"]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/signin/);
  await signInAs(page, GRACE.email, GRACE.password);
  await page.goto("/integrations/e2e-gov/contracts");
  await page
    .locator('[data-testid="contract-version"][data-version="2"]')
    .getByRole("button", { name: "Approve" })
    .click();
  await expect(page.locator('[data-testid="contract-version"][data-version="2"]')).toContainText("Active (approved)");
  await expect(page.locator('[data-testid="contract-version"][data-version="1"]')).toContainText("Superseded");

  await page.goto("/integrations/e2e-gov");
  const checks = page.getByTestId("readiness-checks");
  await expect(checks.locator('[data-check="idempotency_tested"]')).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("readiness-summary")).toContainText("One check is missing");
  await page.getByLabel("Idempotency self-test").fill('{ "id": "SELFTEST-1", "total": 10 }');
  await page.getByRole("button", { name: "Run self-test" }).click();
  await expect(page.getByTestId("self-test-result")).toContainText("Self-test passed.");
  await expect(page.getByTestId("readiness-summary")).toHaveText("Everything is in place.");
  await page.getByRole("button", { name: "Go live" }).click();
  await expect(page.getByText("Live now.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
});

test("a live integration's alert reaches the console; ops acknowledges it with the runbook at hand", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "admin");
  await page.goto("/integrations/e2e-gov");
  const rules = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Alert rules and notifications" }) });
  await rules.getByLabel("Silence after (minutes)").fill("1");
  await rules.getByRole("button", { name: "Save alert rules" }).click();
  await expect(rules.getByRole("status")).toHaveText("Saved.");
  await expect(rules).toContainText("no record arrives for 1 min");
  // The worker evaluates every 30 s; nothing has arrived since the integration went live.
  await expect
    .poll(
      async () =>
        ((await apiFromPage(page, "GET", "/api/v1/alerts?integration=e2e-gov&status=firing")).body?.items ?? []).map(
          (a: { rule: string }) => a.rule,
        ),
      { timeout: 150_000, intervals: [3_000] },
    )
    .toContain("silence");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/signin/);
  await signIn(page, "ops");
  await expect(page.getByRole("navigation", { name: "Main" }).getByLabel(/firing/)).toBeVisible();
  await page.getByRole("link", { name: /^Alerts/ }).click();
  const card = page
    .getByTestId("alert-card")
    .filter({ hasText: "Governed orders" })
    .filter({ hasText: "No records arriving" });
  await expect(card.getByText("Firing")).toBeVisible();
  await card.getByText("Runbook for Governed orders").click();
  await expect(card.getByText("Replay after fixing.")).toBeVisible();
  await card.getByRole("button", { name: "Acknowledge" }).click();
  await expect(card.getByText("Acknowledged", { exact: true })).toBeVisible();
  await expect(card).toContainText("by Omar Ops");
  await expect(card.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await page.screenshot({ path: path.resolve(import.meta.dirname, "../../docs/screenshots/alerts.png") });
});
