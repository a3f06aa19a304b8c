// An API endpoint, declared once: method, path, permission, input and output
// schemas, and the domain call. Route files export `handle(endpoint)`; the
// OpenAPI document is generated from the same declarations.
import { z } from "zod";
import type { Ctx } from "@/lib/core/context";
import type { Action } from "@/lib/core/permissions";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface Endpoint<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: Method;
  /** OpenAPI-style path, e.g. `/api/v1/users/{id}` */
  path: string;
  summary: string;
  /** the permission the caller's role must hold (lib/core/permissions.ts) */
  action: Action;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType<R>;
  /** success status (default 200) */
  status?: number;
  /** the answer's media type when it is not JSON: `run` then returns the body as text (response: z.string()) */
  produces?: string;
  /**
   * the answer is streamed NDJSON, each line one `lines` value (documented in OpenAPI): `run` returns a Streamed
   * (response: ZStreamed) and the body is pulled from it piece by piece as the client reads
   */
  lines?: z.ZodType;
  /** the handler reads the request body itself (uploads streamed in CSV or JSON) */
  rawBody?: { contentTypes: string[]; description: string };
  run(args: { ctx: Ctx; params: P; query: Q; body: B; req: Request }): Promise<R>;
}

/** Declare an endpoint (an identity function that keeps the inferred types). */
export function endpoint<P = undefined, Q = undefined, B = undefined, R = unknown>(
  spec: Endpoint<P, Q, B, R>,
): Endpoint<P, Q, B, R> {
  return spec;
}

/** A streamed answer: its headers, and the body's pieces (the source is read only as pieces are pulled). */
export interface Streamed {
  headers: Record<string, string>;
  pieces: AsyncIterable<string>;
}

export const isStreamed = (v: unknown): v is Streamed =>
  typeof v === "object" && v !== null && "pieces" in v && Symbol.asyncIterator in (v as Streamed).pieces;

/** The response declaration of a streamed endpoint (its lines are documented by `lines`). */
export const ZStreamed = z.custom<Streamed>(isStreamed);
