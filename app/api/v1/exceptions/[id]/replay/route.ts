// POST /api/v1/exceptions/:id/replay – see API.md §4 (ops, admin)
import { replayEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(replayEndpoint);
