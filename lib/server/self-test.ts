// Signalbox's own ways in to ingest — the readiness self-test and "Send a test record": a real request signed with
// the integration's ingest secret, through the real ingest handler (auth, checks, dedupe, contract). The self-test is
// flagged so nothing is delivered; a test record is recorded and delivered like any other.
import type { Ctx } from "@/lib/core/context";
import { signWebhook } from "@/lib/core/security/webhook-signature";
import { fromRequest } from "./inbound";
import { handleIngest } from "./ingest";

export type InternalAnswer = {
  status: number;
  body: {
    id?: string;
    status?: string;
    duplicate?: boolean;
    error?: { code: string; message: string; details?: unknown };
  };
};

export function internalSender(ctx: Ctx, slug: string, integrationId: string, options: { selfTest: boolean }) {
  return async (payload: unknown, idempotencyKey: string): Promise<InternalAnswer> => {
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
    const res = await handleIngest(fromRequest(req), slug, { selfTest: options.selfTest });
    return { status: res.status, body: res.body as InternalAnswer["body"] };
  };
}
