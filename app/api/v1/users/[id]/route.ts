// PATCH /api/v1/users/:id – change role, name, password or disabled (admin)
import { updateUserEndpoint } from "@/lib/server/api/users";
import { handle } from "@/lib/server/route";

export const PATCH = handle(updateUserEndpoint);
