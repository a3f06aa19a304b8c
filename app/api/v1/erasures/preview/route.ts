// POST /api/v1/erasures/preview – admin: how many records an erasure would remove, per integration
import { previewErasureEndpoint } from "@/lib/server/api/erasure";
import { handle } from "@/lib/server/route";

export const POST = handle(previewErasureEndpoint);
