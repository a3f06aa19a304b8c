// What a CloudEvent's envelope means to a record (the HTTP side reads it: lib/server/cloudevents.ts):
// - `id` is the idempotency key (an Idempotency-Key header still wins; a signed request in binary mode keys on its
//   signed webhook-id instead, as `ce-id` is a header the signature does not cover);
// - `time` is when the record occurred;
// - `type`, `source`, `subject` are kept on the event's "received" stage;
// - a contract may point at the envelope with `/$cloudevent/<attribute>` (e.g. its version path
//   `/$cloudevent/time` or `/$cloudevent/sequence`), as it points into the record.
export interface CloudEventAttributes {
  mode: "structured" | "binary";
  id: string;
  source: string;
  type: string;
  subject: string | null;
  time: string | null;
  sequence: string | null;
}

export const CLOUDEVENT_POINTER = "$cloudevent";

/** The record as the contract's pointers see it: the data, and the envelope under `/$cloudevent` when it is an object. */
export function addressable(data: unknown, attributes: CloudEventAttributes | undefined): unknown {
  if (!attributes || data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const { mode: _mode, ...envelope } = attributes;
  return { ...(data as Record<string, unknown>), [CLOUDEVENT_POINTER]: envelope };
}
