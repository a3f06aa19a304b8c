// POST /api/ingest/:slug — the HTTP side of ingest, in API.md §5's order:
// 404 unknown integration → 415 → 413 → 401 → 429 → 400 → core (422s).
import { DomainError } from "@/lib/core/errors";
import { ingestRecord } from "@/lib/core/ingest/ingest-record";
import { decodeUtf8, parseJsonText } from "@/lib/core/json-text";
import { getEnv } from "@/lib/env";
import { contextFor } from "./context";
import { errorAnswer } from "./http-errors";
import { cloudEventMode, readCloudEvent } from "./cloudevents";
import { answer, type Answer, type Inbound } from "./inbound";
import { authenticateIngest, bearerKeyHash } from "./integration-auth";
import { countFailure, refuseRepeatedFailures, spendIntegrationToken } from "./rate-limits";
import { isJsonContentType } from "./read-body";

/** `selfTest`: the readiness self-test's own calls — the real path, but never delivered. */
export async function handleIngest(req: Inbound, slug: string, options: { selfTest?: boolean } = {}): Promise<Answer> {
  try {
    refuseRepeatedFailures(req.address);
    const ctx = await contextFor({ kind: "system", label: "ingest" });
    const target = await ctx.repos.ingest.ingestTarget(slug, bearerKeyHash(req));
    if (!target) throw new DomainError("not_found", "unknown_integration", `No integration "${slug}".`);
    const { integration, contract } = target;
    if (integration.archivedAt)
      throw new DomainError(
        "gone",
        "integration_archived",
        `"${slug}" is archived: it accepts no records until an admin restores it.`,
      );
    if (integration.mode !== "relay") {
      throw new DomainError(
        "not_found",
        "unknown_integration",
        `"${slug}" is a tracked integration: report to /api/v1/track/events.`,
      );
    }
    const cloudEvent = cloudEventMode(req);
    if (!cloudEvent && !isJsonContentType(req.header("content-type"))) {
      throw new DomainError(
        "unsupported_media_type",
        "unsupported_media_type",
        "Send the record as JSON (Content-Type: application/json), or as a CloudEvent.",
      );
    }
    // Strict UTF-8: the text is then exactly the bytes received, so the signature checked over it covers them.
    const raw = decodeUtf8(await req.body(getEnv().SIGNALBOX_INGEST_MAX_BYTES));
    const auth = await authenticateIngest(ctx, req, integration.id, raw, target.key);
    spendIntegrationToken(integration);
    const record = cloudEvent
      ? readCloudEvent(req, raw, cloudEvent)
      : { data: parseJsonText(raw), attributes: undefined };
    const result = await ingestRecord(ctx, {
      integration,
      contract,
      payload: record.data,
      cloudEvent: record.attributes,
      auth,
      selfTest: options.selfTest,
      headers: {
        // The signature does not cover Idempotency-Key: a signed request's duplicates are decided by signed content
        // (the self-test, an internal call, keeps its own key so it never meets a real record's).
        idempotencyKey: auth === "signature" && !options.selfTest ? null : req.header("idempotency-key"),
        correlationId: req.header("x-correlation-id"),
        traceparent: req.header("traceparent"),
        webhookId: req.header("webhook-id"),
      },
    });
    return answer(result.body, result.status);
  } catch (error) {
    countFailure(error, req.address);
    return errorAnswer(error);
  }
}
