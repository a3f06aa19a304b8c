// The delivery loop: keep up to `concurrency` sends in flight, and as many jobs
// again claimed ahead (a local queue: the next job starts without a round trip
// to the store; claims come in rounds). A job gives its slot to the next one as
// soon as its target has answered: recording the outcome (batched with others
// finishing together) no longer holds a send back. Jobs still being recorded
// are bounded too (RECORDING_FACTOR × concurrency). Wakes on new work (LISTEN/NOTIFY or WAL watch),
// otherwise sleeps until the next job is due. Stopping gives back the jobs
// claimed ahead and lets those in flight finish.
import type { Ctx } from "../core/context";
import type { JobOutcome } from "../core/delivery/process-job";
import { runJob } from "../core/jobs/registry";
import type { PagingEndpoints } from "../core/alerts/paging";
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
  /** PagerDuty / Opsgenie endpoint overrides */
  paging?: PagingEndpoints;
}

/** Jobs sent and not yet recorded, at most this many times `concurrency` (beyond it, sends wait for the store). */
const RECORDING_FACTOR = 3;

export class DeliveryLoop {
  /** every job started and not finished (sending or being recorded) */
  private inFlight = new Set<Promise<void>>();
  /** jobs holding a send slot: started, target not yet answered */
  private sending = 0;
  /** Claimed ahead (leased to us), started as slots free up without a round trip to the store. */
  private ready: QueueJob[] = [];
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

  /** Jobs kept claimed ahead: as many again as run at once. */
  private get prefetch(): number {
    return this.options.concurrency;
  }

  private async claimRound(): Promise<void> {
    this.claiming = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let drained = false;
    try {
      do {
        this.again = false;
        this.startReady();
        // What could start now (free send slots, within the bound on jobs being recorded) plus the jobs kept ahead:
        // a slow store must not pile up claimed jobs whose leases run while they wait.
        const startable = Math.max(
          0,
          Math.min(
            this.options.concurrency - this.sending,
            this.options.concurrency * RECORDING_FACTOR - this.inFlight.size,
          ),
        );
        const want = startable + this.prefetch - this.ready.length;
        if (want <= 0 || this.stopping) break;
        const jobs = await this.ctx.repos.dispatch.claim(
          this.options.workerId,
          want,
          this.options.leaseMs,
          this.ctx.now(),
        );
        this.ready.push(...jobs);
        this.startReady();
        if (jobs.length === want) this.again = this.hasSlot;
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

  private get hasSlot(): boolean {
    return this.sending < this.options.concurrency && this.inFlight.size < this.options.concurrency * RECORDING_FACTOR;
  }

  private startReady() {
    while (!this.stopping && this.hasSlot && this.ready.length) this.start(this.ready.shift()!);
  }

  /** A slot freed: start what is claimed ahead, and claim in rounds (once half of it has started), not per job. */
  private slotFreed() {
    this.startReady();
    if (this.ready.length <= this.prefetch / 2) this.wake();
  }

  private start(job: QueueJob) {
    let holding = true;
    this.sending++;
    const freeSlot = () => {
      if (!holding) return;
      holding = false;
      this.sending--;
      this.slotFreed();
    };
    const run = runJob(this.ctx, job, {
      sender: this.sender,
      workerId: this.options.workerId,
      mailer: this.options.mailer,
      paging: this.options.paging,
      onSent: freeSlot,
    })
      .then((outcome) => this.options.onOutcome?.(job, outcome))
      .catch((error: Error) => {
        // The lease runs out and another round picks the job up again: nothing is lost.
        console.error(`[signalbox worker] job ${job.id} failed: ${error.message}`);
        this.options.onOutcome?.(job, "error");
      })
      .finally(() => {
        this.inFlight.delete(run);
        if (holding) freeSlot();
        else this.slotFreed();
      });
    this.inFlight.add(run);
  }

  private async sleepUntilDue() {
    if (this.stopping || this.claiming || !this.hasSlot) return;
    const idle = this.options.idleMs ?? 5_000;
    let wait = idle;
    try {
      const next = await this.ctx.repos.dispatch.nextDueAt();
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
    // Jobs claimed ahead go back to the queue at once (not after their lease) for any worker to take.
    const unstarted = this.ready.splice(0);
    await this.ctx.repos.dispatch
      .release(
        this.options.workerId,
        unstarted.map((j) => j.id),
      )
      .catch((error: Error) => {
        console.error(
          `[signalbox worker] could not give back ${unstarted.length} claimed jobs (their leases will expire): ${error.message}`,
        );
      });
    const all = Promise.allSettled([...this.inFlight]);
    await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  get busy(): number {
    return this.inFlight.size;
  }
}
