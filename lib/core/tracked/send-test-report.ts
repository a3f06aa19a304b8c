// "Send a test report": for a tracked integration, Signalbox reports one event as its workflow would — the event,
// one stage, the outcome — through the same core operations as POST /api/v1/track/* (contract check, dedupe,
// stages, outcome). The event's source is `self_test`: it shows in the process view, marked as a test, and is never
// counted in the KPIs. (The HTTP reporting route takes only an API key, whose secret Signalbox does not keep.)
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { actorLabel, type Ctx } from "../context";
import { DomainError, invalidState } from "../errors";
import { contractIssues } from "../ingest/ingest-record";
import { integrationBySlug } from "../integrations/find";
import type { Integration } from "../integrations/types";
import { parseInput } from "../parse";
import { recordOutcome, recordReport, recordStage } from "./report";
import type { TTestAnswer } from "../integrations/schemas";

export const ZTestReport = z.object({ sample: z.unknown().optional() });

export const TEST_STAGE = "test report";

/**
 * @returns what the reporting API would have answered (201, or 422 with the contract problems, then nothing is
 * recorded), and the event's id
 * @throws 409 invalid_state for a relay integration, 410 integration_archived, 403 for a non-admin
 */
export async function sendTestReport({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZTestReport>;
}): Promise<TTestAnswer> {
  authorize(ctx, "integrations.write");
  const { sample } = parseInput(ZTestReport, input);
  const integration = await integrationBySlug(ctx, slug);
  if (integration.mode !== "tracked") throw invalidState("A relay integration takes a test record, not a test report.");
  const idempotencyKey = `test:${randomUUID()}`;
  // A sample the contract refuses is answered as the reporting API would (422 with the problems) but not recorded:
  // a test should not open an exception in the triage queue.
  const issues =
    sample === undefined || sample === null
      ? []
      : contractIssues(await ctx.repos.contracts.current(integration.id), sample);
  const result = issues.length
    ? {
        accepted: false,
        httpStatus: 422,
        eventId: null,
        eventStatus: null,
        error: {
          code: "contract_violation",
          message: "The test record does not match the contract; nothing was recorded.",
          details: issues,
        },
        idempotencyKey,
      }
    : await report(ctx, integration, sample, idempotencyKey);
  await ctx.transaction((tx) =>
    audit(tx, {
      action: "integration.test_report",
      objectType: "integration",
      objectId: integration.id,
      after: { httpStatus: result.httpStatus, eventId: result.eventId, idempotencyKey },
    }),
  );
  return result;
}

async function report(ctx: Ctx, integration: Integration, sample: unknown, idempotencyKey: string) {
  try {
    const reported = await recordReport(
      ctx,
      integration,
      { integration: integration.slug, idempotencyKey, payload: sample ?? undefined },
      { source: "self_test", by: `Signalbox test (${actorLabel(ctx.actor)})` },
    );
    const eventId = reported.body.id;
    await recordStage(ctx, integration.id, eventId, { stage: TEST_STAGE, status: "succeeded" });
    const outcome = await recordOutcome(ctx, integration.id, eventId, { outcome: "success" });
    return {
      accepted: true,
      httpStatus: reported.status,
      eventId,
      eventStatus: outcome.status,
      error: null,
      idempotencyKey,
    };
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== "unprocessable") throw error;
    const eventId = typeof error.extra?.id === "string" ? error.extra.id : null;
    return {
      accepted: false,
      httpStatus: 422,
      eventId,
      eventStatus: eventId ? "rejected" : null,
      error: { code: error.code, message: error.message, details: error.details ?? null },
      idempotencyKey,
    };
  }
}
