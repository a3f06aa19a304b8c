// The lean path: the two calls integrations make at volume — POST /api/ingest/{slug} and
// POST /api/v1/track/events — answered straight on node:http, without Next's per-request machinery.
// Same handlers as the Next routes (ingest.ts, integration-route.ts): only the adapter differs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { trackEventEndpoint } from "./api/track";
import { errorAnswer } from "./http-errors";
import { fromIncoming, writeAnswer, type Answer, type Inbound } from "./inbound";
import { handleIngest } from "./ingest";
import { runIntegrationEndpoint } from "./integration-route";

type LeanRoute = (req: Inbound) => Promise<Answer>;

const INGEST = /^\/api\/ingest\/([^/?#]+)(?:\?.*)?$/;
const TRACK = /^\/api\/v1\/track\/events(?:\?.*)?$/;

/** The lean handler for this request, or null when Next should serve it. */
export function leanRoute(method: string | undefined, url: string | undefined): LeanRoute | null {
  if (method !== "POST" || !url) return null;
  const ingest = INGEST.exec(url);
  if (ingest) {
    let slug: string;
    try {
      slug = decodeURIComponent(ingest[1]!);
    } catch {
      return null;
    }
    return (req) => handleIngest(req, slug);
  }
  if (TRACK.test(url)) return (req) => runIntegrationEndpoint(trackEventEndpoint, req, {});
  return null;
}

/** Serve the request on the lean path if it is one of its routes; false when it is not (hand it to Next). */
export function serveLean(req: IncomingMessage, res: ServerResponse): boolean {
  const route = leanRoute(req.method, req.url);
  if (!route) return false;
  route(fromIncoming(req))
    .catch((error: unknown) => errorAnswer(error))
    .then((a) => writeAnswer(res, a, a.status === 413 || !req.complete));
  return true;
}
