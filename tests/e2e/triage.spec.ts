// Triage that never acts on the wrong record: the selection is an exception id kept in the URL, refreshes never
// move it (new items wait behind "N new, show"), every action names its record, rows take focus; and the lists'
// filters survive Back and reload.
import { expect, test, type Page } from "@playwright/test";
import { createRelay, ingest, startTestSink, type TestSink } from "./fixtures";
import { apiFromPage, signIn } from "./helpers";

let sink: TestSink;
let key: string;
// Unique per run (a failed test restarts the worker, which runs beforeAll again on the same server).
const TAG = `TRI${Date.now().toString(36).toUpperCase()}`;
const SLUG = `e2e-${TAG.toLowerCase()}`;
const rec = (n: number | string) => `${TAG}-${n}`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  sink = await startTestSink();
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  key = await createRelay(admin, SLUG, sink.url);
  for (let i = 1; i <= 3; i++) expect((await ingest(admin, SLUG, key, { id: rec(i), total: -i })).status).toBe(422);
  await admin.close();
});
test.afterAll(async () => sink.close());

const rows = (page: Page) => page.getByTestId("exception-row");
const selectedRow = (page: Page) => page.locator('[data-testid="exception-row"][aria-current="true"]');
const idOf = async (page: Page, record: string) => {
  const items = (await apiFromPage(page, "GET", `/api/v1/exceptions?integration=${SLUG}&status=open&limit=200`)).body
    .items as { id: string; event: { entityKey: string | null; idempotencyKey: string } }[];
  return items.find((x) => (x.event.entityKey ?? x.event.idempotencyKey) === record)!.id;
};

test("(a) items arriving and leaving during triage never move the selection; the action hits the chosen record", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "ops");
  await page.goto(`/exceptions?integration=${SLUG}`);
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).nth(0)).toContainText(rec(3));
  await expect(selectedRow(page)).toContainText(rec(3));

  // j/k move DOM focus to the row (so screen readers follow) and the selection with it.
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(selectedRow(page)).toContainText(rec(1));
  await expect(selectedRow(page)).toBeFocused();
  await page.keyboard.press("k");
  await expect(selectedRow(page)).toContainText(rec(2));
  await expect(selectedRow(page)).toBeFocused();
  await page.keyboard.press("j");
  const chosen = await selectedRow(page).getAttribute("data-id");
  expect(chosen).toBe(await idOf(page, rec(1)));
  await expect(page).toHaveURL(new RegExp(`selected=${chosen}`));

  // While the page is open: three new failing records arrive, and someone else discards the newest shown one.
  const other = await browser.newPage();
  await signIn(other, "admin");
  for (let i = 4; i <= 6; i++) expect((await ingest(other, SLUG, key, { id: rec(i), total: -i })).status).toBe(422);
  const tri3 = await idOf(other, rec(3));
  expect(
    (await apiFromPage(other, "POST", `/api/v1/exceptions/${tri3}/discard`, { reason: "handled by a colleague" }))
      .status,
  ).toBe(200);
  await other.close();

  // Past the 10 s refresh: announced, not inserted; the selection and the rows under it stay where they were.
  await expect(page.getByTestId("new-items")).toHaveAttribute("aria-live", "polite");
  await expect(page.getByRole("button", { name: "3 new, show" })).toBeVisible({ timeout: 20_000 });
  await expect(rows(page)).toHaveCount(3);
  await expect(selectedRow(page)).toHaveAttribute("data-id", chosen!);
  await expect(rows(page).nth(0)).toContainText(rec(3));
  await expect(rows(page).nth(0)).toHaveAttribute("data-gone", "true");
  await expect(rows(page).nth(0)).toContainText("Left this list");

  // The action names the record, and lands on it.
  await page.getByRole("button", { name: `Discard ${rec(1)}…` }).click();
  await expect(page.getByRole("heading", { name: `Discard ${rec(1)}` })).toBeVisible();
  await page.getByLabel("Why it can be dropped").fill("test record");
  await page.getByRole("button", { name: `Discard ${rec(1)}`, exact: true }).click();
  await expect(page.getByTestId("notice")).toContainText(`${rec(1)}: Discarded.`);
  expect((await apiFromPage(page, "GET", `/api/v1/exceptions/${chosen}`)).body.status).toBe("ignored");
  for (const record of [rec(2), rec(4), rec(5), rec(6)])
    expect((await apiFromPage(page, "GET", `/api/v1/exceptions/${await idOf(page, record)}`)).body.status, record).toBe(
      "open",
    );

  // Show merges the newcomers; the selection stays on the same id.
  await page.getByRole("button", { name: "3 new, show" }).click();
  await expect(rows(page).filter({ hasText: rec(6) })).toHaveCount(1);
  await expect(selectedRow(page)).toHaveAttribute("data-id", chosen!);
  await expect(page.getByTestId("selection-bar")).toContainText("discarded, nothing left to do");
});

test("(b) each exception has its own address, even outside the list shown", async ({ page }) => {
  await signIn(page, "ops");
  for (const n of ["B1", "B2"]) expect((await ingest(page, SLUG, key, { id: rec(n), total: -1 })).status).toBe(422);
  const open = await idOf(page, rec("B1"));
  const closed = await idOf(page, rec("B2"));
  expect(
    (await apiFromPage(page, "POST", `/api/v1/exceptions/${closed}/discard`, { reason: "test record" })).status,
  ).toBe(200);

  await page.goto(`/exceptions/${open}`);
  await expect(page).toHaveURL(new RegExp(`/exceptions\\?selected=${open}$`));
  await expect(selectedRow(page)).toHaveAttribute("data-id", open);
  await expect(page.getByTestId("selection-bar")).toContainText(rec("B1"));
  await expect(page.getByRole("button", { name: `Retry ${rec("B1")}` })).toBeVisible();

  // A closed one is not in the open queue: the link still opens it, pinned on top, with nothing left to do.
  await page.goto(`/exceptions?selected=${closed}`);
  await expect(selectedRow(page)).toHaveAttribute("data-id", closed);
  await expect(selectedRow(page)).toContainText("Opened from a link");
  await expect(page.getByTestId("selection-bar")).toContainText(rec("B2"));
  await expect(page.getByTestId("selection-bar")).toContainText("discarded, nothing left to do");
  await expect(page.getByRole("button", { name: new RegExp(`^Discard ${rec("B2")}`) })).toHaveCount(0);

  await page.goto("/exceptions?selected=no-such-exception");
  await expect(page.getByText("The linked exception was not found.")).toBeVisible();
});

test("(c) filters and selection survive Back and reload (exceptions, events); an expired session says the action was not done", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, "ops");
  await page.goto("/exceptions");
  await page.getByLabel("Integration").selectOption(SLUG);
  await expect(page).toHaveURL(new RegExp(`integration=${SLUG}`));
  await page.getByLabel("Kind").selectOption("permanent");
  await expect(page).toHaveURL(/category=permanent/);
  await expect(page.getByText("Nothing to triage")).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/category=/);
  await expect(page.getByLabel("Kind")).toHaveValue("");
  await expect(page.getByLabel("Integration")).toHaveValue(SLUG);
  await expect(rows(page).filter({ hasText: TAG }).first()).toBeVisible();
  await selectedRow(page).focus();
  const first = await selectedRow(page).getAttribute("data-id");
  await page.keyboard.press("j");
  await expect(page).toHaveURL(/selected=/);
  const chosen = new URL(page.url()).searchParams.get("selected");
  expect(chosen).not.toBe(first);
  await expect(selectedRow(page)).toHaveAttribute("data-id", chosen!);
  await page.reload();
  await expect(page.getByLabel("Integration")).toHaveValue(SLUG);
  await expect(selectedRow(page)).toHaveAttribute("data-id", chosen!);

  const matching = (await apiFromPage(page, "GET", `/api/v1/events?q=${TAG}-&limit=200`)).body.items.length as number;
  expect(matching).toBeGreaterThanOrEqual(3);
  await page.goto("/events");
  await page.getByLabel("Record key (or its start)").fill(`${TAG}-`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${TAG}-`));
  await expect(page.getByTestId("event-row")).toHaveCount(matching);
  await page.getByLabel("Status").selectOption("succeeded");
  await expect(page).toHaveURL(/status=succeeded/);
  await expect(page.getByTestId("event-row")).toHaveCount(0);
  await page.goBack();
  await expect(page).not.toHaveURL(/status=/);
  await expect(page.getByTestId("event-row")).toHaveCount(matching);
  await page.reload();
  await expect(page.getByLabel("Record key (or its start)")).toHaveValue(`${TAG}-`);
  await expect(page.getByTestId("event-row")).toHaveCount(matching);

  // The session has ended when an action is sent (the server answers 401): the notice says it was NOT done, the
  // page and its filters stay, and signing in again comes back to the same URL.
  await page.goto(`/exceptions?integration=${SLUG}`);
  await expect(page.getByTestId("selection-bar")).toBeVisible();
  const target = await page.getByTestId("selection-bar").getAttribute("data-id");
  await page.route(`**/api/v1/exceptions/${target}/rerun`, (route) =>
    route.fulfill({
      status: 401,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "unauthorized", message: "Sign in or send a valid token." } }),
    }),
  );
  await page
    .getByTestId("selection-bar")
    .getByRole("button", { name: /^Re-run / })
    .click();
  await expect(page.getByTestId("notice")).toContainText("NOT performed");
  await expect(page).toHaveURL(new RegExp(`/exceptions\\?integration=${SLUG}`));
  await expect(page.getByRole("link", { name: "Sign in again" })).toHaveAttribute(
    "href",
    new RegExp(`callbackUrl=.*integration%3D${SLUG}`),
  );
  expect((await apiFromPage(page, "GET", `/api/v1/exceptions/${target}`)).body.status).toBe("open");
});

test("(d) a manager's queue reads as read-only", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/exceptions");
  await expect(page.getByText("Read-only for your role")).toBeVisible();
  await expect(page.getByText("Take one, fix it")).toHaveCount(0);
});

test("(e) the audit and alerts lists keep their filters in the URL too", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/alerts");
  await page.getByRole("tab", { name: "Resolved" }).click();
  await expect(page).toHaveURL(/\/alerts\?status=resolved$/);
  await page.reload();
  await expect(page.getByRole("tab", { name: "Resolved" })).toHaveAttribute("aria-selected", "true");
  await page.goBack();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("tab", { name: "Open" })).toHaveAttribute("aria-selected", "true");

  await page.goto("/audit");
  await page.getByLabel("Who").selectOption({ label: "Ada Admin" });
  await expect(page).toHaveURL(/\/audit\?actor=/);
  const actor = new URL(page.url()).searchParams.get("actor")!;
  await expect(page.getByText("created an integration").first()).toBeVisible();
  await page.getByLabel("Object (type:id)").fill("exception:none");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/object=exception%3Anone/);
  await expect(page.getByText("No entries match")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Object (type:id)")).toHaveValue("exception:none");
  await expect(page.getByLabel("Who")).toHaveValue(actor);
  await page.goBack();
  await expect(page).not.toHaveURL(/object=/);
  await expect(page.getByLabel("Object (type:id)")).toHaveValue("");
  await expect(page.getByLabel("Who")).toHaveValue(actor);
  await expect(page.getByText("created an integration").first()).toBeVisible();
});

test("(f) the events search works before the page is interactive: the form is a plain GET of the page's own URL", async ({
  page,
  browser,
}) => {
  await signIn(page, "ops");
  const any = (await apiFromPage(page, "GET", "/api/v1/events?limit=1")).body.items[0] as { idempotencyKey: string };
  const q = any.idempotencyKey;
  const matching = (await apiFromPage(page, "GET", `/api/v1/events?q=${encodeURIComponent(q)}&limit=200`)).body.items
    .length as number;
  // The same session in a browser without scripts: what a click before hydration does.
  const plain = await browser.newContext({
    storageState: await page.context().storageState(),
    javaScriptEnabled: false,
  });
  const tab = await plain.newPage();
  await tab.goto("/events");
  await tab.getByLabel("Record key (or its start)").fill(q);
  await tab.getByRole("button", { name: "Search" }).click();
  await expect.poll(() => new URL(tab.url()).searchParams.get("q")).toBe(q);
  expect(matching).toBeGreaterThanOrEqual(1);
  await expect(tab.getByTestId("event-row")).toHaveCount(matching);
  await plain.close();
});

test("(g) a filter chosen before the page is interactive is applied, not lost", async ({ page }) => {
  await signIn(page, "ops");
  // Hold the page's scripts back: the queue is on screen (server-rendered) but not yet interactive.
  let release!: () => void;
  const scripts = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/**/*.js", async (route) => {
    await scripts;
    await route.continue();
  });
  await page.goto("/exceptions", { waitUntil: "domcontentloaded" });
  await page.getByLabel("Kind").selectOption("permanent");
  release();
  await expect(page).toHaveURL(/category=permanent/);
  await expect(page.getByLabel("Kind")).toHaveValue("permanent");
});
