import { describe, expect, it } from "vitest";
import { resolveDatabase } from "@/lib/db/database-url";

describe("which store", () => {
  it("defaults to an embedded SQLite file under data/", () => {
    expect(resolveDatabase({}, "/srv/app")).toEqual({ provider: "sqlite", url: "/srv/app/data/signalbox.db" });
    expect(resolveDatabase({ SIGNALBOX_DATA_DIR: "/var/lib/sbx" }, "/srv/app")).toEqual({
      provider: "sqlite",
      url: "/var/lib/sbx/signalbox.db",
    });
  });
  it("uses PostgreSQL for postgres URLs and a file for file: URLs", () => {
    expect(resolveDatabase({ DATABASE_URL: "postgresql://u@h/db" }, "/x")).toEqual({
      provider: "postgresql",
      url: "postgresql://u@h/db",
    });
    expect(resolveDatabase({ DATABASE_URL: "postgres://u@h/db" }, "/x").provider).toBe("postgresql");
    expect(resolveDatabase({ DATABASE_URL: "file:./db/s.db" }, "/x")).toEqual({
      provider: "sqlite",
      url: "/x/db/s.db",
    });
  });
  it("says clearly when DATABASE_URL is something else", () => {
    expect(() => resolveDatabase({ DATABASE_URL: "mysql://x" }, "/x")).toThrow(/postgresql:\/\/… or file:…/);
  });
});
