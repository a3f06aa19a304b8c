// One claimed queue job, start to finish: send, classify, record the attempt,
// and decide — done, try again later, or failed with an exception.
import { z } from "zod";
import type { PagingEndpoints } from "../alerts/paging";
import type { Mailer } from "../jobs/email";
import type { ContractVersion } from "../contracts/types";
import type { Ctx } from "../context";
import { DELIVERABLE_STATUSES, type EventRecord } from "../events/types";
import { slaDue } from "../ingest/accept-event";
import type { Integration, WebhookTarget } from "../integrations/types";
import { getAt } from "../json-pointer";
import { ttlCache } from "../ttl-cache";
import { attemptDetail, attemptStage, deliveryHeaders, excerpt } from "./outbound";
import { classifyAttempt, decideRetry, parseRetryAfter } from "./policy";
import { sendSafely, type OutboundResponse, type Sender } from "./sender";
import type { QueueJob } from "./types";

export interface WorkerDeps {
  sender: Sender;
  /** SMTP for email notifications; absent when none is configured */
  mailer?: Mailer;
  /** PagerDuty / Opsgenie endpoint overrides (the vendors' public APIs otherwise) */
  paging?: PagingEndpoints;
  workerId: string;
  random?: () => number;
  /** called once the target has answered (or the send failed): the loop may start the next send while this attempt is recorded */
  onSent?: () => void;
}

/** What a manual action asked for, carried on the job so success closes the exception the right way. */
export const ZDeliveryIntent = z
  .object({
    resolution: z.enum(["retried", "replayed"]).optional(),
    /** a manual retry starts a fresh round of the retry policy from here */
    requestedAt: z.string().optional(),
    attemptBase: z.number().optional(),
    /** a tracked event replayed with a corrected payload: send this one to the replay webhook */
    replayPayload: z.unknown().optional(),
  })
  .nullable();
export type JobIntent = z.output<typeof ZDeliveryIntent>;

export type JobOutcome = "delivered" | "retry_scheduled" | "failed" | "dropped" | "lost_lease" | "held";

// Settings and delivery secrets change rarely and are read for every attempt:
// a worker sees a change within two seconds (pausing is checked in the claim itself).
const integrations = ttlCache<Integration | null>(2_000);
const deliverySecrets = ttlCache<string[]>(2_000);

/** `payload`: the job's payload (what a manual action asked for), parsed by the registry; parsed here when called directly. */
export async function processJob(
  ctx: Ctx,
  job: QueueJob,
  deps: WorkerDeps,
  payload: JobIntent = ZDeliveryIntent.parse(job.payload ?? null),
): Promise<JobOutcome> {
  const intent = payload ?? {};
  const event =
    job.event !== undefined ? job.event : job.eventId ? await ctx.repos.dispatch.loadEvent(job.eventId) : null;
  const integration = event
    ? await integrations.get(event.integrationId, ctx.now(), () => ctx.repos.integrations.findById(event.integrationId))
    : null;
  if (!event || !integration || !DELIVERABLE_STATUSES.includes(event.status)) {
    await ctx.repos.queue.complete(job.id, deps.workerId);
    return "dropped";
  }
  if (integration.lifecycle === "paused") {
    // Paused after the worker claimed it ahead: back to the queue unsent (the claim holds paused integrations' jobs).
    await ctx.repos.queue.reschedule(job.id, deps.workerId, ctx.now());
    return "held";
  }
  const target = job.kind === "replay_webhook" ? integration.replayWebhook : integration.destination;
  const stage = job.kind === "replay_webhook" ? "replay_requested" : "delivered";
  const attempt = event.attempts + 1;
  const startedAt = ctx.now();
  const { response, sent } = target
    ? await send(ctx, deps.sender, job, intent, event, integration, target, startedAt)
    : { response: noTarget(job), sent: {} };
  deps.onSent?.();
  const verdict = classifyAttempt(response);
  const now = ctx.now();
  const detail = {
    url: target ? safeUrl(target.url) : null,
    method: target?.method ?? null,
    worker: deps.workerId,
    ...attemptDetail(sent, response),
  };

  if (verdict === "success") {
    const targetId = job.kind === "deliver" ? await captureTargetId(ctx, event, response) : null;
    const stageRun = attemptStage(stage, attempt, startedAt, response, null, detail);
    if (job.kind === "replay_webhook" || !(intent.resolution || event.firstFailedAt)) {
      // The common case, one atomic store call: job done, event succeeded (or handed back to the workflow), stage written.
      const held = await ctx.repos.attempts.finishDelivered({
        jobId: job.id,
        workerId: deps.workerId,
        eventId: event.id,
        attempt,
        at: now,
        stage: stageRun,
        targetId,
        succeeded: job.kind === "deliver",
      });
      return held ? "delivered" : "lost_lease";
    }
    // A recovery: the event's open exception closes with it.
    return ctx.transaction(async (tx) => {
      if (!(await tx.repos.queue.complete(job.id, deps.workerId))) return "lost_lease" as const;
      await tx.repos.events.addStages(event.id, [stageRun]);
      await tx.repos.events.transition(
        event.id,
        DELIVERABLE_STATUSES,
        { status: "succeeded", outcome: "success", attempts: attempt, completedAt: now, targetId },
        now,
      );
      await tx.repos.exceptions.closeForEvent(event.id, {
        status: "resolved",
        resolution: intent.resolution ?? "retried",
        at: now,
      });
      return "delivered" as const;
    });
  }

  const category = verdict === "transient" ? "transient" : "permanent";
  const decision =
    verdict === "transient"
      ? decideRetry({
          policy: integration.retryPolicy,
          attempt: attempt - (intent.attemptBase ?? 0),
          receivedAt: intent.requestedAt ? new Date(intent.requestedAt) : event.receivedAt,
          now,
          retryAfterMs: parseRetryAfter(response.headers["retry-after"], now),
          random: deps.random,
        })
      : null;
  if (decision?.retry) {
    const stageRun = attemptStage(stage, attempt, startedAt, response, category, {
      ...detail,
      nextAttemptInMs: decision.delayMs,
      nextAttemptAt: new Date(now.getTime() + decision.delayMs).toISOString(),
    });
    const held = await ctx.repos.attempts.scheduleRetry({
      jobId: job.id,
      workerId: deps.workerId,
      eventId: event.id,
      attempt,
      at: now,
      stage: stageRun,
      runAt: new Date(now.getTime() + decision.delayMs),
    });
    return held ? "retry_scheduled" : "lost_lease";
  }
  return ctx.transaction(async (tx) => {
    const record = attemptStage(stage, attempt, startedAt, response, category, detail);
    if (!(await tx.repos.queue.complete(job.id, deps.workerId))) return "lost_lease" as const;
    await tx.repos.events.addStages(event.id, [record]);
    await tx.repos.events.transition(
      event.id,
      DELIVERABLE_STATUSES,
      {
        status: "failed",
        outcome: "failed",
        attempts: attempt,
        completedAt: now,
        firstFailedAt: event.firstFailedAt ?? now,
      },
      now,
    );
    await tx.repos.exceptions.open({
      eventId: event.id,
      integrationId: integration.id,
      category: decision ? "transient" : "permanent",
      reason: decision && !decision.retry ? decision.reason : permanentReason(response),
      message: excerpt(response) ?? "delivery failed",
      assigneeId: integration.owners.triage,
      openedAt: now,
      dueAt: slaDue(integration, now),
    });
    return "failed" as const;
  });
}

async function send(
  ctx: Ctx,
  sender: Sender,
  job: QueueJob,
  intent: NonNullable<JobIntent>,
  event: EventRecord,
  integration: Integration,
  target: WebhookTarget,
  at: Date,
): Promise<{ response: OutboundResponse; sent: Record<string, string> }> {
  const secrets = await deliverySecrets.get(integration.id, at, () =>
    ctx.repos.secrets.valid(integration.id, "delivery", at),
  );
  const body = JSON.stringify(
    job.kind === "replay_webhook"
      ? {
          type: "signalbox.replay_requested",
          eventId: event.id,
          idempotencyKey: event.idempotencyKey,
          correlationId: event.correlationId,
          entityKey: event.entityKey,
          payload: intent.replayPayload ?? event.payload,
        }
      : (event.deliveryPayload ?? event.payload),
  );
  const headers = deliveryHeaders(event, secrets, body, at, target.headers);
  const response = await sendSafely(sender, {
    url: target.url,
    method: target.method,
    headers,
    body,
    timeoutMs: target.timeoutMs,
    allowPrivateNetwork: target.allowPrivateNetwork,
  });
  return { response, sent: headers };
}

function noTarget(job: QueueJob): OutboundResponse {
  const what = job.kind === "replay_webhook" ? "replay webhook" : "destination";
  return {
    status: null,
    error: "refused_by_policy",
    errorMessage: `No ${what} is configured for this integration.`,
    headers: {},
    body: "",
    durationMs: 0,
  };
}

function permanentReason(response: OutboundResponse): string {
  if (response.error === "refused_by_policy" || response.error === "send_error") return response.error;
  if (response.status !== null && response.status >= 300 && response.status < 400) return "redirect_not_followed";
  return response.status !== null ? `http_${response.status}` : "permanent_error";
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

const contracts = new Map<string, Promise<ContractVersion | null>>();

/** The id the target gave the record, when the contract names where to find it in the answer. */
async function captureTargetId(ctx: Ctx, event: EventRecord, response: OutboundResponse): Promise<string | null> {
  if (!event.contractVersionId) return null;
  // One read per version, also when many deliveries of a new version finish at once (a failed read is not kept).
  let contract = contracts.get(event.contractVersionId);
  if (!contract) {
    const id = event.contractVersionId;
    contracts.set(id, (contract = ctx.repos.contracts.findById(id)));
    contract.catch(() => contracts.delete(id));
  }
  const path = (await contract)?.idStrategy?.targetIdResponsePath;
  if (!path) return null;
  try {
    const value = getAt(JSON.parse(response.body), path);
    return value === undefined || value === null || typeof value === "object" ? null : String(value).slice(0, 200);
  } catch {
    return null;
  }
}
