// POST /api/v1/exceptions/:id/rerun – see API.md §4 (ops, admin)
import { rerunEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(rerunEndpoint);
