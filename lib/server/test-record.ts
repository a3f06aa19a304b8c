// "Send a test record": a real signed request through the real ingest handler
// (auth, checks, dedupe, contract), recorded and delivered like any other.
import type { Ctx } from "@/lib/core/context";
import type { TestRecordSend } from "@/lib/core/integrations/test-record";
import { signWebhook } from "@/lib/core/security/webhook-signature";
import { handleIngest } from "./ingest";

export function testRecordSender(ctx: Ctx, slug: string, integrationId: string): TestRecordSend {
  return async (payload, idempotencyKey) => {
    const secrets = await ctx.repos.secrets.valid(integrationId, "ingest", ctx.now());
    const body = JSON.stringify(payload);
    const id = `msg_${idempotencyKey.replace(/[^A-Za-z0-9_-]/g, "_")}`;
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
    const res = await handleIngest(req, slug);
    return { status: res.status, body: (await res.json()) as Awaited<ReturnType<TestRecordSend>>["body"] };
  };
}
