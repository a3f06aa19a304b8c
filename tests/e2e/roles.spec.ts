// One flow per role: sign in, see the console shell, and (manager) find that
// nothing can be changed.
import { expect, test, type Page } from "@playwright/test";
import { apiFromPage, signIn, USERS, type RoleName } from "./helpers";

const SECTIONS = ["Events", "Exceptions", "Alerts", "Integrations", "KPIs", "Audit", "Settings"];

async function expectShell(page: Page, role: RoleName) {
  const nav = page.getByRole("navigation", { name: "Main" });
  // A link's name may carry a count after the label ("Alerts 2 firing").
  for (const section of SECTIONS)
    await expect(nav.getByRole("link", { name: new RegExp(`^${section}(?![a-z])`, "i") })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText(USERS[role].roleLabel);
}

test("admin signs in, sees the shell, and manages tokens (shown once)", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/exceptions$/);
  await expectShell(page, "admin");
  await expect(page.getByRole("heading", { name: "Exceptions", level: 1 })).toBeVisible();

  await page.getByRole("link", { name: "Integrations", exact: true }).click();
  for (const name of ["Shop orders → ERP", "CRM contacts → Marketing", "Invoice approval (no-code workflow)"]) {
    await expect(page.getByTestId("integration-row").filter({ hasText: name })).toHaveCount(1);
  }

  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByLabel("Token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByTestId("new-token-value").innerText();
  expect(secret).toMatch(/^sbx_pat_/);

  const viaToken = await page.request.get("/api/v1/users", { headers: { authorization: `Bearer ${secret}` } });
  expect(viaToken.status()).toBe(200);

  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await page.getByRole("button", { name: "Revoke token e2e script" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke the token “e2e script”?" });
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Revoke it" }).click();
  await expect(page.getByRole("row", { name: /e2e script/ }).getByText("Revoked")).toBeVisible();
  const afterRevoke = await page.request.get("/api/v1/users", { headers: { authorization: `Bearer ${secret}` } });
  expect(afterRevoke.status()).toBe(401);

  await page.getByRole("link", { name: "Audit", exact: true }).click();
  await expect(page.getByText("revoked a token").first()).toBeVisible();
});

test("ops signs in, sees the shell, and may not create users", async ({ page }) => {
  await signIn(page, "ops");
  await expectShell(page, "ops");
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("button", { name: "Add person" })).toHaveCount(0);
  const refused = await apiFromPage(page, "POST", "/api/v1/users", {
    email: "x@example.com",
    name: "X",
    role: "ops",
    password: "a long enough password",
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("forbidden");
});

test("manager signs in on the KPIs, sees everything, and every mutation is refused", async ({ page }) => {
  await signIn(page, "manager");
  await expect(page).toHaveURL(/\/kpis(\?|$)/);
  await expectShell(page, "manager");

  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add person" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Disable|Enable)$/ })).toHaveCount(0);

  const users = await apiFromPage(page, "GET", "/api/v1/users");
  expect(users.status).toBe(200);
  const someone = users.body.items.find((u: { role: string }) => u.role === "ops");
  for (const [method, path, body] of [
    ["POST", "/api/v1/users", { email: "y@example.com", name: "Y", role: "admin", password: "a long enough password" }],
    ["PATCH", `/api/v1/users/${someone.id}`, { disabled: true }],
    [
      "POST",
      "/api/v1/integrations",
      { slug: "nope", name: "N", mode: "tracked", sourceSystem: "A", targetSystem: "B" },
    ],
  ] as const) {
    const res = await apiFromPage(page, method, path, body);
    expect(res.status, `${method} ${path}`).toBe(403);
    expect(res.body).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
  }
});

test("a cross-origin request with the session cookie cannot change anything", async ({ page }) => {
  await signIn(page, "admin");
  const res = await page.request.post("/api/v1/tokens", {
    data: { name: "csrf" },
    headers: { origin: "https://evil.example" },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("cross_origin_refused");
});

test("signing out ends the session, even for a copied cookie", async ({ page, context, playwright }) => {
  await signIn(page, "ops");
  const cookieHeader = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const outsider = await playwright.request.newContext({ baseURL: page.url().replace(/\/signin.*$/, "") });
  const res = await outsider.get("/api/v1/users", { headers: { cookie: cookieHeader } });
  expect(res.status()).toBe(401);
  await outsider.dispose();
});

test("without credentials the API answers 401 in the documented shape, and pages send you to sign in", async ({
  page,
  request,
}) => {
  const res = await request.get("/api/v1/tokens");
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  await page.goto("/events");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in to Signalbox" })).toBeVisible();
});

test("a wrong password is refused with a plain message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(USERS.ops.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toHaveText(
    "That e-mail and password do not match an active account.",
  );
});
