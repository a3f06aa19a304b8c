// Which integrations are ranked as the worst: a rate over a handful of records
// says nothing, so an integration needs a minimum volume in the period. Pure.

/** Records an integration needs in the period to be ranked by failure rate. */
export const MINIMUM_VOLUME = 20;

export interface RankRow {
  integration: string;
  received: number;
  failureRate: number | null;
}

/** Integrations with at least `minimum` records, worst failure rate first (ties: more records first), top `limit`. */
export function worstByFailure<T extends RankRow>(rows: T[], minimum = MINIMUM_VOLUME, limit = 10): T[] {
  return rows
    .filter((r) => r.received >= minimum && r.failureRate !== null)
    .sort(
      (a, b) =>
        b.failureRate! - a.failureRate! || b.received - a.received || a.integration.localeCompare(b.integration),
    )
    .slice(0, limit);
}
