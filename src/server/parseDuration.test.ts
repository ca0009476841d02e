import { describe, expect, it } from "vitest";
import { HammerError } from "../core/errors.js";
import { parseDuration } from "./parseDuration.js";

describe("parseDuration", () => {
  it.each([
    ["120s", 120_000],
    ["500ms", 500],
    ["2m", 120_000],
    ["90", 90_000],
    ["0", 0],
    ["1h", 3_600_000],
  ])("%s → %d ms", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(["", "soon", "-5s", "5 fortnights"])("rejects %j with a HammerError", (text) => {
    expect(() => parseDuration(text)).toThrow(HammerError);
  });
});
