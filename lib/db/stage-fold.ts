// How an arrival's instantaneous stages are stored: received, validated, deduplicated and mapped all happen in the
// same instant, so they are written as ONE StageRun row (the first), the others folded into its detail under `steps`,
// and unfolded again when read. The store keeps ~60 % fewer stage rows (one index entry per row in three indexes), the
// hot path writes fewer rows; what every reader sees (the repositories' StageRecords, the API, the timeline) is
// unchanged. Rows written before folding have no `steps` and read as they are.
import type { NewStage, StageRecord } from "@/lib/core/events/types";

const STEPS = "steps";

interface FoldedStep {
  stage: string;
  status: NewStage["status"];
  errorCategory?: NewStage["errorCategory"];
  error?: string | null;
  detail?: unknown;
}

const instant = (s: NewStage) =>
  (s.attempt ?? 1) === 1 &&
  (s.durationMs ?? 0) === 0 &&
  (s.responseStatus ?? null) === null &&
  (s.endedAt ?? s.startedAt).getTime() === s.startedAt.getTime();

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Consecutive instantaneous stages of one moment as one stage carrying the others in its detail. */
export function foldStages(stages: readonly NewStage[]): NewStage[] {
  const out: NewStage[] = [];
  let head: { stage: NewStage; steps: FoldedStep[] } | null = null;
  const close = () => {
    if (!head) return;
    const { stage, steps } = head;
    out.push(
      steps.length ? { ...stage, detail: { ...(isObject(stage.detail) ? stage.detail : {}), [STEPS]: steps } } : stage,
    );
    head = null;
  };
  for (const s of stages) {
    const foldable = instant(s) && (s.detail === undefined || s.detail === null || isObject(s.detail));
    if (head && foldable && head.stage.startedAt.getTime() === s.startedAt.getTime()) {
      head.steps.push({
        stage: s.stage,
        status: s.status,
        ...(s.errorCategory ? { errorCategory: s.errorCategory } : {}),
        ...(s.error ? { error: s.error } : {}),
        ...(s.detail !== undefined && s.detail !== null ? { detail: s.detail } : {}),
      });
      continue;
    }
    close();
    if (foldable && !(isObject(s.detail) && STEPS in s.detail)) head = { stage: s, steps: [] };
    else out.push(s);
  }
  close();
  return out;
}

/** Stored rows back as the stages they stand for, in order. */
export function unfoldStages<R extends StageRecord>(rows: readonly R[]): StageRecord[] {
  const out: StageRecord[] = [];
  for (const row of rows) {
    const steps = isObject(row.detail) ? row.detail[STEPS] : undefined;
    if (!Array.isArray(steps)) {
      out.push(row);
      continue;
    }
    const { [STEPS]: _, ...own } = row.detail as Record<string, unknown>;
    out.push({ ...row, detail: Object.keys(own).length ? own : null });
    (steps as FoldedStep[]).forEach((s, i) =>
      out.push({
        id: `${row.id}.${i + 1}`,
        eventId: row.eventId,
        stage: s.stage,
        attempt: 1,
        status: s.status,
        startedAt: row.startedAt,
        endedAt: row.endedAt,
        durationMs: row.durationMs,
        errorCategory: s.errorCategory ?? null,
        error: s.error ?? null,
        responseStatus: null,
        detail: s.detail ?? null,
      }),
    );
  }
  return out;
}
