// The lean listener (lib/server/lean-http.ts) on a real socket, as `npm start` serves it: the ingest and track tests
// send real HTTP requests through it. Anything it does not serve answers 404 here (Next is not loaded).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveLean } from "@/lib/server/lean-http";

let base: Promise<string> | undefined;

export function leanBase(): Promise<string> {
  base ??= new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      if (!serveLean(req, res)) res.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    server.unref();
  });
  return base;
}

/** POST through the lean listener; the Response as a Next route handler would return it. */
export async function leanPost(
  path: string,
  init: { headers: Record<string, string> | Headers; body: string | Uint8Array | null },
): Promise<Response> {
  return fetch(`${await leanBase()}${path}`, {
    method: "POST",
    headers: init.headers,
    body: init.body as BodyInit | null,
  });
}

/** A stand-in for a Next route handler that sends the request through the lean listener instead. */
export const viaLean =
  (path: string) =>
  async (req: Request): Promise<Response> =>
    leanPost(path, { headers: req.headers, body: new Uint8Array(await req.arrayBuffer()) });
