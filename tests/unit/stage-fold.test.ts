// An arrival's instantaneous stages are stored as one row and read back as the stages they were.
import { describe, expect, it } from "vitest";
import type { NewStage, StageRecord } from "@/lib/core/events/types";
import { foldStages, unfoldStages } from "@/lib/db/stage-fold";

const at = new Date("2026-12-07T10:00:00.000Z");
const later = new Date("2026-12-07T10:00:00.250Z");
const step = (stage: string, extra: Partial<NewStage> = {}): NewStage => ({
  stage,
  status: "succeeded",
  startedAt: at,
  endedAt: at,
  durationMs: 0,
  ...extra,
});

/** What a store row would read back as (an id each, every field present). */
const stored = (stages: NewStage[]): StageRecord[] =>
  stages.map((s, i) => ({
    id: `s${i}`,
    eventId: "e1",
    stage: s.stage,
    attempt: s.attempt ?? 1,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt ?? null,
    durationMs: s.durationMs ?? null,
    errorCategory: s.errorCategory ?? null,
    error: s.error ?? null,
    responseStatus: s.responseStatus ?? null,
    detail: s.detail ?? null,
  }));
const view = (r: StageRecord[]) => r.map(({ id: _id, ...rest }) => rest);

describe("folded ingest stages", () => {
  it("an accepted record's four steps (and the version check) are one row, read back unchanged", () => {
    const stages = [
      step("received", { detail: { auth: "api_key" } }),
      step("validated", { detail: { contractVersion: 3 } }),
      step("deduplicated", { detail: { keySource: "header" } }),
      step("version_checked"),
      step("mapped", { detail: { mapping: "contract" } }),
    ];
    const folded = foldStages(stages);
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ stage: "received", detail: { auth: "api_key", steps: expect.any(Array) } });
    expect(view(unfoldStages(stored(folded)))).toEqual(view(stored(stages)));
  });

  it("a rejected record keeps its failed check with category and error", () => {
    const stages = [
      step("received", { detail: { auth: "signature" } }),
      step("validated", {
        status: "failed",
        errorCategory: "validation",
        error: "/order/total must be >= 0",
        detail: { issues: [{ path: "/order/total", message: "must be >= 0" }], contractVersion: 1 },
      }),
    ];
    const back = unfoldStages(stored(foldStages(stages)));
    expect(view(back)).toEqual(view(stored(stages)));
    expect(back.map((s) => s.id)).toEqual(["s0", "s0.1"]);
  });

  it("stages that take time, attempts and rows stored before folding are left as they are", () => {
    const stages = [
      step("received", { detail: null }),
      step("delivered", { startedAt: at, endedAt: later, durationMs: 250, responseStatus: 200 }),
      step("delivered", { attempt: 2, startedAt: later, endedAt: later, durationMs: 0, responseStatus: 503 }),
    ];
    expect(foldStages(stages)).toEqual(stages);
    const old = stored([step("received", { detail: { auth: "api_key" } }), step("validated")]);
    expect(unfoldStages(old)).toEqual(old);
  });
});
