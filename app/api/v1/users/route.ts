// GET /api/v1/users – list users · POST /api/v1/users – create a user (admin)
import { createUserEndpoint, listUsersEndpoint } from "@/lib/server/api/users";
import { handle } from "@/lib/server/route";

export const GET = handle(listUsersEndpoint);
export const POST = handle(createUserEndpoint);
