// CloudEvents 1.0 at ingest, through the CloudEvents SDK: structured mode (`application/cloudevents+json`, the
// envelope in the body) and binary mode (`ce-*` headers, the data in the body). The record is the event's `data`;
// the envelope's attributes travel beside it (lib/core/ingest/cloudevent.ts says what each one means).
import { HTTP, ValidationError, type CloudEvent } from "cloudevents";
import { DomainError } from "@/lib/core/errors";
import type { CloudEventAttributes } from "@/lib/core/ingest/cloudevent";
import { parseJsonText } from "@/lib/core/json-text";
import type { Inbound } from "./inbound";

const STRUCTURED = /^application\/cloudevents\+json\s*(;|$)/i;
const BATCH = /^application\/cloudevents-batch\+json\s*(;|$)/i;
const JSON_DATA = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;
/** The headers read in binary mode (other extensions are not kept). */
const CE_HEADERS = [
  "content-type",
  "ce-specversion",
  "ce-id",
  "ce-source",
  "ce-type",
  "ce-subject",
  "ce-time",
  "ce-dataschema",
  "ce-sequence",
];

/** Which CloudEvents mode a request uses, from its headers alone; null for a plain record. */
export function cloudEventMode(req: Pick<Inbound, "header">): "structured" | "binary" | "batch" | null {
  const type = req.header("content-type")?.trim() ?? "";
  if (BATCH.test(type)) return "batch";
  if (STRUCTURED.test(type)) return "structured";
  return req.header("ce-specversion") !== null ? "binary" : null;
}

/**
 * The record and its CloudEvent attributes. `raw` is the body as received (already size-limited and strict UTF-8);
 * it is parsed here with the same depth limit as any record.
 * @throws 415 `unsupported_media_type` (batch mode, non-JSON data), 400 `invalid_cloudevent`
 */
export function readCloudEvent(
  req: Pick<Inbound, "header">,
  raw: string,
  mode: "structured" | "binary" | "batch",
): { data: unknown; attributes: CloudEventAttributes } {
  if (mode === "batch")
    throw new DomainError(
      "unsupported_media_type",
      "unsupported_media_type",
      "Send one CloudEvent per request: batched mode (application/cloudevents-batch+json) is not accepted.",
    );
  const headers: Record<string, string> = {};
  for (const name of CE_HEADERS) {
    const value = req.header(name);
    if (value !== null) headers[name] = value;
  }
  const body = parseJsonText(raw);
  let event: CloudEvent<unknown> | null;
  try {
    const parsed = HTTP.toEvent({ headers, body: mode === "structured" ? body : raw });
    event = Array.isArray(parsed) ? null : (parsed as CloudEvent<unknown>); // the SDK builds a CloudEvent
    event?.validate();
  } catch (error) {
    throw invalid(error instanceof ValidationError ? describe(error) : (error as Error).message);
  }
  if (!event) throw invalid("expected one event");
  if (event.specversion !== "1.0") throw invalid(`specversion must be "1.0" (got "${String(event.specversion)}")`);
  const contentType = event.datacontenttype ?? "application/json";
  if (!JSON_DATA.test(contentType) || (event as { data_base64?: unknown }).data_base64 !== undefined)
    throw new DomainError(
      "unsupported_media_type",
      "unsupported_media_type",
      `The event's data must be JSON (datacontenttype ${contentType} is not accepted).`,
    );
  // (checked on what was sent: the SDK drops a time it cannot read)
  const sentTime = mode === "structured" ? (body as { time?: unknown }).time : (req.header("ce-time") ?? undefined);
  if (sentTime !== undefined && (typeof sentTime !== "string" || Number.isNaN(Date.parse(sentTime))))
    throw invalid(`time must be an RFC 3339 timestamp (got ${JSON.stringify(sentTime).slice(0, 60)})`);
  const data = mode === "structured" ? (body as { data?: unknown }).data : body;
  if (data === undefined) throw invalid("the event has no data: the record is its data");
  const sequence = (event as { sequence?: unknown }).sequence;
  return {
    data,
    attributes: {
      mode,
      id: event.id,
      source: event.source,
      type: event.type,
      subject: event.subject ?? null,
      time: event.time ?? null,
      sequence: sequence === undefined || sequence === null ? null : String(sequence),
    },
  };
}

function describe(error: ValidationError): string {
  const first = (error.errors ?? [])[0] as { message?: string; instancePath?: string } | string | undefined;
  if (!first) return error.message.split("\n")[0]!;
  return typeof first === "string" ? first : `${first.instancePath || "the event"} ${first.message ?? "is invalid"}`;
}

function invalid(reason: string): DomainError {
  return new DomainError(
    "invalid_input",
    "invalid_cloudevent",
    `This is not a valid CloudEvent 1.0: ${reason.slice(0, 300)}.`,
  );
}
