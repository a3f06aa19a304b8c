// Sign-in throttling (issue 11 item 4): growing waits per account after five
// failures, a lock after twenty, the same for unknown accounts, per client
// address too, every failure audited — on a real store with a controlled clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/lib/core/auth/sign-in";
import type { Ctx } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { createUser } from "@/lib/core/users/create-user";
import type { Store } from "@/lib/db/client";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
const clock = { now: new Date("2026-12-02T10:00:00Z") };
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  store = await freshStore();
  ctx = testContext(store, undefined, clock);
  await createUser({ ctx, input: { email: "erin@example.com", name: "Erin", role: "ops", password: PASSWORD } });
});
afterAll(() => store.close());

const tick = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
async function attempt(email: string, password: string, address = "198.51.100.1") {
  try {
    return (await signIn(ctx, email, password, address)) ? "ok" : "wrong";
  } catch (error) {
    if (error instanceof DomainError && error.code === "sign_in_throttled")
      return `wait ${(error.extra as { retryAfterSeconds: number }).retryAfterSeconds}s`;
    throw error;
  }
}

describe("sign-in throttling", () => {
  it("five wrong passwords are free; then every try waits longer, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("erin@example.com", "wrong password")).toBe("wrong");
    expect(await attempt("erin@example.com", PASSWORD)).toBe("wait 1s");
    tick(1_000);
    expect(await attempt("erin@example.com", "wrong password")).toBe("wrong");
    expect(await attempt("erin@example.com", "wrong password")).toBe("wait 2s");
    tick(2_000);
    expect(await attempt("erin@example.com", PASSWORD)).toBe("ok");
    // a success starts afresh
    expect(await attempt("erin@example.com", "wrong password")).toBe("wrong");
    expect(await attempt("erin@example.com", PASSWORD)).toBe("ok");
    const audited = await store.db.auditEntry.count({
      where: { action: "session.sign_in_failed", objectId: "erin@example.com" },
    });
    expect(audited).toBe(7);
  });

  it("unknown accounts are throttled the same way, and twenty failures lock for 15 minutes", async () => {
    for (let failures = 1; failures <= 20; failures++) {
      expect(await attempt("ghost@example.com", "guess", `203.0.113.${failures}`)).toBe("wrong");
      if (failures < 20) tick(failures < 5 ? 0 : Math.min(300_000, 2 ** (failures - 5) * 1_000)); // exactly as long as asked
    }
    expect(await attempt("ghost@example.com", "guess", "203.0.113.99")).toBe(`wait ${15 * 60}s`);
    tick(5 * 60_000);
    expect(await attempt("ghost@example.com", "guess", "203.0.113.99")).toBe(`wait ${10 * 60}s`);
    tick(10 * 60_000);
    expect(await attempt("ghost@example.com", "guess", "203.0.113.99")).toBe("wrong");
  });

  it("one address trying many accounts is slowed down too", async () => {
    clock.now = new Date(clock.now.getTime() + 3_600_000);
    for (let n = 0; n < 20; n++) expect(await attempt(`user${n}@example.com`, "guess", "192.0.2.7")).toBe("wrong");
    expect(await attempt("user99@example.com", "guess", "192.0.2.7")).toBe("wait 1s");
    expect(await attempt("erin@example.com", PASSWORD, "192.0.2.8")).toBe("ok");
  });
});
