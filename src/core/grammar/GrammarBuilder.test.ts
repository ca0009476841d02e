import { describe, expect, it } from "vitest";
import { GrammarBuilder } from "./GrammarBuilder.js";

describe("GrammarBuilder", () => {
  it("interns equal bodies once and prints the root first", () => {
    const b = new GrammarBuilder("tools", new Set(["string"]));
    const a = b.intern("get-weather", '"a" | "b"');
    expect(b.intern("other", '"a" | "b"')).toBe(a);
    b.setRoot(a);
    expect(b.toString()).toBe(`root ::= ${a}\n${a} ::= "a" | "b"\n`);
  });

  it("misuse is a bug (INTERNAL), not a bare Error", () => {
    const b = new GrammarBuilder("tools", new Set(["string"]));
    expect(() => b.shared("value", () => "x")).toThrow(expect.objectContaining({ name: "HammerError", code: "INTERNAL" }));
    expect(() => b.toString()).toThrow(expect.objectContaining({ code: "INTERNAL", message: "GrammarBuilder: root rule not set" }));
  });
});
