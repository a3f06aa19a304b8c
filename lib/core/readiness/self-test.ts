// The built-in idempotency self-test: send one sample twice through the real
// ingest path and confirm exactly one event and one counted duplicate. Its
// events are never delivered, never touch the version guard, and end discarded.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidInput, invalidState } from "../errors";
import { contractIssues } from "../ingest/ingest-record";
import { integrationBySlug } from "../integrations/find";
import { parseInput } from "../parse";
import type { TSelfTestResult } from "./schemas";

export const ZSelfTest = z.object({ sample: z.unknown().optional() });

/** Posts `payload` with this Idempotency-Key through the ingest endpoint; returns the answer. */
export type SelfTestSend = (
  payload: unknown,
  idempotencyKey: string,
) => Promise<{ status: number; body: { id?: string; duplicate?: boolean; error?: { code: string } } }>;

export async function runSelfTest({
  ctx,
  slug,
  input,
  send,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZSelfTest>;
  send: SelfTestSend;
}): Promise<TSelfTestResult> {
  authorize(ctx, "integrations.write");
  const { sample } = parseInput(ZSelfTest, input);
  const integration = await integrationBySlug(ctx, slug);
  if (integration.mode !== "relay")
    throw invalidState(
      "The self-test runs through the relay ingest path; tracked integrations report their own events.",
    );
  const contract = await ctx.repos.contracts.active(integration.id);
  if (!contract)
    throw invalidState("Approve a contract version first: the self-test proves idempotency on the approved version.");
  const record =
    sample ??
    (await ctx.repos.events.list({ integrationId: integration.id, status: "succeeded" }, { limit: 1 })).items[0]
      ?.payload;
  if (record === undefined)
    throw invalidInput("Give a sample record: this integration has no delivered record to reuse yet.", [
      { path: "/sample", message: "required" },
    ]);
  const issues = contractIssues(contract, record);
  if (issues.length)
    throw invalidInput(
      "The sample does not match the approved contract.",
      issues.map((i) => ({ path: `/sample${i.path}`, message: i.message })),
    );

  const key = `selftest:${randomUUID()}`;
  const first = await send(record, key);
  const second = await send(record, key);
  const event = first.body.id ? await ctx.repos.events.findById(first.body.id) : null;
  const steps = [
    {
      step: "first send is accepted as new",
      ok: first.status === 202 && first.body.duplicate === false,
      saw: `${first.status} ${first.body.error?.code ?? (first.body.duplicate ? "duplicate" : "new")}`,
    },
    {
      step: "second send is answered as a duplicate of the same event",
      ok: second.status === 200 && second.body.duplicate === true && second.body.id === first.body.id,
      saw: `${second.status} ${second.body.error?.code ?? (second.body.duplicate ? "duplicate" : "new")}`,
    },
    {
      step: "one event stored, with one duplicate counted",
      ok: Boolean(event) && event!.duplicateCount === 1,
      saw: event ? `${event.duplicateCount} duplicate(s) on ${event.id}` : "no event",
    },
  ];
  const passed = steps.every((s) => s.ok);
  return ctx.transaction(async (tx) => {
    const now = tx.now();
    if (event)
      await tx.repos.events.transition(
        event.id,
        null,
        { status: "discarded", outcome: "discarded", completedAt: now },
        now,
      );
    const result = {
      passed,
      steps,
      idempotencyKey: key,
      eventId: event?.id ?? null,
      contractVersion: contract.version,
      at: now.toISOString(),
    };
    if (passed) await tx.repos.contracts.markSelfTested(contract.id, now, result);
    await audit(tx, {
      action: passed ? "readiness.self_test_passed" : "readiness.self_test_failed",
      objectType: "integration",
      objectId: integration.id,
      after: result,
    });
    return result;
  });
}
