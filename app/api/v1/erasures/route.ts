// POST /api/v1/erasures – admin: erase everything held about a subject (count confirmed first)
import { eraseEndpoint } from "@/lib/server/api/erasure";
import { handle } from "@/lib/server/route";

export const POST = handle(eraseEndpoint);
