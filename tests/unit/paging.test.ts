// The paging vendors' requests keep within their published limits, whatever
// the integration's name, runbook or alert message, and go where the region
// (or an override) says.
import { describe, expect, it } from "vitest";
import { opsgenieRequest, pagerdutyEvent, pagingRequest } from "@/lib/core/alerts/paging";
import type { AlertRecord } from "@/lib/core/alerts/types";
import type { Integration } from "@/lib/core/integrations/types";

const at = new Date("2026-06-01T10:00:00Z");
const alert: AlertRecord = {
  id: "al1",
  integrationId: "i1",
  rule: "failure_rate",
  status: "firing",
  value: 42.5,
  threshold: 10,
  message: "m".repeat(60_000),
  firedAt: at,
  acknowledgedAt: null,
  acknowledgedById: null,
  resolvedAt: null,
  lastEvaluatedAt: at,
};
const integration = {
  id: "i1",
  slug: "s".repeat(63),
  name: "N".repeat(120),
  sourceSystem: "Shop",
  targetSystem: "ERP",
  runbook: "r".repeat(50_000),
} as Integration;
const link = "https://signalbox.example/alerts?alert=al1";

describe("paging requests", () => {
  it("PagerDuty: summary ≤ 1,024 characters, excerpts bounded, whole event far below 512 KB; failure rate pages as error", () => {
    const event = pagerdutyEvent(alert, integration, link, "https://signalbox.example/") as {
      payload: { summary: string; severity: string; custom_details: { message: string; runbook: string } };
      client_url: string;
    };
    expect(event.payload.summary).toHaveLength(1_024);
    expect(event.payload.summary.endsWith("…")).toBe(true);
    expect(event.payload.severity).toBe("error");
    expect(event.payload.custom_details.message.length).toBeLessThanOrEqual(2_000);
    expect(event.payload.custom_details.runbook.length).toBeLessThanOrEqual(4_000);
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(16_000);
    expect(event.client_url).toBe("https://signalbox.example");
  });

  it("PagerDuty resolve carries only the action and the dedup key (the routing key is added at send time)", () => {
    expect(pagerdutyEvent({ ...alert, status: "resolved", resolvedAt: at }, integration, link, null)).toEqual({
      event_action: "resolve",
      dedup_key: "signalbox-alert-al1",
    });
  });

  it("Opsgenie: message ≤ 130, description ≤ 15,000, tags ≤ 50, details all strings; failure rate is P2", () => {
    const { path, body } = opsgenieRequest(alert, integration, link) as {
      path: string;
      body: {
        message: string;
        description: string;
        tags: string[];
        details: Record<string, unknown>;
        priority: string;
      };
    };
    expect(path).toBe("/v2/alerts");
    expect(body.message).toHaveLength(130);
    expect(body.description.length).toBeLessThanOrEqual(15_000);
    expect(body.tags.every((t) => t.length <= 50)).toBe(true);
    expect(Object.values(body.details).every((v) => typeof v === "string")).toBe(true);
    expect(JSON.stringify(body.details).length).toBeLessThan(8_000);
    expect(body.priority).toBe("P2");
  });

  it("sends to the region's API (US by default, EU when chosen), or to the override; the keys come from the channel", () => {
    const job = { body: { message: "x" }, path: "/v2/alerts" };
    expect(pagingRequest("opsgenie", { opsgenieApiKey: "k-12345678" }, job)).toEqual({
      url: "https://api.opsgenie.com/v2/alerts",
      headers: { authorization: "GenieKey k-12345678" },
      body: { message: "x" },
    });
    expect(pagingRequest("opsgenie", { opsgenieApiKey: "k-12345678", opsgenieRegion: "eu" }, job)?.url).toBe(
      "https://api.eu.opsgenie.com/v2/alerts",
    );
    expect(
      pagingRequest("opsgenie", { opsgenieApiKey: "k-12345678", opsgenieRegion: "eu" }, job, {
        opsgenieUrl: "http://127.0.0.1:9/",
      })?.url,
    ).toBe("http://127.0.0.1:9/v2/alerts");
    expect(pagingRequest("pagerduty", { pagerdutyRoutingKey: "R0123456789" }, { body: { dedup_key: "d" } })).toEqual({
      url: "https://events.pagerduty.com/v2/enqueue",
      headers: {},
      body: { routing_key: "R0123456789", dedup_key: "d" },
    });
    // A channel removed since the job was queued: nothing to send.
    expect(pagingRequest("pagerduty", { opsgenieApiKey: "k-12345678" }, job)).toBeNull();
    expect(pagingRequest("opsgenie", undefined, job)).toBeNull();
  });
});
