import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/core/security/passwords";
import { createSecretBox } from "@/lib/core/security/secret-box";
import { generateSecret, generateWebhookSecret, hashSecret, PAT_PREFIX, safeEqual } from "@/lib/core/security/tokens";

describe("secrets", () => {
  it("seals and opens, with a fresh IV each time, and refuses tampering or another key", () => {
    const box = createSecretBox("server-secret-0123456789");
    const a = box.seal("whsec_abc");
    const b = box.seal("whsec_abc");
    expect(a).not.toBe(b);
    expect(a).not.toContain("abc");
    expect(box.open(a)).toBe("whsec_abc");
    const tampered = a.slice(0, -2) + (a.endsWith("A") ? "BB" : "AA");
    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox("another-secret-0123456789").open(a)).toThrow();
  });

  it("generates prefixed bearer secrets and hashes them deterministically", () => {
    const one = generateSecret(PAT_PREFIX);
    expect(one.secret.startsWith(PAT_PREFIX)).toBe(true);
    expect(one.hash).toBe(hashSecret(one.secret));
    expect(one.display).toBe(one.secret.slice(0, PAT_PREFIX.length + 6));
    expect(generateSecret(PAT_PREFIX).secret).not.toBe(one.secret);
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });

  it("webhook secrets are whsec_ + 32 bytes base64", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
  });

  it("hashes passwords with Argon2id and verifies only the right one", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "wrong")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});
