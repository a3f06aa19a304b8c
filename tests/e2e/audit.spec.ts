// The audit page's download (admin only) and the audit webhook in Settings: the secret shown once, the URL masked,
// and a new audit entry reaching the receiver signed (verified with the standardwebhooks package).
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startTestSink } from "./fixtures";
import { apiFromPage, signIn } from "./helpers";

test("an admin downloads the audit log of some days as NDJSON, and the download is recorded", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/audit");
  const today = new Date().toLocaleDateString("en-CA");
  await page.getByLabel("First day").fill(today);
  await page.getByLabel("Last day").fill(today);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^signalbox-audit-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.ndjson$/);
  const lines = fs
    .readFileSync((await download.path())!, "utf8")
    .trimEnd()
    .split("\n");
  const entries = lines.map((l) => JSON.parse(l) as { at: string; action: string });
  expect(entries.some((e) => e.action === "session.sign_in")).toBe(true);
  expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());

  await page.getByLabel("First day").fill(today);
  await page.getByLabel("Last day").fill("2020-01-01");
  await page.getByRole("button", { name: "Download" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The last day" })).toHaveText(
    "The last day must not be before the first.",
  );

  await page.reload();
  await expect(page.getByText("downloaded the audit log").first()).toBeVisible();
});

test("ops sees no download and no audit webhook", async ({ page }) => {
  await signIn(page, "ops");
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Download" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Personal access tokens" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Audit webhook" })).toHaveCount(0);
});

test("an admin sets the audit webhook: secret once, URL masked, entries arrive signed", async ({ page }) => {
  const sink = await startTestSink();
  try {
    await signIn(page, "admin");
    await page.goto("/settings");
    await expect(page.getByTestId("audit-webhook-status")).toHaveText(/Not set/);
    await page.getByLabel("URL").fill(`${sink.url}/siem?key=e2e-siem-Qk7w`);
    await page.getByLabel("It is inside our network (allow a private address)").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const secret = await page.getByTestId("audit-webhook-secret").innerText();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByTestId("audit-webhook-status")).toContainText("••••Qk7w");
    await page.reload();
    await expect(page.getByTestId("audit-webhook-secret")).toHaveCount(0);
    await expect(page.getByTestId("audit-webhook-status")).toContainText("••••Qk7w");
    await expect(page.getByText("e2e-siem-Qk7w")).toHaveCount(0);

    // The setting's own audit entry is forwarded by the worker.
    await expect.poll(() => sink.hits.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const hit = sink.hits[0]!;
    const message = new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>) as {
      data: { id: string; action: string };
    };
    expect(hit.headers["webhook-id"]).toBe(message.data.id);
    expect(message.data.action).toBe("settings.audit_webhook_set");
  } finally {
    expect((await apiFromPage(page, "DELETE", "/api/v1/settings/audit-webhook")).status).toBe(200);
    await sink.close();
  }
});
