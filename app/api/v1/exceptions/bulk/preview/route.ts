// POST /api/v1/exceptions/bulk/preview – how many items a bulk selection holds now
import { bulkPreviewEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(bulkPreviewEndpoint);
