// Re-run an exception's event from the start with the CURRENT contract and
// mapping (e.g. after the contract was fixed): validate again, map again, check
// the version guard, and deliver.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { applyMapping } from "../contracts/apply";
import type { Ctx } from "../context";
import { DomainError, invalidState } from "../errors";
import { parseVersion } from "../events/identity";
import { contractIssues } from "../ingest/ingest-record";
import { byWhom, loadOpen, requeue, RETRYABLE } from "./common";
import type { TMoved } from "./schemas";

/**
 * @throws 409 invalid_state (closed exception, event not failed/rejected);
 *   422 contract_violation when the stored record still breaks the current contract (recorded on the exception)
 */
export async function rerunException({ ctx, id, reason }: { ctx: Ctx; id: string; reason?: string }): Promise<TMoved> {
  authorize(ctx, "exceptions.act");
  const outcome = await ctx.transaction(async (tx) => {
    const { exception, event, integration } = await loadOpen(tx, id);
    if (event.source === "reconciliation")
      throw invalidState(
        "Signalbox never received this record, so there is nothing to re-run; replay it with the record instead.",
      );
    if (!RETRYABLE.includes(event.status as (typeof RETRYABLE)[number]))
      throw invalidState(`The event is ${event.status}: it is already being worked on or has ended.`);
    const now = tx.now();
    const contract = await tx.repos.contracts.current(integration.id);
    const issues = contractIssues(contract, event.payload);
    const stage = (name: string, ok: boolean, error: string | null = null) => ({
      stage: name,
      status: ok ? ("succeeded" as const) : ("failed" as const),
      startedAt: now,
      endedAt: now,
      durationMs: 0,
      error,
      errorCategory: ok ? null : ("validation" as const),
      detail: { by: byWhom(tx), contractVersion: contract?.version ?? null },
    });
    if (issues.length) {
      await tx.repos.events.addStages(event.id, [
        stage("rerun_requested", true),
        stage("validated", false, issues.map((i) => `${i.path || "/"} ${i.message}`).join("; ")),
      ]);
      await tx.repos.exceptions.open({
        ...exception,
        category: "validation",
        reason: "contract_violation",
        message: `${issues[0]!.path || "/"} ${issues[0]!.message}`,
        openedAt: exception.openedAt,
      });
      await audit(tx, {
        action: "exception.rerun",
        objectType: "exception",
        objectId: exception.id,
        reason: reason ?? null,
        after: { result: "still invalid", issues },
      });
      return { invalid: issues };
    }
    if (contract?.entityKeyPath && contract.versionPath && event.entityKey) {
      const newest = await tx.repos.events.newestVersion(integration.id, event.entityKey);
      const mine = parseVersion(event.entityVersion);
      if (newest && mine !== null && newest.version > mine && newest.eventId !== event.id) {
        throw invalidState(
          `A newer version of ${event.entityKey} was accepted since; re-running this one would overwrite it. Discard it instead.`,
        );
      }
    }
    const moved = await tx.repos.events.transition(
      event.id,
      RETRYABLE,
      {
        status: "processing",
        outcome: null,
        completedAt: null,
        deliveryPayload: applyMapping(contract?.mapping ?? null, event.payload),
        contractVersionId: contract?.id ?? null,
      },
      now,
    );
    if (!moved) throw invalidState("The event changed meanwhile; look again.");
    await tx.repos.events.addStages(event.id, [
      stage("rerun_requested", true),
      stage("validated", true),
      stage("mapped", true),
    ]);
    await requeue(tx, event, { resolution: "retried" });
    await audit(tx, {
      action: "exception.rerun",
      objectType: "exception",
      objectId: exception.id,
      reason: reason ?? null,
      before: { eventStatus: event.status },
      after: { eventStatus: "processing", contractVersion: contract?.version ?? null },
    });
    return { id: exception.id, eventId: event.id, eventStatus: "processing" as const };
  });
  if ("invalid" in outcome) {
    throw new DomainError(
      "unprocessable",
      "contract_violation",
      "The stored record still breaks the current contract; replay it with a corrected payload.",
      outcome.invalid,
    );
  }
  return outcome;
}
