import { expect, type Page } from "@playwright/test";

export const PASSWORD = "signalbox-demo";
export const USERS = {
  admin: { email: "admin@demo.signalbox.local", name: "Ada Admin", roleLabel: "Admin" },
  ops: { email: "ops@demo.signalbox.local", name: "Omar Ops", roleLabel: "Operations" },
  manager: { email: "manager@demo.signalbox.local", name: "Maya Manager", roleLabel: "Manager (read-only)" },
} as const;
export type RoleName = keyof typeof USERS;

export async function signIn(page: Page, role: RoleName): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(USERS[role].email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(USERS[role].name);
}

/** A same-origin API call from the signed-in page, as the console makes it. */
export async function apiFromPage(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, path, body },
  );
}
