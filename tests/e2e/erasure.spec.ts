// Erasure in the console: an admin finds every record holding a person's e-mail address, is told the count first,
// erases with a reference, and the record's page then says its content was erased. Other roles do not see the panel.
import { expect, test } from "@playwright/test";
import { createRelay, ingest, startTestSink, type TestSink } from "./fixtures";
import { signIn } from "./helpers";

let sink: TestSink;
test.beforeAll(async () => {
  sink = await startTestSink();
});
test.afterAll(async () => sink.close());

test("an admin erases a person's records: count first, a reference, then the record says it was erased", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, "admin");
  const slug = `erase-${Date.now().toString(36)}`;
  const key = await createRelay(page, slug, sink.url);
  const email = `${slug}@customer.example`;
  const sent = await ingest(page, slug, key, { id: `o-${slug}`, total: 5, email });
  expect(sent.status).toBe(202);
  await page.goto(`/events/${sent.body.id}`);
  await expect(page.getByTestId("event-outcome")).toHaveText("Delivered", { timeout: 20_000 });

  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "Erase a person's data" });
  await panel.getByLabel("Find by").selectOption({ label: "A value in the records" });
  await panel.getByLabel("Value", { exact: true }).fill(email);
  await panel.getByRole("button", { name: "Find records" }).click();
  await expect(panel.getByTestId("erasure-count")).toHaveText("1 record will be erased.");
  await expect(panel.getByText(`Test ${slug}: 1 record`)).toBeVisible();
  // The reference goes to the audit trail: required before anything is erased.
  await panel.getByLabel(/Reference of the request/).fill("DSR-2026-0042");
  await panel.getByRole("button", { name: "Erase 1 record…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("This cannot be undone.");
  await dialog.getByRole("button", { name: "Erase" }).click();
  await expect(panel.getByText("1 record erased. The audit trail has an entry with your reference.")).toBeVisible();
  // Looking again finds nothing.
  await panel.getByLabel("Value", { exact: true }).fill(email);
  await panel.getByRole("button", { name: "Find records" }).click();
  await expect(panel.getByText("No records hold this value.")).toBeVisible();

  await page.goto(`/events/${sent.body.id}`);
  await expect(page.getByTestId("payload-erased")).toContainText("The content of this record was erased");
  await expect(page.getByTestId("event-outcome")).toHaveText("Delivered");
  await expect(page.getByText(email)).toHaveCount(0);

  await signIn(page, "ops");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "How long records are kept" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Erase a person's data" })).toHaveCount(0);
});
