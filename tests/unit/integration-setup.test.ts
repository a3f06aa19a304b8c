// Pure parts of the integration create and edit flows: the first contract
// inferred from a sample, the record-key candidates, header values kept
// write-only, and the save-time refusal of private targets.
import { describe, expect, it } from "vitest";
import { assertValidSchema, validatorFor } from "@/lib/core/contracts/compile";
import { HEADER_MASK, maskTarget, mergeTarget, privateTargetReason } from "@/lib/core/integrations/destination";
import { inferSchema, keyPathCandidates } from "@/lib/core/integrations/infer-schema";

const sample = {
  order: {
    id: "A-1",
    version: 3,
    total: 12.5,
    paid: true,
    placedAt: "2026-05-01T10:00:00Z",
    note: null,
    lines: [{ sku: "X", qty: 2 }],
  },
  source: "shop",
};
const target = (headers: Record<string, string>) => ({
  url: "https://erp.example/orders",
  method: "POST" as const,
  headers,
  timeoutMs: 1000,
  allowPrivateNetwork: false,
});

describe("inferSchema", () => {
  it("states types, nests objects and arrays, and requires every non-null key", () => {
    expect(inferSchema(sample)).toEqual({
      type: "object",
      required: ["order", "source"],
      properties: {
        source: { type: "string" },
        order: {
          type: "object",
          required: ["id", "version", "total", "paid", "placedAt", "lines"],
          properties: {
            id: { type: "string" },
            version: { type: "integer" },
            total: { type: "number" },
            paid: { type: "boolean" },
            placedAt: { type: "string", format: "date-time" },
            note: {},
            lines: {
              type: "array",
              items: {
                type: "object",
                required: ["sku", "qty"],
                properties: { sku: { type: "string" }, qty: { type: "integer" } },
              },
            },
          },
        },
      },
    });
  });

  it("is a schema the sample passes and a wrong type fails", () => {
    const schema = inferSchema(sample);
    expect(() => assertValidSchema(schema)).not.toThrow();
    const validate = validatorFor("inferred-test", schema);
    expect(validate(sample)).toBe(true);
    expect(validate({ ...sample, order: { ...sample.order, version: "3" } })).toBe(false);
    expect(validate({ source: "shop" })).toBe(false);
  });

  it("offers key paths to scalar values, ids first", () => {
    const paths = keyPathCandidates(sample);
    expect(paths[0]).toBe("/order/id");
    expect(paths).toContain("/source");
    expect(paths).toContain("/order/version");
    expect(paths).not.toContain("/order/lines");
    expect(paths).not.toContain("/order/paid");
  });
});

describe("destination headers are write-only", () => {
  it("masks every value in views", () => {
    expect(maskTarget(target({ Authorization: "Bearer s3cret" }))?.headers).toEqual({ Authorization: HEADER_MASK });
  });

  it("keeps the stored value when the edit leaves it blank or masked; drops a header left out", () => {
    const before = target({ Authorization: "Bearer s3cret", "X-Tenant": "acme", "X-Old": "1" });
    const { target: next, issues } = mergeTarget(
      target({ authorization: "", "X-Tenant": HEADER_MASK, "X-New": "2" }),
      before,
      "/destination",
    );
    expect(issues).toEqual([]);
    expect(next?.headers).toEqual({ authorization: "Bearer s3cret", "X-Tenant": "acme", "X-New": "2" });
  });

  it("refuses bad names, control characters, reserved headers and blank new values", () => {
    const { issues } = mergeTarget(
      target({ "Bad Name": "x", "X-Inject": "a\r\nb", "Idempotency-Key": "k", "X-Empty": "" }),
      null,
      "/destination",
    );
    expect(issues.map((i) => i.path)).toEqual([
      "/destination/headers/Bad Name",
      "/destination/headers/X-Inject",
      "/destination/headers/Idempotency-Key",
      "/destination/headers/X-Empty",
    ]);
  });
});

describe("private targets at save time", () => {
  it.each([
    "http://127.0.0.1/x",
    "http://localhost:8080/",
    "http://0x7f.1/",
    "http://2130706433/",
    "http://[::1]/",
    "http://10.1.2.3/",
    "http://192.168.0.5/",
    "http://[::ffff:10.0.0.1]/",
    "http://169.254.169.254/",
  ])("refuses %s", (url) => {
    expect(privateTargetReason(url, false)).toBeTruthy();
  });

  it("allows them when private targets are allowed (metadata never), and public names always", () => {
    expect(privateTargetReason("http://127.0.0.1:9000/x", true)).toBeNull();
    expect(privateTargetReason("http://localhost/", true)).toBeNull();
    expect(privateTargetReason("http://169.254.169.254/", true)).toBeTruthy();
    expect(privateTargetReason("https://erp.example/orders", false)).toBeNull();
  });
});
