import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { takeToken } from "@/lib/core/ingest/rate-limit";
import { generateWebhookSecret } from "@/lib/core/security/tokens";
import { signWebhook, verifyWebhook } from "@/lib/core/security/webhook-signature";

const body = '{"order":{"id":"A1"}}';
const headersFor = (secret: string, at = new Date(), id = "msg_1", raw = body) => ({
  "webhook-id": id,
  "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  "webhook-signature": new Webhook(secret).sign(id, at, raw),
});

describe("Standard Webhooks verification", () => {
  const current = generateWebhookSecret();
  const previous = generateWebhookSecret();

  it("accepts a signature by the current or a still-valid previous secret", () => {
    expect(verifyWebhook([current, previous], body, headersFor(current))).toBe(true);
    expect(verifyWebhook([current, previous], body, headersFor(previous))).toBe(true);
  });

  it("accepts several space-separated signatures when one matches", () => {
    const h = headersFor(current);
    const other = new Webhook(generateWebhookSecret()).sign("msg_1", new Date(), body);
    expect(verifyWebhook([current], body, { ...h, "webhook-signature": `${other} ${h["webhook-signature"]}` })).toBe(
      true,
    );
  });

  it("refuses a wrong secret, a changed body, another message id, a foreign version tag", () => {
    expect(verifyWebhook([previous], body, headersFor(current))).toBe(false);
    expect(verifyWebhook([current], body + " ", headersFor(current))).toBe(false);
    expect(verifyWebhook([current], body, { ...headersFor(current), "webhook-id": "msg_2" })).toBe(false);
    const h = headersFor(current);
    expect(
      verifyWebhook([current], body, { ...h, "webhook-signature": h["webhook-signature"].replace("v1,", "v2,") }),
    ).toBe(false);
  });

  it("refuses timestamps more than 5 minutes away, either way", () => {
    expect(verifyWebhook([current], body, headersFor(current, new Date(Date.now() - 6 * 60_000)))).toBe(false);
    expect(verifyWebhook([current], body, headersFor(current, new Date(Date.now() + 6 * 60_000)))).toBe(false);
    expect(verifyWebhook([current], body, headersFor(current, new Date(Date.now() - 4 * 60_000)))).toBe(true);
    expect(verifyWebhook([current], body, { ...headersFor(current), "webhook-timestamp": "yesterday" })).toBe(false);
  });

  it("signs with every valid secret, so receivers holding either verify it", () => {
    const at = new Date();
    const signature = signWebhook([current, previous], "ev_1", at, body);
    expect(signature.split(" ")).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(() =>
        new Webhook(secret).verify(body, {
          "webhook-id": "ev_1",
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signature,
        }),
      ).not.toThrow();
    }
  });
});

describe("rate limit token bucket", () => {
  it("allows a burst, then refills at the rate", () => {
    let bucket;
    const results = [];
    for (let i = 0; i < 4; i++) {
      const r = takeToken(bucket, 1_000, 1, 3);
      bucket = r.bucket;
      results.push(r.ok);
    }
    expect(results).toEqual([true, true, true, false]);
    expect(takeToken(bucket, 2_000, 1, 3).ok).toBe(true);
    const denied = takeToken({ tokens: 0, at: 0 }, 0, 2, 5);
    expect(denied.ok || denied.retryAfterSeconds).toBe(1);
  });
});
