// GET|POST /api/v1/settings/retention – how long payloads, records and audit entries are kept (POST: admin only)
import { getRetentionEndpoint, setRetentionEndpoint } from "@/lib/server/api/settings";
import { handle } from "@/lib/server/route";

export const GET = handle(getRetentionEndpoint);
export const POST = handle(setRetentionEndpoint);
