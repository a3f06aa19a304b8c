import { chromium } from "playwright";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const [w, h, name] of [[1440, 900, "wide"], [390, 844, "phone"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto("http://localhost:3100/signin");
  await page.getByLabel("E-mail").fill("ops@demo.signalbox.local");
  await page.getByLabel("Password").fill("signalbox-demo");
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await page.goto("http://localhost:3100/events");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/walk-${name}.png` });
  console.log(name, await page.locator("[data-testid=worker-footer]").allInnerTexts(), await page.locator("[data-testid=worker-banner]").count());
}
await browser.close();
