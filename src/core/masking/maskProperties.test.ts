import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isFloatAt, parseJson } from "../json/index.js";
import { pyJsonDumps, pyStr } from "../python/index.js";
import { Rng } from "../rng.js";
import type { ToolCall, ToolDef } from "../types.js";
import { maskSample } from "./maskSample.js";
import { maskXlamRecord } from "./maskXlamRecord.js";
import { setSlot } from "./slots.js";
import type { MaskMapping, MaskMode } from "./types.js";
import { unmaskCalls } from "./unmaskCalls.js";

/** A scalar with its Python int/float kind. */
type Scalar = { v: unknown; f: boolean };
const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  { arbitrary: fc.integer({ min: -20, max: 20 }).map((v) => ({ v, f: false })), weight: 4 },
  fc.integer({ min: -20, max: 20 }).map((v) => ({ v, f: true })),
  fc.double({ min: -100, max: 100, noNaN: true }).map((v) => ({ v, f: true })),
  fc.boolean().map((v) => ({ v, f: false })),
  fc.constantFrom("London", "london", "paris", "10", "3.5", "007", "abc", "True", "").map((v) => ({ v, f: false })),
  fc.constant({ v: null, f: false }),
  fc.constant({ v: [1, 2], f: false }),
);

const planArb = fc.record({
  tools: fc.array(fc.record({ params: fc.integer({ min: 0, max: 4 }), defaults: fc.array(fc.option(scalarArb, { freq: 8 }), { minLength: 4, maxLength: 4 }) }), { minLength: 1, maxLength: 2 }),
  calls: fc.array(
    fc.record({
      tool: fc.nat(),
      args: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      // 0: the default, 1: the default + 1..4 (a likely new masked value), else `values`
      source: fc.array(fc.constantFrom(0, 0, 1, 1, 2), { minLength: 4, maxLength: 4 }),
      offset: fc.integer({ min: 1, max: 4 }),
      values: fc.array(scalarArb, { minLength: 4, maxLength: 4 }),
    }),
    { maxLength: 5 },
  ),
  duplicates: fc.array(fc.nat(), { maxLength: 2 }),
  mention: fc.array(fc.nat(), { maxLength: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});
type Plan = typeof planArb extends fc.Arbitrary<infer P> ? P : never;

interface Built {
  query: string;
  xlamTools: Array<Record<string, unknown>>;
  calls: ToolCall[];
}

function slotObject(key: string, s: Scalar): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  setSlot(o, key, s.v, s.f);
  return o;
}

function strOf(s: Scalar): string {
  return pyStr(s.v, slotObject("x", s), "x");
}

/** Tools `tool_i` with parameters `p_j`, gold calls drawing on defaults, a query mentioning some values. */
function build(plan: Plan): Built {
  const xlamTools = plan.tools.map((t, i) => {
    const parameters: Record<string, unknown> = {};
    for (let j = 0; j < t.params; j++) {
      const d = t.defaults[j];
      const schema: Record<string, unknown> = { description: d ? `p${j}, default ${strOf(d)}` : `p${j}`, type: "str" };
      if (d) setSlot(schema, "default", d.v, d.f);
      parameters[`p_${j}`] = schema;
    }
    return { name: `tool_${i}`, description: `Tool ${i}.`, parameters };
  });
  const words: string[] = ["please"];
  const calls = plan.calls.map((c) => {
    const ti = c.tool % plan.tools.length;
    const t = plan.tools[ti] as Plan["tools"][number];
    const args: Record<string, unknown> = {};
    for (let j = 0; j < t.params; j++) {
      if (!c.args[j]) continue;
      const d = t.defaults[j];
      let s = c.values[j] as Scalar;
      if (d && c.source[j] === 0) s = d;
      else if (d && c.source[j] === 1 && typeof d.v === "number") s = { v: d.v + c.offset, f: d.f };
      else if (d && c.source[j] === 1 && typeof d.v === "string" && /^[0-9]+$/.test(d.v)) s = { v: String(Number(d.v) + c.offset), f: false };
      setSlot(args, `p_${j}`, s.v, s.f);
      words.push(strOf(s));
    }
    return { name: `tool_${ti}`, arguments: args };
  });
  for (const d of plan.duplicates) xlamTools.push(xlamTools[d % xlamTools.length] as (typeof xlamTools)[number]);
  const query = plan.mention.map((m) => words[m % words.length]).join(" and ");
  return { query, xlamTools, calls };
}

function toToolDef(t: Record<string, unknown>): ToolDef {
  const properties = t.parameters as Record<string, Record<string, unknown>>;
  return { name: t.name as string, description: t.description as string, parameters: { type: "object", properties, required: Object.keys(properties).slice(0, 1) } };
}

/** The calls' exact JSON text (names, key order, values, int/float kinds). */
const exact = (calls: readonly ToolCall[]) => pyJsonDumps(calls.map((c) => ({ name: c.name, arguments: c.arguments })));

function maskXlam(b: Built, mode: MaskMode, seed: number, options = {}) {
  const r = maskXlamRecord({ query: b.query, tools: b.xlamTools, answers: b.calls }, { mode, ...options }, new Rng(seed));
  return { ...r, toolsParsed: parseJson(r.tools) as Array<Record<string, unknown>>, calls: parseJson(r.answers) as unknown as ToolCall[] };
}

/** JSON kind of `container[key]`: Python's int/float split for numbers. */
function kind(container: object, key: string): string {
  const v = (container as Record<string, unknown>)[key];
  if (typeof v === "number") return isFloatAt(container, key) ? "float" : "int";
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function maskedName(mapping: MaskMapping, fn: string): string {
  return mapping.functions.find((f) => f.original === fn)?.masked ?? fn;
}
function maskedParam(mapping: MaskMapping, fn: string, p: string): string {
  return mapping.params.find((x) => x.function === fn && x.original === p)?.masked ?? p;
}

const RUNS = { numRuns: 500 };

describe("masking properties", () => {
  it("fixed: unmask(mask(calls)) restores the original calls exactly (xLAM and ToolDef paths)", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const b = build(plan);
        const x = maskXlam(b, "fixed", plan.seed);
        expect(exact(unmaskCalls(x.calls, x.mapping))).toBe(exact(b.calls));
        const d = maskSample({ query: b.query, tools: b.xlamTools.map(toToolDef), calls: b.calls }, { mode: "fixed" }, new Rng(plan.seed));
        expect(exact(unmaskCalls(d.sample.calls, d.mapping))).toBe(exact(b.calls));
      }),
      RUNS,
    );
  });

  it("faithful without the default mask: unmask restores names and keys (argument order aside)", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const b = build(plan);
        const x = maskXlam(b, "faithful", plan.seed, { defaults: false });
        const back = unmaskCalls(x.calls, x.mapping);
        const sorted = (calls: readonly ToolCall[]) => calls.map((c) => ({ name: c.name, arguments: Object.fromEntries(Object.entries(c.arguments).sort()) }));
        expect(sorted(back)).toEqual(sorted(b.calls));
      }),
      RUNS,
    );
  });

  it.each(["fixed", "faithful"] as const)("%s: masked calls reference only masked tool names and their masked keys", (mode) => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const b = build(plan);
        const x = maskXlam(b, mode, plan.seed);
        const byName = new Map(x.toolsParsed.map((t) => [t.name as string, Object.keys(t.parameters as object)]));
        expect(byName.size).toBe(new Set(b.xlamTools.map((t) => t.name)).size);
        for (const call of x.calls) {
          expect(byName.has(call.name)).toBe(true);
          for (const k of Object.keys(call.arguments)) expect(byName.get(call.name)).toContain(k);
        }
        for (const t of x.toolsParsed) expect(b.xlamTools.some((o) => o.name === t.name)).toBe(false);
      }),
      RUNS,
    );
  });

  it("fixed: no default or argument changes its JSON type (int/float kind included), and ToolDef `required` follows", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const b = build(plan);
        const x = maskXlam(b, "fixed", plan.seed);
        for (const orig of b.xlamTools) {
          const m = x.toolsParsed.find((t) => t.name === maskedName(x.mapping, orig.name as string)) as Record<string, unknown>;
          const op = orig.parameters as Record<string, object>;
          const mp = m.parameters as Record<string, object>;
          for (const p of Object.keys(op)) {
            const ms = mp[maskedParam(x.mapping, orig.name as string, p)] as object;
            expect(kind(ms, "default")).toBe(kind(op[p] as object, "default"));
          }
        }
        b.calls.forEach((c, i) => {
          const mc = x.calls[i] as ToolCall;
          for (const k of Object.keys(c.arguments)) expect(kind(mc.arguments, maskedParam(x.mapping, c.name, k))).toBe(kind(c.arguments, k));
        });
        const d = maskSample({ query: b.query, tools: b.xlamTools.map(toToolDef), calls: b.calls }, { mode: "fixed" }, new Rng(plan.seed));
        for (const t of d.sample.tools) {
          for (const r of t.parameters.required ?? []) expect(Object.keys(t.parameters.properties)).toContain(r);
        }
      }),
      RUNS,
    );
  });

  it.each(["fixed", "faithful"] as const)("%s: the same seed gives the same output", (mode) => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const b = build(plan);
        const a1 = maskXlam(b, mode, plan.seed);
        const a2 = maskXlam(b, mode, plan.seed);
        expect([a2.query, a2.tools, a2.answers]).toEqual([a1.query, a1.tools, a1.answers]);
        expect(a2.mapping).toEqual(a1.mapping);
      }),
      { numRuns: 100 },
    );
  });

  it("does not modify its input", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const b = build(plan);
        const before = pyJsonDumps([b.xlamTools, b.calls]);
        maskXlam(b, "fixed", plan.seed);
        maskXlam(b, "faithful", plan.seed);
        maskSample({ query: b.query, tools: b.xlamTools.map(toToolDef), calls: b.calls }, {}, new Rng(plan.seed));
        expect(pyJsonDumps([b.xlamTools, b.calls])).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it("embedded output is the plain output escaped as JSON string bodies (same draws, same mapping)", () => {
    const body = (t: string) => JSON.stringify(t).slice(1, -1);
    fc.assert(
      fc.property(planArb, fc.constantFrom<MaskMode>("fixed", "faithful"), (plan, mode) => {
        const b = build(plan);
        const row = { query: b.query, tools: b.xlamTools, answers: b.calls };
        const plain = maskXlamRecord(row, { mode }, new Rng(plan.seed));
        const embedded = maskXlamRecord(row, { mode }, new Rng(plan.seed), true);
        expect(embedded.tools).toBe(body(plain.tools));
        expect(embedded.answers).toBe(body(plain.answers));
        expect(embedded.query).toBe(plain.query);
        expect(embedded.mapping).toEqual(plain.mapping);
      }),
      { numRuns: 200 },
    );
  });
});
