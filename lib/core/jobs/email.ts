// Email notifications (alerts) over SMTP. The worker is given a mailer when
// SIGNALBOX_SMTP_URL is set; without one the job fails loudly instead of
// pretending. Connection trouble and 4xx SMTP replies are retried.
import { z } from "zod";
import type { Ctx } from "../context";
import type { JobOutcome, WorkerDeps } from "../delivery/process-job";
import type { QueueJob } from "../delivery/types";
import { settleNotification } from "./notify";

export const ZEmail = z.object({
  to: z.array(z.email()).min(1),
  subject: z.string().min(1).max(300),
  text: z.string().max(100_000),
});
export type TEmail = z.input<typeof ZEmail>;

export interface MailResult {
  ok: boolean;
  /** worth trying again (connection refused, timeout, SMTP 4xx) */
  transient: boolean;
  error?: string;
}

/** The port the worker's SMTP transport implements (lib/worker/mailer.ts). */
export interface Mailer {
  send(message: z.output<typeof ZEmail>): Promise<MailResult>;
}

/** `message`: the job's payload, parsed by the registry. */
export async function sendEmail(
  ctx: Ctx,
  job: QueueJob,
  deps: WorkerDeps,
  message: z.output<typeof ZEmail>,
): Promise<JobOutcome> {
  if (!deps.mailer)
    return settleNotification(
      ctx,
      job,
      deps,
      "permanent",
      `email "${message.subject}": no SMTP server configured (set SIGNALBOX_SMTP_URL)`,
    );
  const result = await deps.mailer.send(message);
  const verdict = result.ok ? "success" : result.transient ? "transient" : "permanent";
  return settleNotification(
    ctx,
    job,
    deps,
    verdict,
    `email "${message.subject}" to ${message.to.join(", ")}: ${result.error ?? "sent"}`,
  );
}
