import { describe, expect, it } from "vitest";
import { parseBenchList } from "./parseBenchList.js";
import { parseMaskList } from "./parseMaskList.js";

describe("parseBenchList", () => {
  it("merges names of a family into one bench, parts in canonical order", () => {
    const [bfcl, hammer] = parseBenchList("hammer:sealtool, bfcl:java,bfcl:simple,bfcl:java");
    expect(bfcl).toMatchObject({ kind: "bfcl", name: "bfcl:simple,bfcl:java", parts: ["simple", "java"], all: false });
    expect(hammer).toMatchObject({ kind: "hammer", name: "hammer:sealtool", parts: ["sealtool"] });
  });
  it("`all` wins within its family", () => {
    const [bfcl] = parseBenchList("bfcl:simple,bfcl:all");
    expect(bfcl).toMatchObject({ name: "bfcl:all", all: true });
    expect(bfcl?.parts).toHaveLength(17); // 13 single-turn categories and 4 multi-turn
    expect(bfcl?.parts.slice(-4)).toEqual(["multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"]);
  });
  it("multi-turn categories merge with single-turn ones in canonical order", () => {
    const [bfcl] = parseBenchList("bfcl:multi_turn_long_context,bfcl:simple,bfcl:multi_turn_base");
    expect(bfcl).toMatchObject({ name: "bfcl:simple,bfcl:multi_turn_base,bfcl:multi_turn_long_context", parts: ["simple", "multi_turn_base", "multi_turn_long_context"] });
  });
  it("rejects unknown names and empty lists", () => {
    expect(() => parseBenchList("bfcl:simple,bfcl:nope")).toThrow(/unknown benchmark "bfcl:nope"/);
    expect(() => parseBenchList(" , ")).toThrow(/--bench: no benchmark named/);
  });
});

describe("parseMaskList", () => {
  it("reads subsets and all", () => {
    expect(parseMaskList("names")).toEqual({ names: true, params: false, defaults: false });
    expect(parseMaskList("params, DEFAULTS")).toEqual({ names: false, params: true, defaults: true });
    expect(parseMaskList("all")).toEqual({ names: true, params: true, defaults: true });
  });
  it("rejects anything else with the list of masks", () => {
    expect(() => parseMaskList("foo")).toThrow(/--mask: unknown mask "foo"; expected a comma-separated subset of names, params, defaults/);
    expect(() => parseMaskList("")).toThrow(/--mask: empty/);
  });
});
