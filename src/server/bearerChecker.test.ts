import { describe, expect, it } from "vitest";
import { bearerChecker } from "./bearerChecker.js";

describe("bearerChecker", () => {
  const ok = bearerChecker("s3cret-key");
  it("accepts the key with any case of 'Bearer'", () => {
    expect(ok("Bearer s3cret-key")).toBe(true);
    expect(ok("bearer s3cret-key")).toBe(true);
  });
  it.each([undefined, "", "Bearer", "Bearer ", "Bearer s3cret-ke", "Bearer s3cret-key2", "Basic s3cret-key", "s3cret-key", "Bearer s3cret key"])("rejects %j", (h) => {
    expect(ok(h)).toBe(false);
  });
  it("an empty header does not match a key that hashes like the empty string", () => {
    // The empty-token digest is compared too; the regex guard must still refuse it.
    expect(bearerChecker("")("Bearer")).toBe(false);
  });
});
