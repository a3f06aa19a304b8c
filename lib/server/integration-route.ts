// The guard for routes called by integrations themselves (tracked reporting):
// authenticated by the integration's API key, not by a user.
import type { z } from "zod";
import type { Ctx } from "@/lib/core/context";
import { invalidInput, issuesFromZod } from "@/lib/core/errors";
import type { KeyRecord } from "@/lib/core/ports";
import { contextFor } from "./context";
import type { Method } from "./endpoint";
import { errorAnswer } from "./http-errors";
import { answer, fromRequest, toResponse, type Answer, type Inbound } from "./inbound";
import { badCredentials, keyFromHeader } from "./integration-auth";
import { countFailure, refuseRepeatedFailures, spendIntegrationToken } from "./rate-limits";
import { checkShape, readJson } from "./route";

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

/** One integration-facing call, from whichever listener received it (Next route or the lean path). */
export async function runIntegrationEndpoint<P, B, R>(
  ep: IntegrationEndpoint<P, B, R>,
  req: Inbound,
  rawParams: Record<string, string | string[] | undefined>,
): Promise<Answer> {
  try {
    refuseRepeatedFailures(req.address);
    const ctx = await contextFor({ kind: "system", label: "ingest" });
    const key = await keyFromHeader(ctx, req);
    if (!key) throw badCredentials();
    // The integration's rate, shared with ingest (its configuration is cached; a missing one is the operation's 404).
    const integration = await ctx.repos.ingest.integrationById(key.integrationId);
    if (integration) spendIntegrationToken(integration);
    const params = ep.params ? ep.params.parse(rawParams) : (undefined as P);
    const parsed = ep.body.safeParse(await readJson(req));
    if (!parsed.success) {
      const details = issuesFromZod(parsed.error.issues);
      throw invalidInput(`The body is not valid at ${details[0]?.path || "/"}: ${details[0]?.message}`, details);
    }
    const result = await ep.run({ ctx, key, params, body: parsed.data });
    return answer(checkShape(ep.response, result.body, ep.path), result.status);
  } catch (error) {
    countFailure(error, req.address);
    return errorAnswer(error);
  }
}

export function handleIntegration<P, B, R>(ep: IntegrationEndpoint<P, B, R>) {
  return async function integrationRoute(
    req: Request,
    context: { params: Promise<Record<string, string | string[] | undefined>> },
  ) {
    return toResponse(await runIntegrationEndpoint(ep, fromRequest(req), await context.params));
  };
}
