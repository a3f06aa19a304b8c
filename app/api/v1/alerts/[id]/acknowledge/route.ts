// POST /api/v1/alerts/:id/acknowledge – admin and ops
import { acknowledgeAlertEndpoint } from "@/lib/server/api/alerts";
import { handle } from "@/lib/server/route";

export const POST = handle(acknowledgeAlertEndpoint);
