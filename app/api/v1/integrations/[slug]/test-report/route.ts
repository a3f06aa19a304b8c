// POST /api/v1/integrations/:slug/test-report – a tracked integration's test event, reported by Signalbox (admin)
import { testReportEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const POST = handle(testReportEndpoint);
