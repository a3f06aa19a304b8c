import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "@/lib/server/csrf";

const req = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/v1/tokens", { method: "POST", headers });

describe("cross-origin refusal for cookie-authenticated mutations", () => {
  it("accepts our own origin", () => {
    expect(isSameOriginRequest(req({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(true);
  });
  it("refuses another origin, even with a same-origin fetch-site claim", () => {
    expect(isSameOriginRequest(req({ host: "localhost:3000", origin: "https://evil.example" }))).toBe(false);
    expect(
      isSameOriginRequest(
        req({ host: "localhost:3000", origin: "http://localhost:3001", "sec-fetch-site": "same-origin" }),
      ),
    ).toBe(false);
  });
  it("honours the proxy's forwarded host and protocol", () => {
    expect(
      isSameOriginRequest(
        req({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "signalbox.example",
          "x-forwarded-proto": "https",
          origin: "https://signalbox.example",
        }),
      ),
    ).toBe(true);
  });
  it("without Origin, trusts only Sec-Fetch-Site: same-origin", () => {
    expect(isSameOriginRequest(req({ host: "localhost:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(req({ host: "localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(req({ host: "localhost:3000" }))).toBe(false);
  });
});
