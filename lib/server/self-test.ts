// The self-test's way in: a real signed request through the real ingest
// handler (auth, checks, dedupe), flagged so that nothing is delivered.
import type { Ctx } from "@/lib/core/context";
import type { SelfTestSend } from "@/lib/core/readiness/self-test";
import { signWebhook } from "@/lib/core/security/webhook-signature";
import { handleIngest } from "./ingest";

export function selfTestSender(ctx: Ctx, slug: string, integrationId: string): SelfTestSend {
  return async (payload, idempotencyKey) => {
    const secrets = await ctx.repos.secrets.valid(integrationId, "ingest", ctx.now());
    const body = JSON.stringify(payload);
    const id = `msg_${idempotencyKey}`;
    const at = new Date();
    const req = new Request(`http://signalbox.internal/api/ingest/${slug}`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "idempotency-key": idempotencyKey,
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": signWebhook(secrets.slice(0, 1), id, at, body),
      },
    });
    const res = await handleIngest(req, slug, { selfTest: true });
    return { status: res.status, body: (await res.json()) as Awaited<ReturnType<SelfTestSend>>["body"] };
  };
}
