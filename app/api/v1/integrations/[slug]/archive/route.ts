// POST /api/v1/integrations/:slug/archive – no more ingest; hidden from pickers and rankings (admin)
import { archiveIntegrationEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const POST = handle(archiveIntegrationEndpoint);
