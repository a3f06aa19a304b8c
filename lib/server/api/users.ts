import { z } from "zod";
import { createUser } from "@/lib/core/users/create-user";
import { listUsers } from "@/lib/core/users/list-users";
import { ZCreateUser, ZUpdateUser, ZUserList, ZUserView } from "@/lib/core/users/schemas";
import { updateUser } from "@/lib/core/users/update-user";
import { endpoint } from "../endpoint";

const ZId = z.object({ id: z.string().min(1) });

export const listUsersEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/users",
  summary: "List users (to assign work)",
  action: "users.read",
  response: ZUserList,
  run: async ({ ctx }) => ({ items: await listUsers({ ctx }) }),
});

export const createUserEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/users",
  summary: "Create a user (admin)",
  action: "users.write",
  body: ZCreateUser,
  response: ZUserView,
  status: 201,
  run: ({ ctx, body }) => createUser({ ctx, input: body }),
});

export const updateUserEndpoint = endpoint({
  method: "PATCH",
  path: "/api/v1/users/{id}",
  summary: "Change a user's role, name, password or disabled flag (admin)",
  action: "users.write",
  params: ZId,
  body: ZUpdateUser,
  response: ZUserView,
  run: ({ ctx, params, body }) => updateUser({ ctx, id: params.id, input: body }),
});
