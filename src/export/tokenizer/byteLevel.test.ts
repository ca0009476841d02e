import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BYTE_ORDER, BYTE_TO_CHAR, fromByteLevel, toByteLevel } from "./byteLevel.js";

describe("byte-level alphabet", () => {
  it("maps the 256 bytes to 256 distinct visible characters", () => {
    expect(new Set(BYTE_TO_CHAR).size).toBe(256);
    expect(BYTE_TO_CHAR.every((c) => [...c].length === 1 && !/[\s\p{C}]/u.test(c))).toBe(true);
    expect(new Set(BYTE_ORDER).size).toBe(256);
  });

  it("keeps printable ASCII and moves space and newline as GPT-2 does", () => {
    expect(toByteLevel("{\"a\"}")).toBe("{\"a\"}");
    expect(toByteLevel(" ")).toBe("\u0120"); // Ġ
    expect(toByteLevel("\n")).toBe("\u010a"); // Ċ
    expect(BYTE_ORDER[0]).toBe(0x21); // "!" is token 0, as in GPT-2/Qwen vocabularies
  });

  it("round-trips any text through its bytes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(Buffer.from(fromByteLevel(toByteLevel(s))!).toString("utf8")).toBe(Buffer.from(s, "utf8").toString("utf8"));
      }),
    );
    expect([...fromByteLevel(BYTE_TO_CHAR.join(""))!]).toEqual([...Array(256).keys()]); // every byte, valid UTF-8 or not
    expect(fromByteLevel("a b")).toBeUndefined(); // a plain space is not in the alphabet
  });
});
