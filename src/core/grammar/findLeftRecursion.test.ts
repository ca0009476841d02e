import { describe, expect, it } from "vitest";
import { findLeftRecursion } from "./findLeftRecursion.js";
import type { DefEntry, SchemaNode } from "./ir.js";

/** The IR-level backstop behind the raw `$ref` cycle check: llama.cpp refuses left-recursive grammars. */
const defs = (entries: Record<string, SchemaNode>): Map<string, DefEntry> =>
  new Map(Object.entries(entries).map(([id, node]) => [id, { id, path: `/$defs/${id}`, hint: id, node }]));
const ref = (id: string): SchemaNode => ({ kind: "ref", id });

describe("findLeftRecursion", () => {
  it("finds a cycle of definitions reached before any character, through anyOf", () => {
    const d = defs({ a: { kind: "anyOf", options: [{ kind: "null" }, ref("b")] }, b: ref("c"), c: { kind: "anyOf", options: [ref("a"), { kind: "boolean" }] } });
    expect(findLeftRecursion(d)).toEqual(["/$defs/a", "/$defs/b", "/$defs/c", "/$defs/a"]);
  });

  it("a reference inside an object or array is not left recursion", () => {
    const d = defs({
      a: { kind: "object", properties: [{ name: "x", node: ref("a"), required: false, path: "/x" }], additional: null, forbidden: [], minExtra: 0, maxExtra: null },
      b: { kind: "array", prefix: [], items: ref("b"), minItems: 0, maxItems: null },
    });
    expect(findLeftRecursion(d)).toBeNull();
  });

  it("walks a long chain without recursion", () => {
    const n = 50_000;
    const entries: Record<string, SchemaNode> = {};
    for (let i = 0; i < n; i++) entries[`d${i}`] = ref(`d${i + 1}`);
    entries[`d${n}`] = { kind: "null" };
    expect(findLeftRecursion(defs(entries), ["d0"])).toBeNull();
    entries[`d${n}`] = ref("d0");
    expect(findLeftRecursion(defs(entries), ["d0"])?.length).toBe(n + 2);
  });
});
