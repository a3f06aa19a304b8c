// Single sign-on against a real OpenID Connect provider started here (oidc-provider on port + 2; the console is
// configured for it in playwright.config.ts): the person signs in at the provider, lands in the console with the
// role their groups map to, and is refused with a plain message when no group maps or Signalbox disabled them.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiFromPage, signIn } from "./helpers";
import { startOidcProvider, type TestProvider } from "./oidc-provider";

const PEOPLE = {
  "olu.ops": { email: "olu.ops@sso.example", name: "Olu Ops", groups: ["staff", "sbx-ops"] },
  "ines.admin": { email: "ines@sso.example", name: "Ines Admin", groups: ["sbx-managers", "sbx-admins"] },
  "nia.nogroup": { email: "nia@sso.example", name: "Nia Nogroup", groups: ["staff"] },
  "dana.ops": { email: "dana@sso.example", name: "Dana Ops", groups: ["sbx-ops"] },
};

let provider: TestProvider;
test.beforeAll(async () => {
  provider = await startOidcProvider(Number(process.env.E2E_PORT ?? 3100), PEOPLE);
});
test.afterAll(() => provider?.close());

/** Click the console's single sign-on button and sign in at the provider's own pages. */
async function singleSignOn(page: Page, login: keyof typeof PEOPLE) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Single sign-on" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("ops signs in through single sign-on and gets the role their group maps to", async ({ page }) => {
  await singleSignOn(page, "olu.ops");
  await expect(page).toHaveURL(/localhost:\d+\/exceptions$/);
  await expect(page.getByTestId("current-user")).toContainText("Olu Ops");
  await expect(page.getByTestId("current-role")).toHaveText("Operations");

  // Ops may not manage people: the action is not offered, and the API refuses it.
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add person" })).toHaveCount(0);
  const refused = await apiFromPage(page, "POST", "/api/v1/users", {
    email: "x@example.com",
    name: "X",
    role: "ops",
    password: "a long enough password",
  });
  expect(refused.status).toBe(403);
});

test("the highest mapped group wins, and the new user is audited as created by single sign-on", async ({ page }) => {
  await singleSignOn(page, "ines.admin");
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  // (straight to the page: a click on the sidebar while the sign-in's redirect is still settling was lost at times)
  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Add person" })).toBeVisible();
  const users = await apiFromPage(page, "GET", "/api/v1/users");
  const ines = users.body.items.find((u: { email: string }) => u.email === "ines@sso.example");
  const audit = await apiFromPage(page, "GET", `/api/v1/audit?object=user:${ines.id}`);
  const created = audit.body.items.find((a: { action: string }) => a.action === "user.create");
  expect(created).toMatchObject({ actor: "single sign-on", after: { role: "admin", name: "Ines Admin" } });
});

test("a person in no mapped group is refused on the sign-in page, with a plain reason", async ({ page }) => {
  await singleSignOn(page, "nia.nogroup");
  await expect(page).toHaveURL(/\/signin\?error=sso_no_role/);
  await expect(page.getByRole("alert").filter({ hasText: "not in a group that may use Signalbox" })).toBeVisible();
  await page.goto("/exceptions");
  await expect(page).toHaveURL(/\/signin/);
});

test("a user disabled in Signalbox loses their session and cannot sign in through single sign-on", async ({
  page,
  browser,
}) => {
  await singleSignOn(page, "dana.ops");
  await expect(page.getByTestId("current-user")).toContainText("Dana Ops");

  await disableAsAdmin(browser, "dana@sso.example");

  await page.reload();
  await expect(page).toHaveURL(/\/signin/);
  // The provider still knows Dana (its own session): Signalbox is what says no.
  await page.getByRole("button", { name: "Single sign-on" }).click();
  await page.waitForURL(/\/interaction\/|\/signin\?error=/);
  if (page.url().includes("/interaction/")) await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/signin\?error=sso_disabled/);
  await expect(page.getByRole("alert").filter({ hasText: "account is disabled" })).toBeVisible();
});

async function disableAsAdmin(browser: Browser, email: string) {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, "admin");
  const users = await apiFromPage(admin, "GET", "/api/v1/users");
  const user = users.body.items.find((u: { email: string }) => u.email === email);
  const res = await apiFromPage(admin, "PATCH", `/api/v1/users/${user.id}`, { disabled: true });
  expect(res.status).toBe(200);
  await context.close();
}
