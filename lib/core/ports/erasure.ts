// Erasure: what removing everything held about one subject needs from the store. `find` reads a bounded number of
// events; `erase` works on one batch of them inside the caller's transaction.

/** How the subject is named: an entity key, an identifier of a record (idempotency key, correlation id, the id the
 * target gave it), or a value anywhere in a payload (an e-mail address, a customer number). */
export type ErasureMatch = "entity_key" | "identifier" | "payload_value";

export interface ErasureCandidate {
  id: string;
  integrationId: string;
  legalHold: boolean;
}

export interface ErasureRepo {
  /** Up to `limit` events of these integrations received up to `asOf` that hold the subject, oldest first. A payload
   * value is looked for in records, delivered bodies, corrected replays and conflicting arrivals. */
  find(
    match: ErasureMatch,
    value: string,
    integrationIds: string[],
    asOf: Date,
    limit: number,
  ): Promise<ErasureCandidate[]>;
  /**
   * Erase these events (one batch), in the caller's transaction: payloads become a tombstone (record, delivered
   * body, replays, arrivals, attempts' details and response texts), keys become keyed hashes (idempotency key, entity
   * key, correlation id, the target's id, the version guard's entry, reconciliation rows) so that dedupe still
   * recognises a replayed arrival; open exceptions close, queued deliveries go, unfinished events end as discarded;
   * audit entries about them lose payloads and any text holding `needle` or one of the events' keys.
   * @returns how many events were erased
   */
  erase(eventIds: string[], needle: string, at: Date): Promise<number>;
  /** Outside the erased events: audit entries, drift examples and queued notifications whose text holds `needle`
   * lose it. @returns rows changed */
  scrub(needle: string): Promise<number>;
  /** An arriving idempotency key in its hashed form, when an erased event of the integration holds it; else null. */
  erasedKey(integrationId: string, key: string): Promise<string | null>;
}
