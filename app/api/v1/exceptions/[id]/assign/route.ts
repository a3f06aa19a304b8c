// POST /api/v1/exceptions/:id/assign – see API.md §4 (ops, admin)
import { assignEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(assignEndpoint);
