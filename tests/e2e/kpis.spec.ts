// The manager's home: the KPI dashboard over the demo's two weeks of history
// and live traffic — change the period and the integration, read a definition,
// see the charts, and export every series as CSV.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { apiFromPage, signIn } from "./helpers";

const SHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");

test("manager opens the dashboard, changes range and integration, sees the charts, exports CSV", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "manager");
  await expect(page).toHaveURL(/\/kpis/);
  // The worker's first rollup pass covers the demo history; wait until the figures are in.
  await expect
    .poll(
      async () =>
        (await apiFromPage(page, "GET", `/api/v1/kpis?from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`))
          .body?.totals?.received ?? 0,
      { timeout: 150_000, intervals: [2_000] },
    )
    .toBeGreaterThan(100);
  await page.reload();

  await expect(page.getByRole("heading", { name: "KPIs", level: 1 })).toBeVisible();
  // Seven days is the default, and the first line answers "is reliability improving?".
  await expect(page.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/range=7d/);
  const verdict = page.getByTestId("kpi-verdict");
  await expect(verdict).toHaveText(
    /^Failure rate (down from \d+\.\d % to \d+\.\d %|up from \d+\.\d % to \d+\.\d %|steady at \d+\.\d %) over 7 days; (no alerts open|\d+ alerts? open)$/,
  );
  await expect(verdict.locator("[data-tone]").first()).toHaveClass(/text-(emerald|red|slate)-/);
  for (const id of ["failure", "duplicates", "recovery", "auto-recovery", "lag", "backlog", "oldest", "manual"]) {
    await expect(page.getByTestId(`chart-${id}`).locator("svg.recharts-surface[role=application]")).toBeVisible();
  }
  await expect(page.getByText(/daily buckets · compared with the period just before/)).toBeVisible();
  await expect(page.getByTestId("chart-failure").locator(".recharts-line-curve").first()).toBeVisible();
  // The backlog seven days ago: the demo's history holds no snapshot, so there is no earlier figure (never "from 0").
  const cards = page.getByTestId("kpi-cards");
  for (const title of ["Open exceptions", "Pending deliveries"]) {
    const card = cards.locator(":scope > div").filter({ has: page.locator("dt", { hasText: title }) });
    await expect(card).toContainText("no earlier figure");
    await expect(card).not.toContainText("from 0");
  }
  // Rankings need a minimum volume, said on the page; the demo integrations all have it over 7 days.
  await expect(page.getByTestId("rank-failure")).toContainText("Integrations with at least 20 records in the period.");
  for (const name of ["Shop orders → ERP", "CRM contacts → Marketing", "Invoice approval (no-code workflow)"]) {
    await expect(page.getByTestId("rank-failure").getByRole("row").filter({ hasText: name })).toHaveCount(1);
  }
  // No sideways scrolling at 1440 px.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);

  // A definition on hover (and on keyboard focus).
  await page.getByRole("button", { name: "What is failure rate?" }).first().hover();
  await expect(
    page.getByRole("tooltip").filter({ hasText: "Records that opened an exception ÷ records received." }).first(),
  ).toBeVisible();

  await page.getByLabel("Integration").selectOption({ label: "Shop orders → ERP" });
  await expect(page).toHaveURL(/integration=shop-orders-to-erp/);
  await expect(page.getByTestId("rank-failure").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("kpi-cards")).toContainText("Failure rate");
  await page.screenshot({ path: path.join(SHOTS, "kpi-dashboard.png"), fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^signalbox-kpis-shop-orders-to-erp-.*\.csv$/);
  const csv = fs
    .readFileSync(await download.path(), "utf8")
    .trimEnd()
    .split("\r\n");
  expect(csv[0]).toMatch(
    /^period,bucket_start,integration,received,failureRate,duplicateRate,recoveryP50Ms,recoveryP90Ms,manualInterventions,autoRecoveryRate,lagP50Ms,lagP95Ms,openExceptions,pendingDeliveries,oldestPendingMs/,
  );
  const current = csv.filter((l) => l.startsWith("current,"));
  const previous = csv.filter((l) => l.startsWith("previous,"));
  // Seven days by day: seven or eight buckets (the first and last partial).
  expect(current.length).toBeGreaterThanOrEqual(7);
  expect(previous.length).toBe(current.length);
  expect(current.reduce((n, l) => n + Number(l.split(",")[3]), 0)).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Last 24 hours" }).click();
  await expect(page).toHaveURL(/range=24h/);
  await expect(page.getByText(/hourly buckets/)).toBeVisible();
  await expect(verdict).toContainText(/over 24 hours; (no alerts open|\d+ alerts? open)$/);

  // A custom range: whole days, daily buckets; a backwards one is explained.
  await page.getByRole("button", { name: "Custom" }).click();
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(day(10));
  await page.getByLabel("To", { exact: true }).fill(day(1));
  await expect(page.getByText(/daily buckets/)).toBeVisible();
  await page.getByLabel("To", { exact: true }).fill(day(12));
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "The end date must be on or after the start date.",
  );
});

test("Back steps back through the chosen periods, and the page shows the one the address names", async ({ page }) => {
  await signIn(page, "manager");
  await expect(page).toHaveURL(/\/kpis\?range=7d/);
  const verdict = page.getByTestId("kpi-verdict");
  const pressed = (label: string) =>
    expect(page.getByRole("button", { name: label })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Last 24 hours" }).click();
  await expect(page).toHaveURL(/range=24h/);
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(verdict).toContainText("over 7 days");
  await page.getByRole("button", { name: "Last 30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await pressed("Last 30 days");
  await expect(verdict).toContainText("over 30 days");

  await page.goBack();
  await expect(page).toHaveURL(/range=7d/);
  await pressed("Last 7 days");
  await expect(verdict).toContainText("over 7 days");
  await page.goBack();
  await expect(page).toHaveURL(/range=24h/);
  await pressed("Last 24 hours");
  await expect(verdict).toContainText("over 24 hours");
  await page.goForward();
  await expect(page).toHaveURL(/range=7d/);
  await pressed("Last 7 days");

  // The integration picked is a step too.
  await page.getByLabel("Integration").selectOption({ label: "Shop orders → ERP" });
  await expect(page).toHaveURL(/integration=shop-orders-to-erp/);
  await page.goBack();
  await expect(page).not.toHaveURL(/integration=/);
  await expect(page.getByLabel("Integration")).toHaveValue("");
  await pressed("Last 7 days");
});
