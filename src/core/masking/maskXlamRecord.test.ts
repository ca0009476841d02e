import { describe, expect, it } from "vitest";
import { isFloatAt, parseJson } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import { Rng } from "../rng.js";
import { maskXlamRecord, type MaskedXlamRow } from "./maskXlamRecord.js";
import type { MaskOptions } from "./types.js";

type Tool = { name: string; description: string; parameters: Record<string, Record<string, unknown>> };
type Call = { name: string; arguments: Record<string, unknown> };

function mask(tools: string, answers: string, query: string, options: MaskOptions, seed = 1): MaskedXlamRow {
  return maskXlamRecord({ query, tools: parseJson(tools) as unknown[], answers: parseJson(answers) as unknown[] }, options, new Rng(seed));
}
const toolsOf = (r: MaskedXlamRow) => parseJson(r.tools) as Tool[];
const callsOf = (r: MaskedXlamRow) => parseJson(r.answers) as Call[];

const WEATHER = JSON.stringify([
  { name: "get_weather", description: "Weather for a city, get_weather docs.", parameters: { city: { description: "The city.", type: "str", default: "London" }, days: { description: "Days, default 3.", type: "int", default: 3 } } },
  { name: "get_time", description: "Time.", parameters: { zone: { description: "Zone.", type: "str", default: "UTC" } } },
]);
const WEATHER_CALLS = JSON.stringify([{ name: "get_weather", arguments: { city: "Sydney", days: 5 } }]);

describe.each(["faithful", "fixed"] as const)("function-name mask (%s)", (mode) => {
  const only: MaskOptions = { names: true, params: false, defaults: false, mode };

  it("renames every tool to 5–15 alphabet characters and the calls with it, leaving descriptions", () => {
    for (let seed = 0; seed < 50; seed++) {
      const r = mask(WEATHER, WEATHER_CALLS, "q", only, seed);
      const tools = toolsOf(r);
      expect(tools).toHaveLength(2);
      for (const t of tools) expect(t.name).toMatch(mode === "fixed" ? /^[A-Za-z][A-Za-z_.0-9]{4,14}$/ : /^[A-Za-z_.0-9]{5,15}$/);
      const weather = tools.find((t) => t.description.startsWith("Weather")) as Tool;
      expect(weather.description).toBe("Weather for a city, get_weather docs.");
      expect(callsOf(r)).toEqual([{ name: weather.name, arguments: { city: "Sydney", days: 5 } }]);
      expect(r.mapping.functions.map((f) => f.original)).toEqual(["get_weather", "get_time"]);
    }
  });

  it("dedups by name, re-adds randint(0, N − unique + 1) duplicates and shuffles", () => {
    const a = { name: "a", description: "A", parameters: {} };
    const a2 = { name: "a", description: "A second definition", parameters: {} };
    const b = { name: "b", description: "B", parameters: {} };
    const tools = JSON.stringify([a, a2, a, b]); // N = 4, unique = 2 → 0..3 re-added
    const sizes = new Set<number>();
    const firsts = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const out = toolsOf(mask(tools, "[]", "q", only, seed));
      sizes.add(out.length);
      firsts.add(out[0]?.description as string);
      expect(out.some((t) => t.description === "A second definition")).toBe(false);
      const byName = new Map<string, string>();
      for (const t of out) {
        expect(byName.get(t.name) ?? t.description).toBe(t.description); // duplicates are the same tool
        byName.set(t.name, t.description);
      }
      expect(new Set(byName.values())).toEqual(new Set(["A", "B"]));
    }
    expect([...sizes].sort()).toEqual([2, 3, 4, 5]);
    expect(firsts).toEqual(new Set(["A", "B"]));
  });

  it("re-adds nothing when there were no duplicates", () => {
    for (let seed = 0; seed < 30; seed++) expect(toolsOf(mask(WEATHER, "[]", "q", only, seed))).toHaveLength(2);
  });
});

describe("parameter-name mask", () => {
  it("renames parameters to 4–10 characters and the gold arguments of that tool only", () => {
    for (const mode of ["faithful", "fixed"] as const) {
      for (let seed = 0; seed < 30; seed++) {
        const r = mask(WEATHER, WEATHER_CALLS, "q", { names: false, params: true, defaults: false, mode }, seed);
        const w = toolsOf(r).find((t) => t.name === "get_weather") as Tool;
        const keys = Object.keys(w.parameters);
        expect(keys).toHaveLength(2);
        for (const k of keys) expect(k).toMatch(/^[A-Za-z_.0-9]{4,10}$/);
        expect(w.parameters[keys[0] as string]).toEqual({ description: "The city.", type: "str", default: "London" });
        expect(callsOf(r)).toEqual([{ name: "get_weather", arguments: { [keys[0] as string]: "Sydney", [keys[1] as string]: 5 } }]);
      }
    }
  });

  it("faithful moves argument keys like Python's pop/re-insert (tool order); fixed keeps positions", () => {
    const tools = JSON.stringify([{ name: "f", description: "", parameters: { a: { type: "int" }, b: { type: "int" } } }]);
    const answers = JSON.stringify([{ name: "f", arguments: { extra: 0, b: 2, a: 1 } }]);
    const opts = { names: false, params: true, defaults: false } as const;
    const faithful = mask(tools, answers, "q", { ...opts, mode: "faithful" });
    const fp = faithful.mapping.params;
    expect(Object.entries(callsOf(faithful)[0]?.arguments ?? {})).toEqual([["extra", 0], [fp[0]?.masked, 1], [fp[1]?.masked, 2]]);
    const fixed = mask(tools, answers, "q", { ...opts, mode: "fixed" });
    const xp = fixed.mapping.params;
    expect(Object.entries(callsOf(fixed)[0]?.arguments ?? {})).toEqual([["extra", 0], [xp[1]?.masked, 2], [xp[0]?.masked, 1]]);
  });
});

describe("default-value mask", () => {
  const defaultsOnly = (mode: "faithful" | "fixed"): MaskOptions => ({ names: false, params: false, defaults: true, mode });
  const tool = (params: Record<string, unknown>) => `[{"name": "f", "description": "d", "parameters": ${pyJsonDumps(params)}}]`;

  it("acts only when str(default) == str(gold argument)", () => {
    // "12" vs 12: str-equal → acts; 1.0 vs 1: "1.0" != "1" → leaves it
    const r = mask('[{"name": "f", "description": "d", "parameters": {"n": {"description": "n", "type": "int", "default": "12"}, "x": {"description": "x", "type": "float", "default": 1.0}}}]', '[{"name": "f", "arguments": {"n": 12, "x": 1}}]', "q", defaultsOnly("faithful"));
    const p = toolsOf(r)[0]?.parameters ?? {};
    expect(p.n?.default).toMatch(/^[A-Za-z_.0-9]{5}$/);
    expect(r.tools).toContain('"default": 1.0}');
    // Python `"12" == 12` is False: the gold keeps 12, the query is not rewritten
    expect(callsOf(r)).toEqual([{ name: "f", arguments: { n: 12, x: 1 } }]);
    expect(r.mapping.values.map((v) => v.param)).toEqual(["n"]);
    expect(r.mapping.values[0]?.rewrites).toEqual([]);
  });

  it("skips lists, None and empty-string defaults, and defaults nobody uses", () => {
    for (const mode of ["faithful", "fixed"] as const) {
      const r = mask(
        tool({ l: { default: [1] }, n: { default: null }, e: { default: "" }, u: { default: "unused" } }),
        '[{"name": "f", "arguments": {"l": [1], "n": null, "e": "", "u": "other"}}]',
        "q",
        defaultsOnly(mode),
      );
      expect(r.mapping.values).toEqual([]);
      expect(r.tools).toBe(tool({ l: { default: [1] }, n: { default: null }, e: { default: "" }, u: { default: "unused" } }));
    }
  });

  it("faithful: int + randint(1,4), str → 5 characters, float and bool → + random()", () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const r = mask(
        tool({ i: { description: "i is 10", default: 10 }, s: { description: "in London", default: "London" }, f: { description: "f 2.5", default: 2.5 }, b: { description: "Defaults to True.", default: true } }),
        '[{"name": "f", "arguments": {"i": 10, "s": "London", "f": 2.5, "b": true}}]',
        "10 in London",
        defaultsOnly("faithful"),
        seed,
      );
      const p = toolsOf(r)[0]?.parameters ?? {};
      const i = p.i?.default as number;
      seen.add(i - 10);
      expect(Number.isInteger(i) && i >= 11 && i <= 14).toBe(true);
      expect(p.s?.default).toMatch(/^[A-Za-z_.0-9]{5}$/);
      expect(p.f?.default as number).toBeGreaterThanOrEqual(2.5);
      expect(p.f?.default as number).toBeLessThan(3.5);
      expect(typeof p.b?.default).toBe("number"); // Hammer's quirk: True + random() is a float
      expect(p.b?.description).toBe(`Defaults to ${String(p.b?.default)}.`);
      expect(p.i?.description).toBe(`i is ${i}`);
      expect(callsOf(r)[0]?.arguments).toEqual({ i, s: p.s?.default, f: p.f?.default, b: p.b?.default });
      expect(p.f?.description).toBe(`f ${String(p.f?.default)}`);
      expect(r.query).toBe(`${i} in ${p.s?.default as string}`);
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it("faithful follows Python == for the gold (True == 1) and substring-rewrites the query", () => {
    const r = mask(tool({ n: { description: "n", default: 1 } }), '[{"name": "f", "arguments": {"n": 1}}, {"name": "f", "arguments": {"n": true}}]', "1 or 100", defaultsOnly("faithful"));
    const n = toolsOf(r)[0]?.parameters.n?.default as number;
    expect(callsOf(r).map((c) => c.arguments.n)).toEqual([n, n]);
    expect(r.query).toBe(`${n} or ${n}00`); // "100" is hit as a substring
  });

  it("rewrites the query in four casings", () => {
    for (const mode of ["faithful", "fixed"] as const) {
      const r = mask(tool({ c: { description: "c", default: "new York" } }), '[{"name": "f", "arguments": {"c": "new York"}}]', "new York, New york, new york, NEW YORK, nEW yORK", defaultsOnly(mode));
      const v = toolsOf(r)[0]?.parameters.c?.default as string;
      const cap = v.charAt(0).toUpperCase() + v.slice(1).toLowerCase();
      expect(r.query).toBe(`${v}, ${cap}, ${v.toLowerCase()}, ${v.toUpperCase()}, nEW yORK`);
    }
  });

  it("fixed: whole tokens only, JSON types kept (float marks too), booleans left alone", () => {
    for (let seed = 0; seed < 100; seed++) {
      const r = mask(
        '[{"name": "f", "description": "d", "parameters": {"i": {"description": "10 of 100", "default": 10}, "x": {"description": "x", "default": 2.0}, "b": {"description": "Defaults to True.", "default": true}, "s": {"description": "s", "default": "72"}}}]',
        '[{"name": "f", "arguments": {"i": 10, "x": 2.0, "b": true, "s": 72}}]',
        "use 10 not 100 or 10.5; x=2.0; s=72",
        defaultsOnly("fixed"),
        seed,
      );
      const t = toolsOf(r)[0] as Tool;
      const call = callsOf(r)[0] as Call;
      const i = t.parameters.i?.default as number;
      expect(Number.isInteger(i) && i > 10 && i <= 14).toBe(true);
      expect(t.parameters.i?.description).toBe(`${i} of 100`);
      expect(r.query.startsWith(`use ${i} not 100 or 10.5; x=`)).toBe(true);
      expect(isFloatAt(t.parameters.x as object, "default")).toBe(true);
      expect(isFloatAt(call.arguments, "x")).toBe(true);
      expect(call.arguments.x).toBe(t.parameters.x?.default);
      expect(t.parameters.b).toEqual({ description: "Defaults to True.", default: true });
      expect(call.arguments.b).toBe(true);
      // "72" (string default) and 72 (int gold) move together and keep their types
      expect(typeof t.parameters.s?.default).toBe("string");
      expect(call.arguments.s).toBe(Number(t.parameters.s?.default));
      expect(r.query.endsWith(`; s=${String(call.arguments.s)}`)).toBe(true);
    }
  });

  it("fixed: a boolean default stays, even when a gold string reads 'True'", () => {
    const tools = tool({ b: { description: "Defaults to True.", default: true } });
    const r = mask(tools, '[{"name": "f", "arguments": {"b": "True"}}]', "say True", defaultsOnly("fixed"));
    expect([r.tools, r.answers, r.query, r.mapping.values]).toEqual([tools, '[{"name": "f", "arguments": {"b": "True"}}]', "say True", []]);
  });

  it("fixed: a new value never collides with another gold value or a query token", () => {
    for (let seed = 0; seed < 100; seed++) {
      const r = mask(tool({ n: { description: "n", default: 10 } }), '[{"name": "f", "arguments": {"n": 10}}, {"name": "f", "arguments": {"n": 11}}]', "10 and 11, not 12 or 13", defaultsOnly("fixed"), seed);
      const n = toolsOf(r)[0]?.parameters.n?.default;
      expect(n).toBe(14);
      expect(callsOf(r).map((c) => c.arguments.n)).toEqual([14, 11]);
      expect(r.query).toBe("14 and 11, not 12 or 13");
    }
    // every candidate (11..14) taken: the parameter is left alone
    const r = mask(tool({ n: { description: "n", default: 10 } }), '[{"name": "f", "arguments": {"n": 10}}]', "10 11 12 13 14", defaultsOnly("fixed"));
    expect(r.mapping.values).toEqual([]);
    expect(r.query).toBe("10 11 12 13 14");
  });

  it("dedups the tools without re-adding and keeps the tools' order", () => {
    const tools = '[{"name": "a", "description": "", "parameters": {}}, {"name": "b", "description": "", "parameters": {}}, {"name": "a", "description": "", "parameters": {}}]';
    expect(toolsOf(mask(tools, "[]", "q", defaultsOnly("faithful"))).map((t) => t.name)).toEqual(["a", "b"]);
  });
});

describe("full pipeline on xLAM rows", () => {
  it("re-serialises with Python json.dumps (ASCII escapes, float marks, key order)", () => {
    const tools = '[{"name": "caf\\u00e9", "description": "Fran\\u00e7ais \\"q\\"", "parameters": {"p": {"description": "p", "type": "float", "default": 1.0}}, "extra": 5.0}]';
    const r = mask(tools, '[{"name": "caf\\u00e9", "arguments": {"p": 3.0}}]', "q", { mode: "fixed" });
    const name = r.mapping.functions[0]?.masked as string;
    const param = r.mapping.params[0]?.masked as string;
    expect(r.tools).toBe(`[{"name": "${name}", "description": "Fran\\u00e7ais \\"q\\"", "parameters": {"${param}": {"description": "p", "type": "float", "default": 1.0}}, "extra": 5.0}]`);
    expect(r.answers).toBe(`[{"name": "${name}", "arguments": {"${param}": 3.0}}]`);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const a = mask(WEATHER, WEATHER_CALLS, "Weather in London for 3 days", {}, 5);
    const b = mask(WEATHER, WEATHER_CALLS, "Weather in London for 3 days", {}, 5);
    const c = mask(WEATHER, WEATHER_CALLS, "Weather in London for 3 days", {}, 6);
    expect(b).toEqual(a);
    expect(b.tools).toBe(a.tools);
    expect(c.tools).not.toBe(a.tools);
  });

  it("rejects tools it cannot mask with a typed error naming the tool", () => {
    expect(() => mask('[{"name": "f", "parameters": [1]}]', "[]", "q", {})).toThrow(/tool "f" at \/parameters/);
    expect(() => mask('[{"name": "f", "parameters": {"type": "object", "properties": {}}}]', "[]", "q", {})).toThrow(/JSON Schema/);
    expect(() => mask('[{"name": "f", "parameters": {"a": "str"}}]', "[]", "q", {})).toThrow(/\/parameters\/a/);
    expect(() => mask("[3]", "[]", "q", {})).toThrow(/string name/);
    expect(() => mask("[]", '[{"name": 1}]', "q", {})).toThrow(/string "name"/);
    const params = Object.fromEntries(Array.from({ length: 4097 }, (_, i) => [`p${i}`, { type: "int" }]));
    expect(() => mask(JSON.stringify([{ name: "f", parameters: params }]), "[]", "q", {})).toThrow(/too large to mask: 4097 parameters/);
  });
});
