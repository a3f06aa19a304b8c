// The OpenAPI 3.1 document, generated from the same endpoint declarations and
// zod schemas the routes use (never written twice). Served at /api/openapi.json.
import { z } from "zod";
import * as alerts from "./api/alerts";
import * as audit from "./api/audit";
import * as erasure from "./api/erasure";
import * as events from "./api/events";
import * as exceptions from "./api/exceptions";
import * as governance from "./api/governance";
import * as parts from "./api/integration-parts";
import * as integrations from "./api/integrations";
import * as kpis from "./api/kpis";
import * as metrics from "./api/metrics";
import * as reconciliation from "./api/reconciliation";
import * as settings from "./api/settings";
import * as tokens from "./api/tokens";
import * as track from "./api/track";
import * as users from "./api/users";
import { ZTrackAnswer } from "@/lib/core/tracked/schemas";
import type { Endpoint } from "./endpoint";
import type { IntegrationEndpoint } from "./integration-route";

type AnyEndpoint = Endpoint<unknown, unknown, unknown, unknown> | IntegrationEndpoint<unknown, unknown, unknown>;

const isEndpoint = (v: unknown): v is AnyEndpoint =>
  typeof v === "object" && v !== null && "method" in v && "path" in v && "response" in v && "run" in v;

/** Every declared endpoint of the management and reporting APIs. */
export const ENDPOINTS: AnyEndpoint[] = [
  alerts,
  audit,
  erasure,
  events,
  exceptions,
  governance,
  parts,
  integrations,
  kpis,
  metrics,
  reconciliation,
  settings,
  tokens,
  track,
  users,
].flatMap((m) => Object.values(m).filter(isEndpoint));

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const schema = (s: z.ZodType, io: "input" | "output") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: ERROR_TEXT[c], content: { "application/json": { schema: schema(ErrorBody, "output") } } },
    ]),
  );

const ERROR_TEXT: Record<number, string> = {
  400: "invalid input (details: JSON Pointer paths) or invalid JSON",
  401: "no or bad credentials",
  403: "the role (or key) may not do this",
  404: "not found",
  410: "gone (the integration is archived: `integration_archived`)",
  409: "state conflict (e.g. invalid_state, readiness_incomplete)",
  413: "body too large",
  415: "not JSON",
  422: "the record breaks the contract or reuses an idempotency key",
  429: "rate limited (Retry-After)",
};

function parameters(s: z.ZodType | undefined, where: "path" | "query") {
  if (!s) return [];
  const json = schema(s, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: p,
  }));
}

function operation(ep: AnyEndpoint) {
  const userAuth = "action" in ep;
  return {
    summary: ep.summary,
    ...(userAuth ? { "x-signalbox-permission": (ep as Endpoint).action } : {}),
    security: userAuth ? [{ session: [] }, { personalToken: [] }] : [{ integrationKey: [] }],
    parameters: [
      ...parameters(ep.params as z.ZodType | undefined, "path"),
      ...parameters("query" in ep ? (ep.query as z.ZodType | undefined) : undefined, "query"),
    ],
    ...(ep.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(ep.body as z.ZodType, "input") } },
          },
        }
      : {}),
    ...("rawBody" in ep && ep.rawBody
      ? {
          requestBody: {
            required: true,
            description: ep.rawBody.description,
            content: Object.fromEntries(ep.rawBody.contentTypes.map((t) => [t, { schema: { type: "string" } }])),
          },
        }
      : {}),
    responses: {
      [String(("status" in ep && ep.status) || (userAuth ? 200 : 201))]: {
        description: "success",
        content: {
          [("produces" in ep && ep.produces) || "application/json"]: {
            schema: schema(("lines" in ep && ep.lines) || (ep.response as z.ZodType), "output"),
          },
        },
      },
      ...errors(ep.method === "GET" ? [400, 401, 403, 404] : [400, 401, 403, 404, 409, 415, 422]),
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of ENDPOINTS) (paths[ep.path] ??= {})[ep.method.toLowerCase()] = operation(ep);
  paths["/api/ingest/{integrationSlug}"] = {
    post: {
      summary: "Ingest a record for a relay integration (API.md §1): the body is the record itself",
      security: [{ integrationKey: [] }, { standardWebhooks: [] }],
      parameters: [
        { name: "integrationSlug", in: "path", required: true, schema: { type: "string" } },
        ...[
          "Idempotency-Key",
          "X-Correlation-Id",
          "traceparent",
          "webhook-id",
          "webhook-timestamp",
          "webhook-signature",
        ].map((name) => ({ name, in: "header", required: false, schema: { type: "string" } })),
      ],
      requestBody: { required: true, content: { "application/json": { schema: {} } } },
      responses: {
        "202": {
          description: "accepted (or stale: recorded, never delivered)",
          content: { "application/json": { schema: schema(ZTrackAnswer, "output") } },
        },
        "200": {
          description: "duplicate: the original event",
          content: { "application/json": { schema: schema(ZTrackAnswer, "output") } },
        },
        ...errors([400, 401, 404, 410, 413, 415, 422, 429]),
      },
    },
  };
  paths["/api/health"] = {
    get: {
      summary: "Liveness and store reachability (no credentials)",
      security: [],
      responses: { "200": { description: "ok" }, "503": { description: "store unreachable" } },
    },
  };
  paths["/api/health/ready"] = {
    get: {
      summary:
        "Readiness (no credentials): store reachable and schema current (200, else 503); the newest worker check-in is reported, not required",
      security: [],
      responses: {
        "200": {
          description:
            "ready: { status, store, schema, worker: { status: running | late | none, lastSeenAt, ageSeconds } }",
        },
        "503": { description: "not ready: the store is unreachable or its schema is not current" },
      },
    },
  };
  paths["/api/openapi.json"] = {
    get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Signalbox API",
      version: "1",
      description: "Ingest (relay), reporting (tracked) and the management API the console itself uses.",
    },
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "the console's sign-in",
        },
        personalToken: {
          type: "http",
          scheme: "bearer",
          description: "sbx_pat_… personal access token (carries its user's role)",
        },
        integrationKey: { type: "http", scheme: "bearer", description: "sbx_key_… integration API key" },
        standardWebhooks: {
          type: "apiKey",
          in: "header",
          name: "webhook-signature",
          description: "Standard Webhooks signature with the integration's whsec_ ingest secret",
        },
      },
    },
    paths,
  };
}
