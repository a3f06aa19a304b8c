// POST /api/ingest/:slug after authentication: validate against the contract,
// derive key / correlation / version, map, and record (accept-event.ts).
import { unknownFields, validateAgainst, applyMapping, driftExample, generalisePath } from "../contracts/apply";
import type { ContractVersion } from "../contracts/types";
import type { Ctx } from "../context";
import { DomainError, type Issue } from "../errors";
import { fingerprint } from "../events/fingerprint";
import { deriveCorrelation, deriveIdempotencyKey, entityKeyFrom, parseVersion } from "../events/identity";
import type { NewStage } from "../events/types";
import type { Integration } from "../integrations/types";
import { getAt } from "../json-pointer";
import { acceptEvent } from "./accept-event";
import { addressable, type CloudEventAttributes } from "./cloudevent";

export interface IngestHeaders {
  idempotencyKey?: string | null;
  correlationId?: string | null;
  traceparent?: string | null;
  webhookId?: string | null;
}

export interface IngestAnswer {
  status: 200 | 202;
  body: { id: string; status: string; correlationId: string; duplicate: boolean };
}

/**
 * Contract checks, including what the version guard needs to work.
 * @param pointed what the contract's pointers read (the record, or a CloudEvent's data with its envelope)
 */
export function contractIssues(
  contract: ContractVersion | null,
  payload: unknown,
  pointed: unknown = payload,
): Issue[] {
  if (!contract) return [];
  const issues = validateAgainst(contract, payload);
  if (issues.length === 0 && contract.entityKeyPath && contract.versionPath) {
    if (entityKeyFrom(pointed, contract.entityKeyPath) === null) {
      issues.push({ path: contract.entityKeyPath, message: "is missing; the version guard needs the entity key" });
    }
    if (parseVersion(getAt(pointed, contract.versionPath)) === null) {
      issues.push({ path: contract.versionPath, message: "must be a number or an ISO 8601 timestamp (version guard)" });
    }
  }
  return issues;
}

/**
 * @throws 422 `idempotency_key_required` (nothing recorded), `contract_violation`
 *   (recorded as rejected, exception opened; `id` in the answer), `idempotency_key_conflict`
 */
export async function ingestRecord(
  ctx: Ctx,
  args: {
    integration: Integration;
    contract: ContractVersion | null;
    payload: unknown;
    headers: IngestHeaders;
    auth: "api_key" | "signature";
    selfTest?: boolean;
    /** the record came as a CloudEvent: `payload` is its data */
    cloudEvent?: CloudEventAttributes;
  },
): Promise<IngestAnswer> {
  const { integration, contract, payload, headers, cloudEvent } = args;
  const now = ctx.now();
  const fp = fingerprint(payload);
  const pointed = addressable(payload, cloudEvent);
  // A CloudEvent's id is its key, unless an Idempotency-Key header is sent, or the id is an unsigned header of a
  // signed request (binary mode: the signed webhook-id keys it then).
  const ceKey = cloudEvent && !(args.auth === "signature" && cloudEvent.mode === "binary") ? cloudEvent.id : null;
  const key = deriveIdempotencyKey({
    header: headers.idempotencyKey,
    cloudEventId: ceKey,
    keyPaths: contract?.idempotencyKeyPaths ?? [],
    payload: pointed,
    webhookId: headers.webhookId,
    fingerprint: fp,
    required: contract?.requireIdempotencyKey ?? false,
  });
  if (!key) {
    throw new DomainError(
      "unprocessable",
      "idempotency_key_required",
      "This integration requires an idempotency key: send an Idempotency-Key header or the contract's key fields.",
      [...(contract?.idempotencyKeyPaths ?? []).map((path) => ({ path, message: "key field missing" }))],
    );
  }
  const { correlationId, traceId } = deriveCorrelation(headers.correlationId, headers.traceparent);
  const issues = contractIssues(contract, payload, pointed);
  const rejected = issues.length > 0;
  const entityKey = entityKeyFrom(pointed, contract?.entityKeyPath ?? null);
  const versionValue = contract?.versionPath ? getAt(pointed, contract.versionPath) : undefined;
  const guard = contract?.entityKeyPath && contract.versionPath ? parseVersion(versionValue) : null;

  const at = (stage: string, extra: Partial<NewStage> = {}): NewStage => ({
    stage,
    status: "succeeded",
    startedAt: now,
    endedAt: now,
    durationMs: 0,
    ...extra,
  });
  const stages: NewStage[] = [
    at("received", { detail: cloudEvent ? { auth: args.auth, cloudEvent } : { auth: args.auth } }),
    rejected
      ? at("validated", {
          status: "failed",
          errorCategory: "validation",
          error: issues
            .map((i) => `${i.path || "/"} ${i.message}`)
            .join("; ")
            .slice(0, 1000),
          detail: { issues, contractVersion: contract?.version },
        })
      : at("validated", { detail: contract ? { contractVersion: contract.version } : { contract: "none" } }),
    ...(rejected
      ? []
      : [
          at("deduplicated", { detail: { keySource: key.source } }),
          at("mapped", { detail: { mapping: contract?.mapping ? "contract" : "pass-through" } }),
        ]),
  ];

  const result = await acceptEvent(ctx, {
    integration,
    contractVersionId: contract?.id ?? null,
    source: args.selfTest ? "self_test" : "relay",
    payload,
    fingerprint: fp,
    idempotencyKey: key.key,
    correlationId,
    traceId,
    entityKey,
    entityVersion: versionValue === undefined || versionValue === null ? null : String(versionValue),
    // A self-test never touches real entities' version state.
    guardVersion: rejected || args.selfTest ? null : guard,
    occurredAt: cloudEvent?.time ? new Date(cloudEvent.time) : null,
    issues,
    deliveryPayload: rejected ? null : applyMapping(contract?.mapping ?? null, payload),
    stages,
    enqueueDelivery: !args.selfTest,
  });
  if (!result.duplicate && contract && !args.selfTest) await countDrift(ctx, contract, payload, issues);
  if (!result.duplicate && rejected) {
    throw new DomainError(
      "unprocessable",
      "contract_violation",
      "The record does not match the integration's contract. It was recorded and an exception was opened.",
      issues,
      { id: result.id },
    );
  }
  return {
    status: result.duplicate ? 200 : 202,
    body: { id: result.id, status: result.status, correlationId: result.correlationId, duplicate: result.duplicate },
  };
}

/** Drift statistics are counted after the commit and never fail an ingest. */
async function countDrift(ctx: Ctx, contract: ContractVersion, payload: unknown, issues: Issue[]) {
  try {
    // Bounded: at most 20 unknown paths and 50 issues per record, each with a short example, in one statement.
    const rows = [
      ...unknownFields(contract.schema, payload).map((path) => ({
        kind: "unknown_field" as const,
        path: generalisePath(path),
        example: driftExample(getAt(payload, path)),
      })),
      ...issues.map((i) => ({
        kind: "validation_failure" as const,
        path: generalisePath(i.path || "/"),
        example: driftExample(getAt(payload, i.path || "")),
      })),
    ];
    if (rows.length) await ctx.repos.drift.count(contract.id, rows, ctx.now());
  } catch (error) {
    console.warn("[signalbox] drift counting failed", (error as Error).message);
  }
}
