// GET /api/v1/store – what the store holds: size, estimated rows, oldest record and next expiries per integration
import { getStoreEndpoint } from "@/lib/server/api/settings";
import { handle } from "@/lib/server/route";

export const GET = handle(getStoreEndpoint);
