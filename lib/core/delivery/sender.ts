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
  error: "timeout" | "network" | "refused_by_policy" | null;
  errorMessage: string | null;
  headers: Record<string, string>;
  /** the first few KiB of the answer */
  body: string;
  durationMs: number;
}

export interface Sender {
  send(request: OutboundRequest): Promise<OutboundResponse>;
}
