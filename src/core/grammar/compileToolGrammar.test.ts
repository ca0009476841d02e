import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import type { CallSyntax } from "../formats/types.js";
import { parseJson } from "../json/index.js";
import type { ToolChoice, ToolDef } from "../types.js";
import { compileToolGrammar } from "./compileToolGrammar.js";
import { GrammarLimitError, ToolChoiceError } from "./errors.js";
import { GrammarCache } from "./GrammarCache.js";
import { clearGrammarCache, grammarCacheStats } from "./grammarCacheStats.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { Language } from "./testing/Language.js";

const HAMMER: CallSyntax = { kind: "json-list", open: "```\n", close: "\n```" };
const XLAM: CallSyntax = { kind: "json-list", open: "", close: "", wrapperKey: "tool_calls" };
const QWEN: CallSyntax = { kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" };

const tool = (name: string, properties: Record<string, unknown> = {}, required: string[] = []): ToolDef => ({
  name,
  description: "",
  parameters: { type: "object", properties: properties as ToolDef["parameters"]["properties"], required },
});
const TOOLS = [tool("get", { a: { type: "integer" } }, ["a"]), tool("get_weather", { city: { type: "string" } }, ["city"])];

function lang(choice: ToolChoice, opts: { syntax?: CallSyntax; parallel?: boolean; tools?: ToolDef[] } = {}): Language {
  return Language.of(compileToolGrammar({ syntax: opts.syntax ?? HAMMER, tools: opts.tools ?? TOOLS, choice, parallel: opts.parallel ?? true }));
}
const fence = (s: string): string => "```\n" + s + "\n```";
const GET = '{"name": "get", "arguments": {"a": 1}}';
const WEATHER = '{"name": "get_weather", "arguments": {"city": "Paris"}}';

describe("json-list (Hammer)", () => {
  it("auto: [] or calls, inside the fence", () => {
    const l = lang("auto");
    for (const s of [fence("[]"), fence(`[${GET}]`), fence(`[${GET}, ${WEATHER}, ${GET}]`)]) expect(l.accepts(s), s).toBe(true);
    for (const s of ["[]", fence("[ ]"), fence(`[${GET},${WEATHER}]`), fence(`${GET}`), "```\n[]```", fence('[{"name": "get", "arguments": {}}]')]) {
      expect(l.accepts(s), s).toBe(false);
    }
  });

  it("required: at least one call", () => {
    const l = lang("required");
    expect(l.accepts(fence("[]"))).toBe(false);
    expect(l.accepts(fence(`[${WEATHER}]`))).toBe(true);
  });

  it("named: exactly one call, to that function", () => {
    const l = lang({ type: "function", function: { name: "get_weather" } });
    expect(l.accepts(fence(`[${WEATHER}]`))).toBe(true);
    expect(l.accepts(fence(`[${GET}]`))).toBe(false);
    expect(l.accepts(fence(`[${WEATHER}, ${WEATHER}]`))).toBe(false);
    expect(l.accepts(fence("[]"))).toBe(false);
  });

  it("parallel: false allows at most one call", () => {
    const auto = lang("auto", { parallel: false });
    expect(auto.accepts(fence("[]"))).toBe(true);
    expect(auto.accepts(fence(`[${GET}]`))).toBe(true);
    expect(auto.accepts(fence(`[${GET}, ${WEATHER}]`))).toBe(false);
    const req = lang("required", { parallel: false });
    expect(req.accepts(fence("[]"))).toBe(false);
    expect(req.accepts(fence(`[${GET}, ${GET}]`))).toBe(false);
  });

  it("caps a runaway list at maxCallsPerTurn", () => {
    const l = lang("auto");
    const calls = (n: number): string => fence(`[${Array.from({ length: n }, () => GET).join(", ")}]`);
    expect(l.accepts(calls(GRAMMAR_LIMITS.maxCallsPerTurn))).toBe(true);
    expect(l.accepts(calls(GRAMMAR_LIMITS.maxCallsPerTurn + 1))).toBe(false);
  });

  it("auto with no tools: only []", () => {
    const l = lang("auto", { tools: [] });
    expect(l.accepts(fence("[]"))).toBe(true);
    expect(l.accepts(fence(`[${GET}]`))).toBe(false);
  });
});

describe("json-list with a wrapper key (xLAM)", () => {
  it("wraps the list", () => {
    const l = lang("auto", { syntax: XLAM });
    expect(l.accepts('{"tool_calls": []}')).toBe(true);
    expect(l.accepts(`{"tool_calls": [${GET}]}`)).toBe(true);
    expect(l.accepts("[]")).toBe(false);
    expect(lang("required", { syntax: XLAM }).accepts('{"tool_calls": []}')).toBe(false);
  });
});

describe("tagged (Qwen)", () => {
  const block = (c: string): string => `<tool_call>\n${c}\n</tool_call>`;
  it("auto: free text, calls, or text then calls; text never opens a call", () => {
    const l = lang("auto", { syntax: QWEN });
    for (const s of ["", "Hello!", "a < b, <tool_call without", block(GET), `${block(GET)}\n${block(WEATHER)}`, `Let me check.\n${block(WEATHER)}`]) {
      expect(l.accepts(s), s).toBe(true);
    }
    for (const s of ["<tool_call>\n{oops}", "text <tool_call> more text", `${block(GET)}\n\n${block(GET)}`, `${block(GET)} trailing`, block('{"name": "nope", "arguments": {}}')]) {
      expect(l.accepts(s), s).toBe(false);
    }
  });

  it("required and parallel: false", () => {
    const req = lang("required", { syntax: QWEN });
    expect(req.accepts("Hello")).toBe(false);
    expect(req.accepts(block(GET))).toBe(true);
    const single = lang("required", { syntax: QWEN, parallel: false });
    expect(single.accepts(`${block(GET)}\n${block(GET)}`)).toBe(false);
  });
});

describe("tool names", () => {
  it("a name that is a prefix of another: both reachable, partial names rejected", () => {
    const l = lang("auto");
    expect(l.accepts(fence(`[${GET}]`))).toBe(true);
    expect(l.accepts(fence(`[${WEATHER}]`))).toBe(true);
    for (const name of ["ge", "get_", "get_weather_x", "Get", ""]) {
      expect(l.accepts(fence(`[{"name": "${name}", "arguments": {"a": 1}}]`)), name).toBe(false);
    }
    // arguments follow the name that was chosen
    expect(l.accepts(fence('[{"name": "get", "arguments": {"city": "Paris"}}]'))).toBe(false);
  });

  it("names that need JSON escaping are written escaped", () => {
    const names = ['say "hi"', "back\\slash", "café", "tab\there", "math.factorial"];
    const l = lang("auto", { tools: names.map((n) => tool(n)) });
    for (const n of names) expect(l.accepts(fence(`[{"name": ${JSON.stringify(n)}, "arguments": {}}]`)), n).toBe(true);
    expect(l.accepts(fence('[{"name": "caf\\u00e9", "arguments": {}}]'))).toBe(true);
    expect(l.accepts(fence('[{"name": "say "hi"", "arguments": {}}]'))).toBe(false);
  });

  it("duplicate names: either schema, with a warning", () => {
    const g = compileToolGrammar({ syntax: HAMMER, tools: [tool("f", { a: { type: "integer" } }, ["a"]), tool("f", { b: { type: "string" } }, ["b"])], choice: "auto", parallel: true });
    expect(g?.warnings.join()).toMatch(/share this name/);
    const l = Language.of(g);
    expect(l.accepts(fence('[{"name": "f", "arguments": {"a": 1}}]'))).toBe(true);
    expect(l.accepts(fence('[{"name": "f", "arguments": {"b": "x"}}]'))).toBe(true);
  });
});

describe("raw tool formats", () => {
  it("xLAM flat parameter maps, with optionality from the type string", () => {
    const raw = { name: "live_giveaways_by_type", description: "", parameters: { type: { type: "str", default: "game" }, limit: { type: "int, optional", default: "" } } } as unknown as ToolDef;
    const l = lang("auto", { tools: [raw] });
    expect(l.accepts(fence('[{"name": "live_giveaways_by_type", "arguments": {"type": "beta"}}]'))).toBe(true);
    expect(l.accepts(fence('[{"name": "live_giveaways_by_type", "arguments": {"type": "beta", "limit": 3}}]'))).toBe(true);
    expect(l.accepts(fence('[{"name": "live_giveaways_by_type", "arguments": {"limit": 3}}]'))).toBe(false);
    // An unreadable type string that mentions a default or None still makes its parameter optional.
    const odd = { name: "g", description: "", parameters: { a: { type: "str" }, b: { type: "List[int] or None" } } } as unknown as ToolDef;
    const g = compileToolGrammar({ syntax: HAMMER, tools: [odd], choice: "auto", parallel: true });
    expect(g?.warnings.join()).toMatch(/unknown type "List\[int\] or None"/);
    expect(Language.of(g).accepts(fence('[{"name": "g", "arguments": {"a": "x"}}]'))).toBe(true);
    expect(Language.of(g).accepts(fence('[{"name": "g", "arguments": {"b": 1}}]'))).toBe(false);
  });

  it("BFCL dict/float/any and missing parameters", () => {
    const bfcl = { name: "f", description: "", parameters: { type: "dict", properties: { x: { type: "float" }, y: { type: "any" }, h: { type: "dict" } }, required: ["x"] } } as unknown as ToolDef;
    const l = lang("auto", { tools: [bfcl, { name: "g", description: "" } as unknown as ToolDef] });
    expect(l.accepts(fence('[{"name": "f", "arguments": {"x": 1.5, "y": [1], "h": {"k": "v"}}}]'))).toBe(true);
    expect(l.accepts(fence('[{"name": "g", "arguments": {}}]'))).toBe(true);
    expect(l.accepts(fence('[{"name": "g", "arguments": {"x": 1}}]'))).toBe(false);
  });

  it("reject parameters that are not an object schema, naming the tool", () => {
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: [{ name: "f", description: "", parameters: { type: "string" } } as unknown as ToolDef], choice: "auto", parallel: true }))
      .toThrow(ToolSchemaError);
    try {
      compileToolGrammar({ syntax: HAMMER, tools: [tool("f", { a: { type: "strnig", minLength: "x" } })], choice: "auto", parallel: true });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ToolSchemaError);
      expect((e as ToolSchemaError).toolName).toBe("f");
      expect((e as ToolSchemaError).jsonPath).toBe("/parameters/properties/a/minLength");
    }
  });
});

describe("tool_choice errors and none", () => {
  it("none compiles to no grammar", () => {
    expect(compileToolGrammar({ syntax: HAMMER, tools: TOOLS, choice: "none", parallel: true })).toBeNull();
  });

  it("a named function must exist; required needs tools", () => {
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: TOOLS, choice: { type: "function", function: { name: "nope" } }, parallel: true })).toThrow(ToolChoiceError);
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: [], choice: "required", parallel: true })).toThrow(ToolChoiceError);
  });

  it("an unknown tool_choice is a typed error", () => {
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: TOOLS, choice: "any" as unknown as ToolChoice, parallel: true })).toThrow(ToolChoiceError);
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: TOOLS, choice: { type: "function" } as unknown as ToolChoice, parallel: true })).toThrow(ToolChoiceError);
    expect(() => compileToolGrammar({ syntax: { kind: "xml" } as unknown as CallSyntax, tools: TOOLS, choice: "auto", parallel: true })).toThrow(ToolChoiceError);
  });

  it("cyclic tool objects are a typed error, not a crash", () => {
    const params: Record<string, unknown> = { type: "object" };
    params.properties = { self: params };
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: [{ name: "f", description: "", parameters: params as ToolDef["parameters"] }], choice: "auto", parallel: true })).toThrow(ToolSchemaError);
  });

  it("bad tool names and hostile tool counts fail with typed errors", () => {
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: [tool("")], choice: "auto", parallel: true })).toThrow(ToolSchemaError);
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: [tool("\ud800")], choice: "auto", parallel: true })).toThrow(ToolSchemaError);
    const many = Array.from({ length: GRAMMAR_LIMITS.maxTools + 1 }, (_, i) => tool(`t${i}`));
    expect(() => compileToolGrammar({ syntax: HAMMER, tools: many, choice: "auto", parallel: true })).toThrow(GrammarLimitError);
  });
});

describe("cache", () => {
  it("returns the cached grammar for an equal request and counts hits", () => {
    clearGrammarCache();
    const req = { syntax: HAMMER, tools: TOOLS, choice: "auto" as const, parallel: true };
    const a = compileToolGrammar(req);
    const b = compileToolGrammar({ ...req, tools: TOOLS.map((t) => ({ ...t, description: "changed" })) });
    expect(b).toBe(a);
    expect(grammarCacheStats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
    const c = compileToolGrammar({ ...req, parallel: false });
    expect(c?.key).not.toBe(a?.key);
    expect(compileToolGrammar({ ...req, whitespace: "flexible" })?.key).not.toBe(a?.key);
  });

  it("keys keep float marks (5.0 and 5 print differently)", () => {
    const t1 = { name: "f", description: "", parameters: parseJson('{"type": "object", "properties": {"x": {"enum": [5.0]}}}') } as unknown as ToolDef;
    const t2 = { name: "f", description: "", parameters: parseJson('{"type": "object", "properties": {"x": {"enum": [5]}}}') } as unknown as ToolDef;
    const k1 = compileToolGrammar({ syntax: HAMMER, tools: [t1], choice: "auto", parallel: true })?.key;
    const k2 = compileToolGrammar({ syntax: HAMMER, tools: [t2], choice: "auto", parallel: true })?.key;
    expect(k1).not.toBe(k2);
  });

  it("evicts the least recently used entry", () => {
    const c = new GrammarCache<number>(2);
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1);
    c.set("c", 3);
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe(1);
    expect(c.stats()).toMatchObject({ evictions: 1, size: 2, hits: 2, misses: 1 });
  });
});

describe("flexible whitespace", () => {
  it("accepts pretty-printed calls", () => {
    const l = Language.of(compileToolGrammar({ syntax: HAMMER, tools: TOOLS, choice: "auto", parallel: true, whitespace: "flexible" }));
    expect(l.accepts(fence('[\n    {"name": "get", "arguments": {"a": 1}},\n    {"name":"get_weather","arguments":{"city":"x"}}\n]'))).toBe(true);
    expect(l.accepts(fence("[ ]"))).toBe(true);
  });
});
