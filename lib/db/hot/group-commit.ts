// Group commit: arrivals in flight together are written in one transaction. A batch closes when it holds
// `maxBatch` items or `maxWaitMs` after its first item, whichever comes first (with `closeWhenIdle`, at the end of
// the event loop's turn when nothing is being written); while the writers are busy the next batch fills, and is
// written as soon as one is free. Each caller is answered only after the batch that
// holds its item committed. A batch that fails is retried item by item, each in its own transaction, so one bad
// record cannot fail its neighbours and nobody is ever told "written" for a row that was rolled back.
export interface GroupCommitOptions {
  maxBatch: number;
  maxWaitMs: number;
  /** batches being written at once (PostgreSQL: one commits while the next is written); default 1 */
  writers?: number;
  /**
   * Close a batch at once when nothing is being written (default: wait `maxWaitMs` for company). For stores whose
   * writes leave the event loop running (PostgreSQL): batches fill while a writer is busy, so waiting only adds
   * latency. Not for SQLite, whose commit (and fsync) blocks the loop: arrivals can only join a batch while it waits.
   */
  closeWhenIdle?: boolean;
}

type Kind = "arrivals" | "completions" | "drift";

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

const open = new Set<GroupCommit<never, unknown>>();

export class GroupCommit<I, O> {
  private pending: Waiting<I, O>[] = [];
  /** cancels the scheduled close of the open batch, if one is scheduled */
  private timer: (() => void) | null = null;
  private writers = new Set<Promise<void>>();
  /** batches written, and the largest (the benchmark and the tests read them) */
  readonly stats = { batches: 0, largest: 0, fallbacks: 0 };

  constructor(
    private readonly writeBatch: (items: I[]) => Promise<O[]>,
    private readonly writeOne: (item: I) => Promise<O>,
    private readonly options: GroupCommitOptions,
    readonly kind: Kind = "arrivals",
  ) {
    open.add(this as unknown as GroupCommit<never, unknown>);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxBatch) this.start();
      else if (this.timer) return;
      // Nothing being written: waiting could only add latency, so the batch closes at the end of this turn of the
      // event loop (whatever arrived with it joins). While a batch is being written, the next one fills.
      else if (this.options.closeWhenIdle && this.writers.size === 0) {
        const soon = setImmediate(() => this.start());
        this.timer = () => clearImmediate(soon);
      } else {
        const later = setTimeout(() => this.start(), this.options.maxWaitMs);
        this.timer = () => clearTimeout(later);
      }
    });
  }

  /** Resolves when nothing is waiting or being written. */
  async drain(): Promise<void> {
    while (this.writers.size || this.pending.length) {
      this.start();
      await Promise.all(this.writers);
    }
  }

  /** Hand what waits to a writer, if one is free (busy writers take it when their batch is done). */
  private start(): void {
    this.timer?.();
    this.timer = null;
    if (this.pending.length === 0 || this.writers.size >= (this.options.writers ?? 1)) return;
    const writer: Promise<void> = this.loop().finally(() => {
      this.writers.delete(writer);
      if (this.pending.length) this.start();
    });
    this.writers.add(writer);
  }

  private async loop(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      // Nothing left waiting: a close scheduled for what this writer just took is moot (it would hold the next
      // arrival back until it fired).
      if (this.pending.length === 0) {
        this.timer?.();
        this.timer = null;
      }
      this.stats.batches++;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      try {
        const results =
          batch.length === 1 ? [await this.writeOne(batch[0]!.item)] : await this.writeBatch(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.reject(error);
          continue;
        }
        // Nothing of the batch committed: write each alone, so only the faulty one fails.
        this.stats.fallbacks++;
        for (const w of batch) await this.writeOne(w.item).then(w.resolve, w.reject);
      }
    }
  }
}

/** Batches of arrivals (or completions) written so far in this process. */
export function arrivalStats(kind: Kind = "arrivals"): { batches: number; largest: number; fallbacks: number } {
  const all = [...open].filter((g) => g.kind === kind).map((g) => g.stats);
  return {
    batches: all.reduce((n, s) => n + s.batches, 0),
    largest: Math.max(0, ...all.map((s) => s.largest)),
    fallbacks: all.reduce((n, s) => n + s.fallbacks, 0),
  };
}

/** Write everything waiting in every group commit of this process (before it exits). */
export async function drainArrivals(): Promise<void> {
  await Promise.all([...open].map((g) => g.drain()));
}
