// The port through which deliveries, replay webhooks and notifications leave.
export interface OutboundRequest {
  url: string;
  method: "POST" | "PUT" | "PATCH";
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

export interface OutboundResponse {
  /** HTTP status, or null when no answer came */
  status: number | null;
  /** `send_error`: the sender threw (e.g. a header value node refuses) — nothing was sent */
  error: "timeout" | "network" | "refused_by_policy" | "send_error" | null;
  errorMessage: string | null;
  headers: Record<string, string>;
  /** the first few KiB of the answer */
  body: string;
  durationMs: number;
}

export interface Sender {
  send(request: OutboundRequest): Promise<OutboundResponse>;
}

/**
 * Send, turning an error thrown by the sender into an answer: a delivery or a
 * notification that cannot even be sent is a recorded failed attempt (permanent:
 * sending it again would throw again), never a job left to come back every lease.
 */
export async function sendSafely(sender: Sender, request: OutboundRequest): Promise<OutboundResponse> {
  const started = Date.now();
  try {
    return await sender.send(request);
  } catch (error) {
    return {
      status: null,
      error: "send_error",
      errorMessage: `Could not send: ${(error as Error).message}`,
      headers: {},
      body: "",
      durationMs: Date.now() - started,
    };
  }
}
