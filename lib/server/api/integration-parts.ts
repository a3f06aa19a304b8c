// Contracts, API keys and signing secrets of one integration.
import { z } from "zod";
import { createContractVersion, listContracts } from "@/lib/core/contracts/manage";
import { ZContractInput, ZContractList, ZContractView } from "@/lib/core/contracts/schemas";
import {
  createKey,
  listKeys,
  revokeKey,
  rotateSecret,
  ZCreateKey,
  ZRotateSecret,
} from "@/lib/core/integrations/credentials";
import { ZCreatedKey, ZKeyList, ZKeyView, ZRotatedSecret } from "@/lib/core/integrations/schemas";
import { endpoint } from "../endpoint";

const ZSlugParam = z.object({ slug: z.string().min(1) });

export const listContractsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/integrations/{slug}/contracts",
  summary: "Every contract version, newest first",
  action: "contracts.read",
  params: ZSlugParam,
  response: ZContractList,
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
  response: ZKeyList,
  run: async ({ ctx, params }) => ({ items: await listKeys({ ctx, slug: params.slug }) }),
});

export const createKeyEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/integrations/{slug}/keys",
  summary: "Create an API key (shown once; admin)",
  action: "integrations.keys",
  params: ZSlugParam,
  body: ZCreateKey,
  response: ZCreatedKey,
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
  response: ZRotatedSecret,
  run: ({ ctx, params, body }) => rotateSecret({ ctx, slug: params.slug, input: body }),
});
