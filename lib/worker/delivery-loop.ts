// The delivery loop: keep up to `concurrency` jobs in flight. Claims as many
// due jobs as there are free slots, wakes on new work (LISTEN/NOTIFY or WAL
// watch), and otherwise sleeps until the next job is due. Stops gracefully.
import type { Ctx } from "../core/context";
import type { JobOutcome } from "../core/delivery/process-job";
import { runJob } from "../core/jobs/registry";
import type { Mailer } from "../core/jobs/email";
import type { Sender } from "../core/delivery/sender";
import type { QueueJob } from "../core/delivery/types";

export interface LoopOptions {
  workerId: string;
  concurrency: number;
  leaseMs: number;
  /** longest sleep when nothing is due (safety net; wake-ups normally come first) */
  idleMs?: number;
  onOutcome?: (job: QueueJob, outcome: JobOutcome | "error") => void;
  /** SMTP for email notifications (none configured: email jobs fail loudly) */
  mailer?: Mailer;
}

export class DeliveryLoop {
  private inFlight = new Set<Promise<void>>();
  private claiming = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly sender: Sender,
    private readonly options: LoopOptions,
  ) {}

  /** Ask for a claim round now (coalesced while one is running). */
  wake = (): void => {
    if (this.stopping) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    void this.claimRound();
  };

  private async claimRound(): Promise<void> {
    this.claiming = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let drained = false;
    try {
      do {
        this.again = false;
        const free = this.options.concurrency - this.inFlight.size;
        if (free <= 0 || this.stopping) break;
        const jobs = await this.ctx.repos.pipeline.claim(this.options.workerId, free, this.options.leaseMs, this.ctx.now());
        for (const job of jobs) this.start(job);
        if (jobs.length === free) this.again = true;
        else drained = true;
      } while (this.again && !this.stopping);
    } catch (error) {
      console.error(`[signalbox worker] claiming failed: ${(error as Error).message}`);
      drained = true;
    } finally {
      this.claiming = false;
    }
    // Jobs in flight wake the loop when they finish; only a drained queue needs a timer.
    if (drained) await this.sleepUntilDue();
  }

  private start(job: QueueJob) {
    const run = runJob(this.ctx, job, { sender: this.sender, workerId: this.options.workerId, mailer: this.options.mailer })
      .then((outcome) => this.options.onOutcome?.(job, outcome))
      .catch((error: Error) => {
        // The lease runs out and another round picks the job up again: nothing is lost.
        console.error(`[signalbox worker] job ${job.id} failed: ${error.message}`);
        this.options.onOutcome?.(job, "error");
      })
      .finally(() => {
        this.inFlight.delete(run);
        this.wake();
      });
    this.inFlight.add(run);
  }

  private async sleepUntilDue() {
    if (this.stopping || this.claiming || this.inFlight.size >= this.options.concurrency) return;
    const idle = this.options.idleMs ?? 5_000;
    let wait = idle;
    try {
      const next = await this.ctx.repos.pipeline.nextDueAt();
      if (next) wait = Math.max(5, Math.min(idle, next.getTime() - this.ctx.now().getTime() + 5));
    } catch {
      wait = 1_000;
    }
    if (this.stopping || this.claiming) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.wake, wait);
  }

  /** Stop claiming, let jobs in flight finish (up to `graceMs`). */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const all = Promise.allSettled([...this.inFlight]);
    await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  get busy(): number {
    return this.inFlight.size;
  }
}
