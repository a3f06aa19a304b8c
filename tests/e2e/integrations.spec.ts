// Integrations served by admins themselves (issue 10, item 2): a new admin
// creates an integration in the console with a first contract from a sample,
// sees the key once, sends a test record and sees it arrive at the test's own
// destination, edits the destination (a private address is refused until
// allowed; header values stay write-only), archives it (ingest refused, hidden
// from the list) and restores it. Also: a draft offers no pause, and revoking
// a key asks first, naming the key.
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { createRelay, startTestSink, ingest, type TestSink } from "./fixtures";
import { apiFromPage, PASSWORD, signIn, USERS } from "./helpers";

// The machine running these is shared: give each step room without hiding a step that never happens.
const expect = baseExpect.configure({ timeout: 30_000 });

const NEW_ADMIN = { email: "nina@demo.signalbox.local", name: "Nina Newadmin", password: "nina's long password" };
const SAMPLE = { order: { id: "SS-1", total: 42.5, currency: "EUR", placedAt: "2026-05-01T10:00:00Z" } };

let sink: TestSink;
test.beforeAll(async () => {
  sink = await startTestSink();
});
test.afterAll(async () => {
  await sink?.close();
});

async function signInAs(page: Page, email: string, password: string, name: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(name);
}

test("a new admin creates, tests, edits, archives and restores an integration without leaving the console", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAs(page, USERS.admin.email, PASSWORD, USERS.admin.name);
  const users = (await apiFromPage(page, "GET", "/api/v1/users")).body.items as { email: string }[];
  if (!users.some((u) => u.email === NEW_ADMIN.email)) {
    expect(
      (
        await apiFromPage(page, "POST", "/api/v1/users", {
          email: NEW_ADMIN.email,
          name: NEW_ADMIN.name,
          role: "admin",
          password: NEW_ADMIN.password,
        })
      ).status,
    ).toBe(201);
  }
  await page.context().clearCookies();
  await signInAs(page, NEW_ADMIN.email, NEW_ADMIN.password, NEW_ADMIN.name);

  // The entry point is on the list page, with integrations already there.
  await page.getByRole("link", { name: "Integrations", exact: true }).click();
  await expect(page.getByTestId("integration-row").first()).toBeVisible();
  await page.getByRole("link", { name: "New integration" }).click();
  await expect(page.getByRole("heading", { name: "New integration", level: 1 })).toBeVisible();

  await page.getByLabel("Relayed by Signalbox").check();
  await page.getByRole("textbox", { name: /^Name/ }).fill("Self-served orders");
  await expect(page.getByLabel("Slug")).toHaveValue("self-served-orders");
  await page.getByLabel("Source system").fill("Web shop");
  await page.getByLabel("Target system").fill("Test ERP");
  await page.getByLabel("Destination URL").fill(`${sink.url}/self-served`);
  await page.getByRole("button", { name: "Add a header" }).click();
  await page.getByLabel("Header 1 name").fill("Authorization");
  await page.getByLabel("Header 1 value").fill("Bearer erp-e2e-token");
  await page.getByLabel("Sample record (JSON)").fill(JSON.stringify(SAMPLE, null, 2));
  await expect(page.getByLabel("Record key")).toHaveValue("/order/id");
  await expect(page.getByText('"required"').first()).toBeVisible();

  // A loopback destination is refused until private targets are allowed.
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByText(/loopback address \(private targets are not allowed/).first()).toBeVisible();
  await page.getByRole("checkbox", { name: /^Allow private targets/ }).check();
  await page.getByRole("button", { name: "Create integration" }).click();

  // The key and both secrets, once, with copy buttons; ready examples.
  await expect(page.getByRole("heading", { name: /shown this once/ })).toBeVisible();
  const key = await page.getByTestId("created-key").innerText();
  expect(key).toMatch(/^sbx_key_/);
  await expect(page.getByTestId("created-ingest-secret")).toHaveText(/^whsec_/);
  await expect(page.getByRole("button", { name: "Copy API key" })).toBeVisible();
  await expect(page.getByText(`Authorization: Bearer ${key}`)).toBeVisible();
  await expect(page.getByText("webhook-signature: v1,$SIG").first()).toBeVisible();

  // A test record through the real ingest path arrives at the destination.
  await page.getByRole("button", { name: "Send a test record" }).click();
  await expect(page.getByTestId("test-record-result")).toContainText("Delivered to the target", { timeout: 20_000 });
  const hit = sink.hits.find((h) => h.path === "/self-served");
  expect(JSON.parse(hit!.body)).toEqual(SAMPLE);
  expect(hit!.headers.authorization).toBe("Bearer erp-e2e-token");
  const eventHref = await page.getByRole("link", { name: "Open the event" }).getAttribute("href");
  expect(eventHref).toMatch(/^\/events\//);

  // The integration page never shows the key again; a draft offers no pause.
  await page.getByRole("link", { name: "Open the integration" }).click();
  await expect(page.getByRole("heading", { name: "Self-served orders", level: 1 })).toBeVisible();
  await expect(page.getByText("Draft — not live").first()).toBeVisible();
  expect(await page.content()).not.toContain(key);
  expect(await page.content()).not.toContain("erp-e2e-token");
  await expect(page.getByRole("button", { name: /Pause deliveries/ })).toHaveCount(0);

  // Edit the destination: a private address without permission is refused, on the field.
  const form = page.getByRole("form", { name: "Destination and delivery settings" });
  await expect(form.getByLabel("Header 1 value")).toHaveValue("");
  await expect(form.getByLabel("Header 1 value")).toHaveAttribute("placeholder", /stored/);
  await form.getByLabel("Destination URL").fill("http://10.20.30.40/orders");
  await form.getByRole("checkbox", { name: /^Allow private targets/ }).uncheck();
  await form.getByRole("button", { name: "Save destination and delivery" }).click();
  await expect(form.getByText(/10\.20\.30\.40 is a private address/).first()).toBeVisible();
  await form.getByLabel("Destination URL").fill(`${sink.url}/edited`);
  await form.getByRole("checkbox", { name: /^Allow private targets/ }).check();
  await form.getByLabel("Attempts at most").fill("3");
  await form.getByRole("button", { name: "Save destination and delivery" }).click();
  await expect(form.getByRole("status")).toHaveText(/Saved/);
  await expect(page.getByText(`POST ${sink.url}/edited`)).toBeVisible();

  // The blank header value was kept: the next record carries it to the new URL.
  await page.waitForTimeout(2_500); // workers read settings through a 2 s cache
  expect((await ingest(page, "self-served-orders", key, { order: { ...SAMPLE.order, id: "SS-2" } })).status).toBe(202);
  await expect
    .poll(() => sink.hits.find((h) => h.path === "/edited")?.headers.authorization, { timeout: 20_000 })
    .toBe("Bearer erp-e2e-token");

  // Revoking a key asks first, naming it; Cancel changes nothing.
  await page.getByRole("button", { name: "Revoke key default" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke the key “default”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await ingest(page, "self-served-orders", key, { order: { ...SAMPLE.order, id: "SS-3" } })).status).toBe(202);

  // Archive: refused at ingest, hidden from the list unless asked.
  await page.getByRole("button", { name: "Archive…" }).click();
  const archiveDialog = page.getByRole("dialog", { name: "Archive “Self-served orders”" });
  await archiveDialog.getByLabel("Why").fill("Replaced by the new shop");
  await archiveDialog.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText(/Archived .*records sent to it are refused/)).toBeVisible();
  const refused = await ingest(page, "self-served-orders", key, { order: { ...SAMPLE.order, id: "SS-4" } });
  expect([refused.status, refused.body.error.code]).toEqual([410, "integration_archived"]);
  await page.goto("/integrations");
  await expect(page.getByTestId("integration-row").first()).toBeVisible();
  await expect(page.getByTestId("integration-row").filter({ hasText: "Self-served orders" })).toHaveCount(0);
  await page.getByLabel("Show archived").check();
  const row = page.getByTestId("integration-row").filter({ hasText: "Self-served orders" });
  await expect(row).toContainText("Archived");

  // Restore: back in the list, accepting records again.
  await row.getByRole("link", { name: "Self-served orders" }).click();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText(/records sent to it are refused/)).toHaveCount(0);
  expect((await ingest(page, "self-served-orders", key, { order: { ...SAMPLE.order, id: "SS-5" } })).status).toBe(202);
  await page.goto("/integrations");
  await expect(page.getByTestId("integration-row").filter({ hasText: "Self-served orders" })).toContainText("Draft");

  // The trail names each change, without the header value.
  const integration = (await apiFromPage(page, "GET", "/api/v1/integrations/self-served-orders")).body as {
    id: string;
  };
  const audit = (
    await apiFromPage(page, "GET", `/api/v1/audit?object=${encodeURIComponent(`integration:${integration.id}`)}`)
  ).body.items as { action: string }[];
  expect(audit.map((a) => a.action)).toEqual(
    expect.arrayContaining([
      "integration.create",
      "integration.test_record",
      "integration.update",
      "integration.archive",
      "integration.restore",
    ]),
  );
  expect(JSON.stringify(audit)).not.toContain("erp-e2e-token");
});

test("a tracked integration sends a test report: shown in the process view, marked as a test", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, USERS.admin.email, PASSWORD, USERS.admin.name);
  await page.goto("/integrations/new");
  await page.getByLabel("Reported by a workflow").check();
  const name = `Tracked approvals ${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: /^Name/ }).fill(name);
  await page.getByLabel("Source system").fill("Inbox");
  await page.getByLabel("Target system").fill("Accounting");
  await page.getByLabel("Sample record (JSON)").fill(JSON.stringify({ invoice: { id: "INV-1", amount: 12 } }, null, 2));
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByRole("heading", { name: /shown this once/ })).toBeVisible();

  // Right after creating, as for a relay integration: a test, with the sample ready.
  await expect(page.getByRole("heading", { name: "Send a test report" })).toBeVisible();
  await page.getByRole("button", { name: "Send a test report" }).click();
  const result = page.getByTestId("test-record-result");
  await expect(result).toContainText("Test report recorded");
  await expect(result).toContainText("Recorded as succeeded");
  await expect(result).toContainText("not counted in the KPIs");

  // On the integration's own page too; a sample the contract refuses is explained and not recorded.
  await page.getByRole("link", { name: "Open the integration" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await page.getByLabel("Reported record (JSON, optional)").fill('{"invoice": "not an object"}');
  await page.getByRole("button", { name: "Send a test report" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "contract_violation" })).toContainText("nothing was recorded");
  await page.getByLabel("Reported record (JSON, optional)").fill('{"invoice": {"id": "INV-2", "amount": 3}}');
  await page.getByRole("button", { name: "Send a test report" }).click();
  await expect(page.getByTestId("test-record-result")).toContainText("Recorded as succeeded");

  // The process view tells the story and says it is a test.
  await page.getByRole("link", { name: "Open the event" }).click();
  await expect(page.getByTestId("event-test-mark")).toHaveText(/Test — not counted in the KPIs/);
  await expect(page.getByTestId("event-outcome")).toHaveText("Delivered");
  await expect(page.locator("main")).toContainText("test report");
  await expect(page.locator("main")).toContainText("INV-2");
  const id = page.url().split("/events/")[1]!;
  const event = await apiFromPage(page, "GET", `/api/v1/events/${id}`);
  expect(event.body.event.source).toBe("self_test");
});

test("an admin sets on-call paging keys in the alert form; they come back masked, stay when left, and managers see none", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ROUTING_KEY = "e2eROUTINGkey0123456789abcdWXYZ";
  const GENIE_KEY = "e2e-genie-0000-4000-8000-keyet42";
  await signIn(page, "admin");
  const slug = `e2e-paging-${Date.now().toString(36)}`;
  await createRelay(page, slug, sink.url);
  await page.goto(`/integrations/${slug}`);
  const rules = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Alert rules and notifications" }) });
  await rules.getByLabel("Open exceptions over").fill("5");
  await rules.getByLabel("PagerDuty routing key").fill(ROUTING_KEY);
  await rules.getByLabel("Opsgenie API key").fill(GENIE_KEY);
  await rules.getByLabel("Opsgenie region").selectOption("eu");
  await rules.getByRole("button", { name: "Save alert rules" }).click();
  await expect(rules.getByRole("status")).toHaveText("Saved.");

  await page.reload();
  await expect(rules.getByLabel("PagerDuty routing key")).toHaveValue("••••WXYZ");
  await expect(rules.getByLabel("Opsgenie API key")).toHaveValue("••••et42");
  await expect(rules.getByLabel("Opsgenie region")).toHaveValue("eu");
  expect(await page.content()).not.toContain("e2eROUTINGkey");

  // Saved again untouched: the masks keep the stored keys (the vendor still gets the real key).
  await rules.getByLabel("Open exceptions over").fill("6");
  await rules.getByRole("button", { name: "Save alert rules" }).click();
  await expect(rules.getByRole("status")).toHaveText("Saved.");
  const view = await apiFromPage(page, "GET", `/api/v1/integrations/${slug}`);
  expect(view.body.alertThresholds).toMatchObject({
    backlogMax: 6,
    notify: { pagerdutyRoutingKey: "••••WXYZ", opsgenieApiKey: "••••et42", opsgenieRegion: "eu" },
  });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/signin/);
  await signIn(page, "manager");
  await page.goto(`/integrations/${slug}`);
  await expect(page.getByText("more than 6 exceptions are open")).toBeVisible();
  await expect(page.getByLabel("PagerDuty routing key")).toHaveCount(0);
  expect(await page.content()).not.toContain("WXYZ");
});
