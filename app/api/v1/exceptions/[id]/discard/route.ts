// POST /api/v1/exceptions/:id/discard – see API.md §4 (ops, admin)
import { discardEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(discardEndpoint);
