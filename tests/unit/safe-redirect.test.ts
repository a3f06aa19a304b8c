import { describe, expect, it } from "vitest";
import { safeCallback } from "@/lib/client/safe-redirect";

const origin = "http://localhost:3000";

describe("after sign-in, only somewhere in the console", () => {
  it("keeps a path in the console, with its query", () => {
    expect(safeCallback("/exceptions?status=open&selected=x1", origin)).toBe("/exceptions?status=open&selected=x1");
    expect(safeCallback(null, origin)).toBe("/");
  });

  it("refuses every spelling of another host", () => {
    for (const evil of [
      "/\\evil.example/x",
      "//evil.example/x",
      "/%5Cevil.example/x".replace("%5C", "\\"),
      "https://evil.example/",
      "\\\\evil.example",
      "javascript:alert(1)",
      "http://localhost:3001/x",
      " //evil.example",
      "/\t/evil.example",
    ]) {
      expect(safeCallback(evil, origin), evil).toMatch(/^\/(?!\/|\\)/);
      expect(new URL(safeCallback(evil, origin), origin).origin, evil).toBe(origin);
    }
  });

  it("does not land on an API answer or back on the sign-in page", () => {
    expect(safeCallback("/api/v1/users", origin)).toBe("/");
    expect(safeCallback("/signin", origin)).toBe("/");
  });
});
