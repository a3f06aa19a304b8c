import { z } from "zod";
import { ZCreatedToken, ZCreateToken, ZTokenView } from "@/lib/core/tokens/schemas";
import { createToken, listTokens, revokeToken } from "@/lib/core/tokens/tokens";
import { endpoint } from "../endpoint";

export const listTokensEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/tokens",
  summary: "List your personal access tokens",
  action: "tokens.own",
  response: z.object({ items: z.array(ZTokenView) }),
  run: async ({ ctx }) => ({ items: await listTokens({ ctx }) }),
});

export const createTokenEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/tokens",
  summary: "Create a personal access token for yourself (shown once)",
  action: "tokens.own",
  body: ZCreateToken,
  response: ZCreatedToken,
  status: 201,
  run: ({ ctx, body }) => createToken({ ctx, input: body }),
});

export const revokeTokenEndpoint = endpoint({
  method: "DELETE",
  path: "/api/v1/tokens/{id}",
  summary: "Revoke one of your tokens",
  action: "tokens.own",
  params: z.object({ id: z.string().min(1) }),
  response: ZTokenView,
  run: ({ ctx, params }) => revokeToken({ ctx, id: params.id }),
});
