// POST /api/v1/exceptions/bulk – start a bulk action on a frozen selection
import { bulkEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(bulkEndpoint);
