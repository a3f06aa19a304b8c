// The triage list never moves under the cursor: refreshes hold new rows back, mark rows that left.
import { describe, expect, it } from "vitest";
import { reconcile, showPending } from "@/lib/client/frozen-list";

const at = (minute: number) => new Date(Date.UTC(2026, 3, 1, 12, minute)).toISOString();
const x = (id: string, minute: number, note = "") => ({ id, openedAt: at(minute), note });

describe("frozen list", () => {
  const first = reconcile(null, [x("c", 3), x("b", 2), x("a", 1)], true);

  it("shows the first answer as it is", () => {
    expect(first.order).toEqual(["c", "b", "a"]);
    expect(first.pending).toEqual([]);
  });

  it("holds back rows that would appear above the shown ones, and updates shown rows in place", () => {
    const next = reconcile(first, [x("e", 5), x("d", 4), x("c", 3, "taken"), x("b", 2), x("a", 1)], true);
    expect(next.order).toEqual(["c", "b", "a"]);
    expect(next.pending).toEqual(["e", "d"]);
    expect(next.byId.get("c")!.note).toBe("taken");
    expect(next.gone.size).toBe(0);
  });

  it("marks a shown row that left the list, and does not mark rows merely pushed past the loaded page", () => {
    // b was resolved elsewhere; the refresh reads as many rows as before, so the newcomer d pushes z past its end.
    const four = reconcile(null, [x("c", 3), x("b", 2), x("a", 1), x("z", 0)], false);
    const next = reconcile(four, [x("d", 4), x("c", 3), x("a", 1)], false);
    expect(next.order).toEqual(["c", "b", "a", "z"]);
    expect([...next.gone]).toEqual(["b"]);
    expect(next.pending).toEqual(["d"]);
    const done = reconcile(first, [x("c", 3)], true);
    expect([...done.gone].sort()).toEqual(["a", "b"]);
  });

  it("appends older rows (next page) at the bottom at once", () => {
    const page = reconcile(first, [x("c", 3), x("b", 2), x("a", 1), x("z", 0)], true);
    expect(page.order).toEqual(["c", "b", "a", "z"]);
    expect(page.pending).toEqual([]);
  });

  it("show merges the held-back rows in order and drops the rows that left, except the selection", () => {
    const next = reconcile(first, [x("e", 5), x("c", 3), x("a", 1)], true);
    expect(showPending(next, "b").order).toEqual(["e", "c", "b", "a"]);
    expect(showPending(next, null).order).toEqual(["e", "c", "a"]);
  });

  it("an empty list takes whatever arrives", () => {
    const empty = reconcile(null, [], true);
    expect(reconcile(empty, [x("a", 1)], true).order).toEqual(["a"]);
  });
});
