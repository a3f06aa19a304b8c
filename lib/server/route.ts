// The guard every route handler goes through: authenticate (session or
// personal token) → refuse cross-origin cookie mutations → check the role's
// permission → parse params, query and body with zod → run → map errors.
import type { z } from "zod";
import { DomainError, forbidden, invalidInput, issuesFromZod, unauthorized } from "@/lib/core/errors";
import { decodeUtf8, parseJsonText } from "@/lib/core/json-text";
import { can } from "@/lib/core/permissions";
import { contextFor } from "./context";
import { isSameOriginRequest } from "./csrf";
import { isStreamed, type Endpoint } from "./endpoint";
import { errorResponse, jsonResponse, streamResponse, textResponse } from "./http-errors";
import { fromRequest, type Inbound } from "./inbound";
import { isJsonContentType } from "./read-body";
import { callerFromRequest } from "./session";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const MAX_JSON_BYTES = 2 * 1_048_576;

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = issuesFromZod(result.error.issues);
  throw invalidInput(
    `The ${where} is not valid${details[0]?.path ? ` at ${details[0].path}` : ""}: ${details[0]?.message}`,
    details,
  );
}

/** The JSON body (an empty body is `{}`); 415 for other media types, 413 over 2 MiB, 400 for broken JSON, bad UTF-8 or nesting over 64. */
export async function readJson(req: Inbound): Promise<unknown> {
  const text = decodeUtf8(await req.body(MAX_JSON_BYTES));
  if (text.trim() === "") return {};
  if (!isJsonContentType(req.header("content-type"))) {
    throw new DomainError(
      "unsupported_media_type",
      "unsupported_media_type",
      "Send the body as JSON (Content-Type: application/json).",
    );
  }
  return parseJsonText(text);
}

export const readJsonBody = (req: Request) => readJson(fromRequest(req));

/**
 * With SIGNALBOX_CHECK_RESPONSES=1 (tests) every answer is parsed with the
 * endpoint's declared response schema, so an undeclared shape fails loudly.
 */
export function checkShape<R>(schema: z.ZodType<R>, result: R, path: string): R {
  if (process.env.SIGNALBOX_CHECK_RESPONSES !== "1") return result;
  const parsed = schema.safeParse(result);
  if (!parsed.success)
    throw new Error(`${path} answered a shape it does not declare: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  return result;
}

export function handle<P, Q, B, R>(ep: Endpoint<P, Q, B, R>) {
  return async function routeHandler(req: Request, context: RouteContext): Promise<Response> {
    try {
      const caller = await callerFromRequest(req);
      if (!caller) throw unauthorized();
      if (ep.method !== "GET" && caller.via === "session" && !isSameOriginRequest(req)) {
        throw new DomainError("forbidden", "cross_origin_refused", "Cross-origin requests may not change anything.");
      }
      if (!can(caller.actor.role, ep.action)) throw forbidden(`A ${caller.actor.role} may not do this.`);
      const params = parse(ep.params, await context.params, "path");
      const query = parse(ep.query, Object.fromEntries(new URL(req.url).searchParams), "query");
      const body = parse(ep.body, ep.body && !ep.rawBody ? await readJsonBody(req) : undefined, "body");
      const ctx = await contextFor(caller.actor);
      const result = await ep.run({ ctx, params, query, body, req });
      const checked = checkShape(ep.response, result, ep.path);
      if (ep.produces && isStreamed(checked)) return streamResponse(checked, ep.produces);
      return ep.produces
        ? textResponse(String(checked), ep.produces, ep.status)
        : jsonResponse(checked, ep.status ?? 200);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
