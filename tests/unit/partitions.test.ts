// The day partitions' arithmetic (lib/db/partitions.ts): an id made at an instant falls in that UTC day's range and
// in no other, ids sort by time as text, and partition names map back to their day.
import { describe, expect, it } from "vitest";
import { idBound, newId } from "@/lib/db/ids";
import { dayOf, dayOfPartition, partitionName } from "@/lib/db/partitions";

const at = (iso: string) => new Date(iso).getTime();

describe("day partitions", () => {
  it("an id made at an instant lies in its UTC day's range, whatever the hour", () => {
    for (const iso of ["2026-12-08T00:00:00.000Z", "2026-12-08T13:45:10.123Z", "2026-12-08T23:59:59.999Z"]) {
      const day = dayOf(at(iso));
      const id = newId(at(iso));
      expect(day.name).toBe("20261208");
      expect(id >= day.from && id < day.to).toBe(true);
    }
    const before = newId(at("2026-12-07T23:59:59.999Z"));
    const after = newId(at("2026-12-09T00:00:00.000Z"));
    const day = dayOf(at("2026-12-08T12:00:00Z"));
    expect(before < day.from).toBe(true);
    expect(after >= day.to).toBe(true);
  });

  it("days are contiguous: one day's end is the next day's start", () => {
    const d1 = dayOf(at("2026-02-28T10:00:00Z"));
    const d2 = dayOf(at("2026-03-01T10:00:00Z"));
    expect(d1.to).toBe(d2.from);
    expect(d1.start.toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });

  it("ids sort by the time they were made, as text", () => {
    const times = [at("2024-01-01T00:00:00Z"), at("2026-12-08T00:00:00Z"), at("2030-06-30T12:00:00Z")];
    const ids = times.map((t) => newId(t));
    expect([...ids].sort()).toEqual(ids);
    expect(idBound(times[0]!)).toHaveLength(9);
  });

  it("a partition's name gives back its day; the legacy and default partitions have none", () => {
    const day = dayOf(at("2026-11-01T05:00:00Z"));
    expect(partitionName("StageRun", day)).toBe("StageRun_p20261101");
    expect(dayOfPartition("StageRun_p20261101")).toEqual(day);
    expect(dayOfPartition("Event_legacy")).toBeNull();
    expect(dayOfPartition("Event_default")).toBeNull();
  });
});
