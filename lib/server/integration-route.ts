// The guard for routes called by integrations themselves (tracked reporting):
// authenticated by the integration's API key, not by a user.
import type { z } from "zod";
import type { Ctx } from "@/lib/core/context";
import { invalidInput, issuesFromZod } from "@/lib/core/errors";
import type { KeyRecord } from "@/lib/core/ports";
import { contextFor } from "./context";
import type { Method } from "./endpoint";
import { errorResponse, jsonResponse } from "./http-errors";
import { badCredentials, keyFromHeader } from "./integration-auth";
import { checkShape, readJsonBody } from "./route";

export interface IntegrationEndpoint<P, B, R> {
  method: Method;
  path: string;
  summary: string;
  params?: z.ZodType<P>;
  body: z.ZodType<B>;
  response: z.ZodType<R>;
  run(args: { ctx: Ctx; key: KeyRecord; params: P; body: B }): Promise<{ status: number; body: R }>;
}

export function integrationEndpoint<P = undefined, B = unknown, R = unknown>(spec: IntegrationEndpoint<P, B, R>) {
  return spec;
}

export function handleIntegration<P, B, R>(ep: IntegrationEndpoint<P, B, R>) {
  return async function integrationRoute(req: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) {
    try {
      const ctx = await contextFor({ kind: "system", label: "ingest" });
      const key = await keyFromHeader(ctx, req);
      if (!key) throw badCredentials();
      const rawParams = await context.params;
      const params = ep.params ? ep.params.parse(rawParams) : (undefined as P);
      const parsed = ep.body.safeParse(await readJsonBody(req));
      if (!parsed.success) {
        const details = issuesFromZod(parsed.error.issues);
        throw invalidInput(`The body is not valid at ${details[0]?.path || "/"}: ${details[0]?.message}`, details);
      }
      const answer = await ep.run({ ctx, key, params, body: parsed.data });
      return jsonResponse(checkShape(ep.response, answer.body, ep.path), answer.status);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
