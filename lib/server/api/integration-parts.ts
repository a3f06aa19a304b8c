// Contracts, API keys and signing secrets of one integration.
import { z } from "zod";
import { createContractVersion, listContracts } from "@/lib/core/contracts/manage";
import { ZContractInput } from "@/lib/core/contracts/schemas";
import {
  createKey,
  listKeys,
  revokeKey,
  rotateSecret,
  ZCreateKey,
  ZRotateSecret,
} from "@/lib/core/integrations/credentials";
import { endpoint } from "../endpoint";

const ZSlugParam = z.object({ slug: z.string().min(1) });

export const ZContractView = z.object({
  id: z.string(),
  version: z.number(),
  status: z.string(),
  schema: z.record(z.string(), z.unknown()),
  idempotencyKeyPaths: z.array(z.string()),
  requireIdempotencyKey: z.boolean(),
  entityKeyPath: z.string().nullable(),
  versionPath: z.string().nullable(),
  mapping: z.array(z.object({ from: z.string(), to: z.string() })).nullable(),
  sourceOfTruth: z.array(z.object({ field: z.string(), system: z.string() })),
  idStrategy: z.unknown(),
  diff: z.unknown(),
  note: z.string(),
  authorId: z.string().nullable(),
  approvedById: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  selfTestedAt: z.string().nullable(),
});

const ZKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const listContractsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}/contracts",
  summary: "Every contract version, newest first",
  action: "contracts.read",
  params: ZSlugParam,
  response: z.object({ items: z.array(ZContractView) }),
  run: async ({ ctx, params }) => ({ items: await listContracts({ ctx, slug: params.slug }) }),
});

export const createContractEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/contracts",
  summary: "Add a contract version (draft; admin)",
  action: "contracts.write",
  params: ZSlugParam,
  body: ZContractInput,
  response: ZContractView,
  status: 201,
  run: ({ ctx, params, body }) => createContractVersion({ ctx, slug: params.slug, input: body }),
});

export const listKeysEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}/keys",
  summary: "The integration's API keys (never the secrets)",
  action: "integrations.read",
  params: ZSlugParam,
  response: z.object({ items: z.array(ZKeyView) }),
  run: async ({ ctx, params }) => ({ items: await listKeys({ ctx, slug: params.slug }) }),
});

export const createKeyEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/keys",
  summary: "Create an API key (shown once; admin)",
  action: "integrations.keys",
  params: ZSlugParam,
  body: ZCreateKey,
  response: z.object({ id: z.string(), key: z.string(), name: z.string(), prefix: z.string() }),
  status: 201,
  run: ({ ctx, params, body }) => createKey({ ctx, slug: params.slug, input: body }),
});

export const revokeKeyEndpoint = endpoint({
  method: "DELETE",
  path: "/api/v1/integrations/{slug}/keys/{id}",
  summary: "Revoke an API key (admin)",
  action: "integrations.keys",
  params: z.object({ slug: z.string().min(1), id: z.string().min(1) }),
  response: ZKeyView,
  run: ({ ctx, params }) => revokeKey({ ctx, slug: params.slug, keyId: params.id }),
});

export const rotateSecretEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/secrets/rotate",
  summary: "Rotate the ingest or delivery signing secret; the old one keeps working for a grace period",
  action: "integrations.keys",
  params: ZSlugParam,
  body: ZRotateSecret,
  response: z.object({ secret: z.string(), previousValidUntil: z.string() }),
  run: ({ ctx, params, body }) => rotateSecret({ ctx, slug: params.slug, input: body }),
});
