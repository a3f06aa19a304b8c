// GET /api/health – liveness and store reachability (no auth; says nothing private)
import { checkStore } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const store = await checkStore();
  return Response.json({ status: store.ok ? "ok" : "degraded", store }, { status: store.ok ? 200 : 503 });
}
