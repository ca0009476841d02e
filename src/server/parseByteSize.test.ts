import { describe, expect, it } from "vitest";
import { HammerError } from "../core/errors.js";
import { parseByteSize } from "./parseByteSize.js";

describe("parseByteSize", () => {
  it.each([
    ["4mb", 4 * 1024 * 1024],
    ["512kb", 512 * 1024],
    ["1048576", 1048576],
    ["1.5k", 1536],
    ["2 MB", 2 * 1024 * 1024],
    ["1g", 1024 ** 3],
  ])("%s → %d bytes", (text, bytes) => expect(parseByteSize(text)).toBe(bytes));

  it.each(["", "mb", "4 parsecs", "-1mb", "0", "1e3"])("rejects %j with a HammerError", (text) => {
    expect(() => parseByteSize(text)).toThrow(HammerError);
  });
});
