import { z } from "zod";
import { ZCreatedToken, ZCreateToken, ZTokenList, ZTokenView } from "@/lib/core/tokens/schemas";
import { createToken, listAllTokens, listTokens, revokeToken } from "@/lib/core/tokens/tokens";
import { endpoint } from "../endpoint";

export const listTokensEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/tokens",
  summary: "List your personal access tokens (admins: ?all=true lists everyone's, with their owner)",
  action: "tokens.own",
  query: z.object({ all: z.enum(["true", "false"]).optional() }),
  response: ZTokenList,
  run: async ({ ctx, query }) => ({
    items: query.all === "true" ? await listAllTokens({ ctx }) : await listTokens({ ctx }),
  }),
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
  summary: "Revoke one of your tokens (admins: anyone's)",
  action: "tokens.own",
  params: z.object({ id: z.string().min(1) }),
  response: ZTokenView,
  run: ({ ctx, params }) => revokeToken({ ctx, id: params.id }),
});
