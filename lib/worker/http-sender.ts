// The SSRF-safe sender: resolve the host once, check every address it resolves
// to, then connect to the checked address (pinned: no second lookup that a
// rebinding DNS could answer differently). No redirects, a hard timeout, and
// only the first 16 KiB of the answer are read.
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { OutboundRequest, OutboundResponse, Sender } from "../core/delivery/sender";
import { checkAddress, checkUrl } from "../core/security/ssrf";

const MAX_ANSWER_BYTES = 16_384;

export interface HttpSenderOptions {
  maxSockets?: number;
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export function createHttpSender(options: HttpSenderOptions = {}): Sender & { close(): void } {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: "lifo" as const };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };
  const resolve = options.resolve ?? ((host: string) => dns.lookup(host, { all: true, verbatim: true }));

  async function send(req: OutboundRequest): Promise<OutboundResponse> {
    const started = performance.now();
    const refuse = (message: string): OutboundResponse => ({
      status: null,
      error: "refused_by_policy",
      errorMessage: message,
      headers: {},
      body: "",
      durationMs: Math.round(performance.now() - started),
    });
    const checked = checkUrl(req.url);
    if (!checked.ok) return refuse(`Refused: ${checked.reason}.`);
    const url = checked.url;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    let addresses: { address: string; family: number }[];
    try {
      addresses = isLiteralIp(host) ? [{ address: host, family: host.includes(":") ? 6 : 4 }] : await resolve(host);
    } catch (error) {
      return failure(started, "network", `Could not resolve ${host}: ${(error as Error).message}`);
    }
    if (addresses.length === 0) return failure(started, "network", `${host} has no addresses`);
    for (const { address } of addresses) {
      const verdict = checkAddress(address, req.allowPrivateNetwork);
      if (!verdict.ok) return refuse(`Refused: ${host} resolves to ${verdict.reason}.`);
    }
    const pinned = addresses[0]!;
    const lookup: LookupFunction = (_hostname, opts, callback) => {
      if ((opts as { all?: boolean }).all)
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    return new Promise<OutboundResponse>((done) => {
      const transport = url.protocol === "https:" ? https : http;
      const request = transport.request(
        url,
        {
          method: req.method,
          headers: { ...req.headers, "content-length": Buffer.byteLength(req.body).toString() },
          agent: agents[url.protocol as "http:" | "https:"],
          lookup,
          servername: isLiteralIp(host) ? undefined : host,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            if (size < MAX_ANSWER_BYTES) chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
            size += chunk.length;
          });
          response.on("end", () => {
            clearTimeout(timer);
            done({
              status: response.statusCode ?? null,
              error: null,
              errorMessage: null,
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
              ),
              body: Buffer.concat(chunks).toString("utf8"),
              durationMs: Math.round(performance.now() - started),
            });
          });
          response.on("error", (error) => {
            clearTimeout(timer);
            done(failure(started, "network", error.message));
          });
        },
      );
      const timer = setTimeout(() => {
        request.destroy(new Error("timeout"));
        done(failure(started, "timeout", `No answer within ${req.timeoutMs} ms.`));
      }, req.timeoutMs);
      request.on("error", (error) => {
        clearTimeout(timer);
        done(
          failure(
            started,
            error.message === "timeout" ? "timeout" : "network",
            error.message === "timeout" ? `No answer within ${req.timeoutMs} ms.` : error.message,
          ),
        );
      });
      request.end(req.body);
    });
  }

  return {
    send,
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

function isLiteralIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

function failure(started: number, error: "timeout" | "network", message: string): OutboundResponse {
  return {
    status: null,
    error,
    errorMessage: message,
    headers: {},
    body: "",
    durationMs: Math.round(performance.now() - started),
  };
}
