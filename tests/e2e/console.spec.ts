// The console flows of the exception queue, the process view and integration
// ownership, in a real browser against next start + the worker.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createRelay, ingest, startTestSink, type TestSink } from "./fixtures";
import { apiFromPage, signIn } from "./helpers";

const SHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");
let sink: TestSink;

test.beforeAll(async () => {
  sink = await startTestSink();
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => sink.close());

test("(a) ops takes an exception, replays a corrected record, and sees it succeed in the process view", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  const key = await createRelay(admin, "e2e-replay", sink.url);
  const bad = await ingest(admin, "e2e-replay", key, { id: "ORD-E2E-1", total: -12 });
  expect(bad.status).toBe(422);
  await admin.close();

  await signIn(page, "ops");
  await page.getByRole("link", { name: "Exceptions", exact: true }).click();
  await page.getByLabel("Integration").selectOption("e2e-replay");
  const row = page.getByTestId("exception-row").filter({ hasText: "ORD-E2E-1" });
  await expect(row).toHaveCount(1);
  await row.click();
  const eventHref = await row.getByRole("link", { name: "ORD-E2E-1" }).getAttribute("href");
  await page.screenshot({ path: path.join(SHOTS, "exception-queue.png") });
  await page.getByRole("button", { name: "Take" }).click();
  await expect(row).toContainText("with Omar Ops");

  await page.keyboard.press("e");
  const editor = page.getByLabel("Corrected record (JSON)");
  await expect(editor).toBeVisible();
  await editor.fill('{ "id": "ORD-E2E-1", "total": "twelve" }');
  await expect(page.getByTestId("replay-check")).toContainText("/total must be number");
  await expect(page.getByRole("button", { name: "Send corrected record" })).toBeDisabled();
  await editor.fill('{ "id": "ORD-E2E-1", "total": 12 }');
  await expect(page.getByTestId("replay-check")).toContainText("Matches the contract");
  await page.getByRole("button", { name: "Send corrected record" }).click();
  await expect(page.getByTestId("notice")).toContainText("Corrected record sent");

  await page.goto(eventHref!);
  await expect(page.getByTestId("event-outcome")).toHaveText("Delivered", { timeout: 20_000 });
  await expect(page.getByText("Succeeded").first()).toBeVisible();
  await expect(page.getByText("Corrected record sent").first()).toBeVisible();
  await expect(page.getByText('"total": -12')).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "event-process-view.png"), fullPage: true });
  expect(sink.hits.filter((h) => h.path === "/e2e-replay").map((h) => JSON.parse(h.body))).toEqual([
    { id: "ORD-E2E-1", total: 12 },
  ]);
});

test("(b) bulk retry of a filtered selection, with its progress", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin");
  const key = await createRelay(page, "e2e-bulk", sink.url);
  sink.failNext(3, 400);
  for (let i = 1; i <= 3; i++)
    expect((await ingest(page, "e2e-bulk", key, { id: `BULK-${i}`, total: i })).status).toBe(202);
  await expect
    .poll(async () => (await apiFromPage(page, "GET", "/api/v1/exceptions?integration=e2e-bulk")).body.items.length, {
      timeout: 20_000,
    })
    .toBe(3);

  await page.getByRole("link", { name: "Exceptions", exact: true }).click();
  await page.getByLabel("Integration").selectOption("e2e-bulk");
  await expect(page.getByTestId("exception-row")).toHaveCount(3);
  const bar = page.getByTestId("bulk-bar");
  await bar.getByLabel("Bulk action", { exact: true }).selectOption("retry");
  await bar.getByLabel("On", { exact: true }).selectOption("filter");
  await bar.getByRole("button", { name: "Review…" }).click();
  await expect(page.getByRole("heading", { name: "Retry 3 exceptions?" })).toBeVisible();
  await page.getByRole("button", { name: "Retry 3" }).click();
  await expect(page.getByTestId("bulk-progress")).toContainText("3 done, 0 skipped (already handled), 0 failed of 3", {
    timeout: 20_000,
  });
  await expect(page.getByTestId("bulk-progress")).toContainText("succeeded");
  await expect
    .poll(
      async () =>
        (await apiFromPage(page, "GET", "/api/v1/events?integration=e2e-bulk&status=succeeded")).body.items.length,
      { timeout: 20_000 },
    )
    .toBe(3);
});

test("(c) a manager sees everything, and every action control is absent or refused", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByRole("link", { name: "Exceptions", exact: true }).click();
  await expect(page.getByTestId("exception-row").first()).toBeVisible({ timeout: 20_000 });
  for (const name of ["Take", "Retry", "Re-run", "Edit & replay…", "Resolve…", "Discard…", "Review…"])
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  await page.keyboard.press("r");
  await expect(page.getByTestId("notice")).toHaveCount(0);

  const href = await page.getByTestId("exception-row").first().getByRole("link").getAttribute("href");
  await page.goto(href!);
  await expect(page.getByTestId("timeline").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Deliver again|Retry|Discard/ })).toHaveCount(0);

  await page.goto("/integrations/shop-orders-to-erp");
  await expect(page.getByRole("heading", { name: "Owners" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Pause|Resume|Save|Create API key|Rotate/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Keys and secrets" })).toHaveCount(0);

  const exceptionId = (await apiFromPage(page, "GET", "/api/v1/exceptions?limit=1")).body.items[0].id;
  for (const [p, body] of [
    [`/api/v1/exceptions/${exceptionId}/retry`, {}],
    [`/api/v1/exceptions/${exceptionId}/resolve`, { note: "x" }],
    ["/api/v1/integrations/shop-orders-to-erp/pause", {}],
    ["/api/v1/exceptions/bulk", { action: "retry", filter: {} }],
  ] as const) {
    const res = await apiFromPage(page, "POST", p, body);
    expect(res.status, p).toBe(403);
  }
});

test("(d) admin assigns owners and rotates a signing secret", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/integrations/crm-contacts-to-marketing");
  const users = (await apiFromPage(page, "GET", "/api/v1/users")).body.items as {
    id: string;
    role: string;
    name: string;
  }[];
  const admin = users.find((u) => u.role === "admin")!;
  await page.getByTestId("owner-incident").selectOption(admin.id);
  await page.getByTestId("owner-logic").selectOption({ label: "Maya Manager (manager)" });
  await page.getByRole("button", { name: "Save owners" }).click();
  await expect(page.getByText("Owners saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("owner-incident")).toHaveValue(admin.id);

  await page.getByRole("button", { name: "Rotate ingest secret" }).click();
  const secret = await page.getByTestId("shown-once-value").innerText();
  expect(secret).toMatch(/^whsec_/);
  const { Webhook } = await import("standardwebhooks");
  const body = JSON.stringify({ contactId: "C-E2E", email: "e2e@example.com", updatedAt: new Date().toISOString() });
  const at = new Date();
  const res = await page.request.post("/api/ingest/crm-contacts-to-marketing", {
    data: body,
    headers: {
      "content-type": "application/json",
      "webhook-id": "msg_e2e",
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign("msg_e2e", at, body),
    },
  });
  expect(res.status()).toBe(202);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("shown-once")).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByText("rotated a signing secret").first()).toBeVisible();
});
