// "Send a test record": the sample goes through the real ingest path (signed
// with the integration's ingest secret), is recorded and delivered like any
// other record, so the admin sees it arrive at the destination.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { DomainError, invalidInput, invalidState } from "../errors";
import { parseInput } from "../parse";
import { integrationBySlug } from "./find";
import type { TTestAnswer } from "./schemas";

export const ZTestRecord = z.object({ sample: z.unknown() });

/** Posts `payload` with this Idempotency-Key through the ingest endpoint; returns its answer. */
export type TestRecordSend = (
  payload: unknown,
  idempotencyKey: string,
) => Promise<{
  status: number;
  body: {
    id?: string;
    status?: string;
    duplicate?: boolean;
    error?: { code: string; message: string; details?: unknown };
  };
}>;

export async function sendTestRecord({
  ctx,
  slug,
  input,
  send,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZTestRecord>;
  send: TestRecordSend;
}): Promise<TTestAnswer> {
  authorize(ctx, "integrations.write");
  const { sample } = parseInput(ZTestRecord, input);
  if (sample === undefined || sample === null)
    throw invalidInput("Give a sample record to send.", [{ path: "/sample", message: "required" }]);
  const integration = await integrationBySlug(ctx, slug);
  if (integration.mode !== "relay")
    throw invalidState(
      "A tracked integration's workflow reports its own events; send a test report with its API key instead.",
    );
  if (integration.archivedAt)
    throw new DomainError("gone", "integration_archived", "This integration is archived: restore it first.");
  const idempotencyKey = `test:${randomUUID()}`;
  const answer = await send(sample, idempotencyKey);
  const result = {
    accepted: answer.status === 202 || answer.status === 200,
    httpStatus: answer.status,
    eventId: answer.body.id ?? null,
    eventStatus: answer.body.status ?? null,
    error: answer.body.error
      ? { code: answer.body.error.code, message: answer.body.error.message, details: answer.body.error.details ?? null }
      : null,
    idempotencyKey,
  };
  await ctx.transaction((tx) =>
    audit(tx, {
      action: "integration.test_record",
      objectType: "integration",
      objectId: integration.id,
      after: { httpStatus: result.httpStatus, eventId: result.eventId, idempotencyKey },
    }),
  );
  return result;
}
