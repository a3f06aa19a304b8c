// Issue 11 item 11 (part) and item 4: the track API has the same rate limiting as ingest, a relay integration's key
// cannot report tracked events or stages, and failed authentications are rate limited per client address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import type { Store } from "@/lib/db/client";
import { leanPost } from "./helpers/lean";
import { ingest, makeRelay, order, useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
});
afterAll(() => store.close());

const track = async (key: string, body: unknown) => {
  const res = await leanPost("/api/v1/track/events", {
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as { id?: string; error?: { code: string } },
  };
};

describe("integration-facing limits", () => {
  it("the track API spends the integration's rate like ingest does: 429 with Retry-After past the burst", async () => {
    const created = await createIntegration({
      ctx,
      input: {
        slug: "tracked-slow",
        name: "Tracked slow",
        mode: "tracked",
        sourceSystem: "A",
        targetSystem: "B",
        rateLimit: { perSecond: 1, burst: 2 },
        contract: { schema: { type: "object" } },
      },
    });
    const key = created.ingestKey.key;
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await track(key, { integration: "tracked-slow", idempotencyKey: `t-${i}`, payload: { n: i } }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
    expect(answers[2]!.body.error?.code).toBe("rate_limited");
    expect(Number(answers[2]!.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it("a relay integration's key may not report tracked events or stages (403 not_tracked)", async () => {
    const relay = await makeRelay(ctx, "http://127.0.0.1:9");
    const event = await track(relay.key, { integration: relay.slug, idempotencyKey: "r-1", payload: {} });
    expect([event.status, event.body.error?.code]).toEqual([403, "not_tracked"]);
    const accepted = await ingest(relay.slug, order("R-1"), { key: relay.key });
    expect(accepted.status).toBe(202);
    const stages = (await import("@/app/api/v1/track/events/[id]/stages/route")).POST;
    const stage = await stages(
      new Request("http://localhost/api", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${relay.key}` },
        body: JSON.stringify({ stage: "delivered", status: "succeeded" }),
      }),
      { params: Promise.resolve({ id: accepted.body.id! }) },
    );
    expect([stage.status, ((await stage.json()) as { error?: { code: string } }).error?.code]).toEqual([
      403,
      "not_tracked",
    ]);
    expect(await store.db.stageRun.count({ where: { eventId: accepted.body.id!, stage: "delivered" } })).toBe(0);
  });

  it("failed authentications are limited per address: past 30, even a right key waits (429) — and nothing was recorded", async () => {
    const relay = await makeRelay(ctx, "http://127.0.0.1:9");
    const wrong = [];
    for (let i = 0; i < 32; i++)
      wrong.push((await ingest(relay.slug, order(`W-${i}`), { key: "sbx_key_wrong" })).status);
    expect(wrong.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(wrong.slice(30)).toEqual([429, 429]);
    const right = await ingest(relay.slug, order("W-right"), { key: relay.key });
    expect([right.status, right.body.error?.code]).toEqual([429, "rate_limited"]);
    expect(await store.db.event.count({ where: { integrationId: relay.integrationId } })).toBe(0);
  });
});
