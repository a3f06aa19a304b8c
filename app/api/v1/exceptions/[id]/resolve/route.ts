// POST /api/v1/exceptions/:id/resolve – see API.md §4 (ops, admin)
import { resolveEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(resolveEndpoint);
