// The shell around every page: not-found answers, the API reference, the
// favicon, dialogs, confirmations, phones — and the process view's story of
// each attempt and of the whole transaction.
import { expect, test, type Page } from "@playwright/test";
import { createRelay, ingest, startTestSink, type TestSink } from "./fixtures";
import { apiFromPage, PASSWORD, signIn, USERS } from "./helpers";

let sink: TestSink;
test.beforeAll(async () => {
  sink = await startTestSink();
});
test.afterAll(async () => sink.close());

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("unknown addresses: a 404 inside the shell, a 404 for a missing event, a JSON 404 under /api", async ({
  page,
}) => {
  await signIn(page, "ops");
  const missingPage = await page.goto("/no-such-page");
  expect(missingPage?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is nothing at this address" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toBeVisible();

  const missingEvent = await page.goto("/events/not-an-event");
  expect(missingEvent?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is nothing at this address" })).toBeVisible();

  const api = await apiFromPage(page, "GET", "/api/v1/no-such-thing");
  expect(api.status).toBe(404);
  expect(api.body.error.code).toBe("not_found");

  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");
});

test("sign-in never sends anyone to another site", async ({ page }) => {
  await page.goto("/signin?callbackUrl=/%5Cevil.example/x");
  await page.getByLabel("E-mail").fill(USERS.ops.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("the API reference renders every operation", async ({ page }) => {
  await signIn(page, "admin");
  const res = await page.goto("/settings/api");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  expect(await page.getByTestId("api-operation").count()).toBeGreaterThan(30);
  // the upload endpoints take CSV: their body is named by media type
  await page.getByTestId("api-operation").filter({ hasText: "/upload" }).first().locator("summary").click();
  await expect(page.getByText(/Body \(text\/csv\)/).first()).toBeVisible();
});

test("a role change asks first, in a centred dialog, and Cancel changes nothing", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  const select = page.getByLabel("Role of Omar Ops");
  await select.selectOption("manager");
  const dialog = page.getByRole("dialog", { name: "Change Omar Ops's role?" });
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(4);
  expect(box.y).toBeGreaterThan(20);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(select).toHaveValue("ops");
  const users = await apiFromPage(page, "GET", "/api/v1/users");
  expect(users.body.items.find((u: { name: string }) => u.name === "Omar Ops").role).toBe("ops");
});

test("tokens expire when asked, and an admin revokes someone else's token from Settings", async ({ page, browser }) => {
  const opsPage = await (await browser.newContext()).newPage();
  await signIn(opsPage, "ops");
  const made = await apiFromPage(opsPage, "POST", "/api/v1/tokens", {
    name: "ops forgotten script",
    expiresInDays: 30,
  });
  expect(made.status).toBe(201);
  expect(Date.parse(made.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
  await signIn(page, "admin");
  await page.goto("/settings");
  await page.getByLabel("Show everyone's tokens").check();
  const row = page.getByRole("row", { name: /ops forgotten script/ });
  await expect(row).toContainText("Omar Ops");
  await row.getByRole("button", { name: "Revoke token ops forgotten script" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke it" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  const refused = await page.request.get("/api/v1/tokens", { headers: { authorization: `Bearer ${made.body.token}` } });
  expect(refused.status()).toBe(401);
  await opsPage.context().close();
});

test("the process view shows what each attempt sent and got back, and the transaction grouped by event", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "admin");
  const slug = `shell-${Date.now().toString(36)}`;
  const key = await createRelay(page, slug, sink.url);
  const patch = await apiFromPage(page, "PATCH", `/api/v1/integrations/${slug}`, {
    destination: {
      url: `${sink.url}/${slug}`,
      allowPrivateNetwork: true,
      timeoutMs: 3_000,
      headers: { authorization: "Bearer do-not-show" },
    },
  });
  expect(patch.status).toBe(200);
  sink.failNext(1, 503);
  const correlation = `tx-${Date.now()}`;
  const first = await page.request.post(`/api/ingest/${slug}`, {
    data: { id: `o-${correlation}`, total: 5 },
    headers: { authorization: `Bearer ${key}`, "x-correlation-id": correlation },
  });
  const second = await page.request.post(`/api/ingest/${slug}`, {
    data: { id: `p-${correlation}`, total: 6 },
    headers: { authorization: `Bearer ${key}`, "x-correlation-id": correlation },
  });
  const id = (await first.json()).id as string;
  expect((await second.json()).id).toBeTruthy();

  await page.goto(`/events/${id}`);
  await expect(page.getByTestId("event-outcome")).toHaveText("Delivered", { timeout: 20_000 });
  const attempts = page.getByTestId("attempt-detail");
  await expect(attempts).toHaveCount(2);
  await attempts.first().locator("summary").click();
  await expect(attempts.first()).toContainText("Answer: HTTP 503");
  await expect(attempts.first()).toContainText("refused by the test");
  await expect(attempts.first()).toContainText("idempotency-key");
  await expect(attempts.first()).toContainText("authorization");
  await expect(page.locator("main")).not.toContainText("do-not-show");
  await expect(page.getByText(/next try/).first()).toBeVisible();

  const tx = page.getByTestId("transaction");
  await expect(tx.getByTestId("transaction-event")).toHaveCount(2);
  await expect(tx.locator('[aria-current="page"]')).toContainText("This event");
  await tx.getByRole("link", { name: `p-${correlation}` }).click();
  await expect(page.getByTestId("event-title")).toHaveText(`p-${correlation}`);
});

test("a record over 64 KB is left out of the page and shown on demand", async ({ page }) => {
  await signIn(page, "admin");
  const slug = `big-${Date.now().toString(36)}`;
  const key = await createRelay(page, slug, sink.url);
  const record = {
    id: `big-${Date.now()}`,
    total: 1,
    lines: Array.from({ length: 1500 }, (_, i) => ({ sku: `SKU-${i}`, note: "n".repeat(60) })),
  };
  const res = await ingest(page, slug, key, record);
  expect(res.status).toBe(202);
  await page.goto(`/events/${res.body.id}`);
  const collapsed = page.getByTestId("record-collapsed").first();
  await expect(collapsed).toContainText(/A large record \(\d+ KB\)/);
  await expect(page.locator("main")).not.toContainText("SKU-1499");
  await collapsed.getByRole("button", { name: "Show it" }).click();
  await expect(page.locator("main")).toContainText("SKU-1499");
});

test.describe("on a phone (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation folds into a menu and pages do not scroll sideways", async ({ page }) => {
    await signIn(page, "ops");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    const event = (await apiFromPage(page, "GET", "/api/v1/events?limit=1")).body.items[0].id as string;
    for (const path of [
      "/exceptions",
      "/events",
      `/events/${event}`,
      "/alerts",
      "/kpis",
      "/integrations",
      "/settings",
    ]) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      expect(await noSidewaysScroll(page), `${path} scrolls sideways at 390 px`).toBe(true);
    }
    await page.getByRole("button", { name: "Menu" }).click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer).toBeVisible();
    await drawer.getByRole("link", { name: "Events" }).click();
    await expect(page).toHaveURL(/\/events$/);
    await expect(drawer).toBeHidden();
  });

  test("the events list keeps what matters in view: status, record with its integration, when it arrived; filters fold", async ({
    page,
  }) => {
    await signIn(page, "ops");
    await page.goto("/events");
    const row = page.getByTestId("event-row").first();
    await expect(row).toBeVisible();
    // The table fits the screen: nothing to scroll sideways inside it to reach the time.
    const table = page.locator("main table");
    expect(await table.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
    await expect(row.getByTestId("event-integration")).toBeVisible();
    await expect(row.locator("time").first(), "when it arrived").toBeInViewport();
    await expect(page.getByRole("columnheader", { name: "Attempts" })).toBeHidden();
    await expect(page.getByRole("columnheader", { name: "Finished" })).toBeHidden();
    // The filters fold behind one button, so the first events are on the first screen.
    await expect(page.getByTestId("event-row").nth(2), "three events on the first screen").toBeInViewport({ ratio: 1 });
    const toggle = page.getByRole("button", { name: /^Filters/ });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByLabel("Status")).toBeHidden();
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await page.getByLabel("Status").selectOption("failed");
    await expect(page).toHaveURL(/status=failed/);
    await expect(page.getByRole("button", { name: "Filters (1 on)" })).toBeVisible();
    // Folded again, the filters can still be cleared without opening them.
    await toggle.click();
    await expect(page.getByLabel("Status")).toBeHidden();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/status=/);
    await expect(page.getByRole("button", { name: "Filters", exact: true })).toBeVisible();
    // A wide screen shows every column and the filters themselves, without the button.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(page.getByRole("columnheader", { name: "Attempts" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Finished" })).toBeVisible();
    await expect(toggle).toBeHidden();
    await expect(page.getByLabel("Status")).toBeVisible();
  });

  test("the exception queue comes first: causes fold into a disclosure that opens with the keyboard", async ({
    page,
  }) => {
    await signIn(page, "ops");
    await page.goto("/exceptions");
    const first = page.getByTestId("exception-row").first();
    await expect(first).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(first, "the queue's first row is on the first screen").toBeInViewport({ ratio: 1 });

    const toggle = page.getByRole("button", { name: /^By cause \(\d+ groups?\)/ });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("exception-group").first()).toBeHidden();
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("exception-group").first()).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "All causes" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("exception-group").first()).toBeHidden();

    // On a wide screen the causes stay open beside the queue, without the disclosure.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(toggle).toBeHidden();
    await expect(page.getByRole("heading", { name: "By cause", exact: true })).toBeVisible();
    await expect(page.getByTestId("exception-group").first()).toBeVisible();
  });
});

test("the worker line: deliveries running at the foot of the menu, in view on a long page; a banner on every page when the worker stops checking in", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, "ops");
  await page.goto("/events");
  const footer = page.getByTestId("worker-footer");
  await expect(footer).toContainText("Deliveries running");
  await expect(footer).toContainText(/worker checked in (just now|\d+ (s|sec|min))/);
  await expect(footer).toBeInViewport();
  await page.mouse.wheel(0, 3_000);
  await expect(footer).toBeInViewport();
  await expect(page.getByTestId("worker-banner")).toHaveCount(0);

  // The worker falls silent (the probe says so): within one refresh the banner tells operators what it means.
  const lastSeenAt = new Date(Date.now() - 4 * 60_000).toISOString();
  await page.route("**/api/health/ready", (route) =>
    route.fulfill({
      json: {
        status: "ready",
        store: { ok: true, provider: "sqlite" },
        schema: { current: true, pending: 0, unknown: 0 },
        worker: { status: "late", lastSeenAt, ageSeconds: 240 },
      },
    }),
  );
  const banner = page.getByTestId("worker-banner");
  await expect(banner).toBeVisible({ timeout: 25_000 });
  await expect(banner).toContainText("Deliveries may have stopped: the worker last checked in 4 min ago");
  await expect(banner).toContainText("Records are still accepted and wait in the queue");
  await expect(footer).toContainText("Worker not checking in");
  await page.getByRole("link", { name: "Exceptions" }).first().click();
  await expect(page).toHaveURL(/\/exceptions/);
  await expect(banner).toBeVisible();
});
