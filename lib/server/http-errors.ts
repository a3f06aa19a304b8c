// The one mapper from domain errors to HTTP answers (API.md error shape).
import { randomUUID } from "node:crypto";
import { DomainError, type ErrorKind } from "@/lib/core/errors";
import { answer, toResponse, type Answer } from "./inbound";

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  [extra: string]: unknown;
}

const NO_STORE = { "cache-control": "no-store" };

/** The answer for a thrown error: a DomainError's status and code, anything else a 500 with a reference. */
export function errorAnswer(error: unknown, headers: Record<string, string> = {}): Answer {
  if (error instanceof DomainError) {
    const body: ErrorBody = {
      ...error.extra,
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    };
    const extraHeaders: Record<string, string> = {};
    const retryAfter = (error.extra as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter !== undefined) extraHeaders["retry-after"] = String(retryAfter);
    return answer(body, STATUS_BY_KIND[error.kind], { ...extraHeaders, ...headers });
  }
  const ref = randomUUID().slice(0, 8);
  console.error(`[signalbox] unexpected error (ref ${ref})`, error);
  return answer(
    {
      error: {
        code: "internal_error",
        message: `Something went wrong on our side (ref ${ref}). Nothing you sent was lost.`,
      },
    },
    500,
  );
}

export function errorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  return toResponse(errorAnswer(error, headers));
}

export function textResponse(body: string, contentType: string, status = 200): Response {
  return new Response(body, { status, headers: { ...NO_STORE, "content-type": contentType } });
}

/**
 * A body pulled piece by piece from `pieces` as the client reads (nothing is read ahead: highWaterMark 0). Headers are sent
 * before the first piece: an error later can only cut the download short — it is logged, and the stream errors.
 */
export function streamResponse(
  streamed: { headers: Record<string, string>; pieces: AsyncIterable<string> },
  contentType: string,
): Response {
  const iterator = streamed.pieces[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error("[signalbox] streamed answer cut short", error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: { ...NO_STORE, ...streamed.headers, "content-type": contentType },
  });
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return toResponse(answer(body, status, headers));
}
