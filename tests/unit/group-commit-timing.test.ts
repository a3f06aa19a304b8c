// When a group commit closes its batch. The store side (one statement per batch, failures, kill -9) is tested against
// real databases in tests/integration/group-commit.test.ts; this is the scheduling alone, with a writer that records
// what it was given.
import { describe, expect, it } from "vitest";
import { GroupCommit } from "@/lib/db/hot/group-commit";

function recorder(writeMs = 0) {
  const batches: number[][] = [];
  let release: (() => void) | null = null;
  const gate = { hold: false };
  const write = async (items: number[]) => {
    batches.push(items);
    if (gate.hold) await new Promise<void>((r) => (release = r));
    else if (writeMs) await new Promise((r) => setTimeout(r, writeMs));
    return items.map((i) => i * 10);
  };
  return { batches, gate, release: () => release?.(), write, writeOne: async (i: number) => (await write([i]))[0]! };
}

/** Closing at once when idle, with a wait (5 s) long enough that a test notices if it is taken. */
const idleClosing = (r: ReturnType<typeof recorder>, maxBatch = 128) =>
  new GroupCommit<number, number>(r.write, r.writeOne, { maxBatch, maxWaitMs: 5_000, closeWhenIdle: true });

describe("group commit timing", () => {
  it("writes a lone arrival at once when nothing is being written, not after the longest wait", async () => {
    const r = recorder();
    const group = idleClosing(r);
    const started = performance.now();
    expect(await group.submit(7)).toBe(70);
    // before: the batch waited its full maxWaitMs (5 s) for company that never came
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(r.batches).toEqual([[7]]);
  });

  it("still writes what arrives in the same turn of the event loop as one batch", async () => {
    const r = recorder();
    const group = idleClosing(r);
    expect(await Promise.all([1, 2, 3, 4].map((i) => group.submit(i)))).toEqual([10, 20, 30, 40]);
    expect(r.batches).toEqual([[1, 2, 3, 4]]);
  });

  it("lets the next batch fill while one is being written, and writes it as soon as the writer is free", async () => {
    const r = recorder();
    r.gate.hold = true;
    const group = idleClosing(r);
    const first = group.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((i) => group.submit(i));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.batches).toEqual([[1]]); // the writer is busy: they wait together
    r.gate.hold = false;
    r.release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it("does not hold a later lone arrival back on a wait scheduled for items a writer already took", async () => {
    const r = recorder();
    r.gate.hold = true;
    const group = idleClosing(r);
    const first = group.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = group.submit(2); // the writer is busy: a 5-s close is scheduled for it
    r.gate.hold = false;
    r.release();
    await Promise.all([first, second]); // the writer took 2 itself when it finished 1
    const started = performance.now();
    expect(await group.submit(3)).toBe(30);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(r.batches).toEqual([[1], [2], [3]]);
  });

  it("without closeWhenIdle (SQLite, whose commit blocks the event loop) waits for company up to maxWaitMs", async () => {
    const r = recorder();
    const group = new GroupCommit<number, number>(r.write, r.writeOne, { maxBatch: 128, maxWaitMs: 30 });
    const first = group.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = group.submit(2);
    expect(await Promise.all([first, second])).toEqual([10, 20]);
    expect(r.batches).toEqual([[1, 2]]);
  });

  it("closes a batch at maxBatch without waiting", async () => {
    const r = recorder();
    const group = idleClosing(r, 3);
    await Promise.all([1, 2, 3, 4, 5].map((i) => group.submit(i)));
    expect(r.batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });
});
