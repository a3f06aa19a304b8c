// POST /api/v1/integrations/:slug/test-record – a sample through the real ingest path (admin)
import { testRecordEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const POST = handle(testRecordEndpoint);
