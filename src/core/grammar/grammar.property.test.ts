import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { pyJsonDumps } from "../python/index.js";
import { hashString, Rng } from "../rng.js";
import type { ToolDef } from "../types.js";
import { compileSchemaGrammar } from "./compileSchemaGrammar.js";
import { compileToolGrammar } from "./compileToolGrammar.js";
import { Language } from "./testing/Language.js";

/**
 * The guarantee, checked on random schemas over the supported keywords:
 * 1. every string sampled from the grammar parses and validates with ajv (soundness);
 * 2. every valid instance, written as json.dumps writes it, is accepted (completeness on the
 *    canonical spelling);
 * 3. a valid instance with one character changed that ajv rejects is rejected by the grammar.
 * Each schema also compiles without warnings: the generator only uses exact features.
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: false }));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;
/** What the compiler gets (raw type strings allowed) and its standard equivalent, for ajv. */
type Pair = { raw: Schema; std: Schema };
/** A schema, its valid instances, and definitions to hoist to the root's `$defs`. */
type Gen = Pair & { value: fc.Arbitrary<Json>; defs: Record<string, Pair> };

const NAMES = ["a", "ab", "abc", "b", "name", "x y", 'q"uote', "back\\slash", "é", "😀", "", "tab\there", "nul\u0000"];

const finiteNumber = fc
  .double({ min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true })
  .filter((x) => x === 0 || Math.abs(x) >= 1e-90);
const text = (min = 0, max = 12): fc.Arbitrary<string> => fc.string({ unit: "binary", minLength: min, maxLength: max });
const key = (max = 4): fc.Arbitrary<string> => text(0, max).filter((k) => k !== "__proto__");

const anyJson: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    finiteNumber,
    fc.integer(),
    text(),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(key(), tie("v"), { maxKeys: 3, noNullPrototype: true }),
  ),
})).v;

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const dateArb = fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const timeArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.integer({ min: 0, max: 999 })), fc.option(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))))
  .map(([h, m, s, ms, tz]) => `${pad(h)}:${pad(m)}:${pad(s)}${ms === null ? "" : `.${pad(ms, 3)}`}${tz === null ? "Z" : `${tz[0] ? "+" : "-"}${pad(tz[1])}:${pad(tz[2])}`}`);
const formats: Record<string, fc.Arbitrary<string>> = {
  date: dateArb,
  time: timeArb,
  "date-time": fc.tuple(dateArb, timeArb).map(([d, t]) => `${d}T${t}`),
  uuid: fc.uuid(),
  email: fc.tuple(fc.stringMatching(/^[a-z0-9]{1,6}$/), fc.stringMatching(/^[a-z]{1,6}$/)).map(([u, d]) => `${u}@${d}.com`),
};

const plain = (schema: Schema, value: fc.Arbitrary<Json>): Gen => ({ raw: schema, std: schema, value, defs: {} });
const rawType = (raw: Schema, std: Schema, value: fc.Arbitrary<Json>): Gen => ({ raw, std, value, defs: {} });
const defsOf = (...gs: Gen[]): Record<string, Pair> => Object.assign({}, ...gs.map((g) => g.defs));
/** A definition name derived from its content, so equal names always mean equal schemas. */
const defName = (prefix: string, p: Pair): string => `${prefix}${hashString(JSON.stringify(p.raw)).toString(36)}`;

function leaf(): fc.Arbitrary<Gen> {
  return fc.oneof(
    fc.tuple(fc.nat(4), fc.option(fc.nat(6))).map(([min, span]): Gen => {
      const max = span === null ? undefined : min + span;
      return plain({ type: "string", minLength: min, ...(max === undefined ? {} : { maxLength: max }) }, text(min, max ?? min + 8));
    }),
    fc.constantFrom(...Object.keys(formats)).map((f): Gen => plain({ type: "string", format: f }, formats[f] as fc.Arbitrary<string>)),
    fc.tuple(fc.option(fc.integer({ min: -2000, max: 2000 })), fc.option(fc.nat(3000))).map(([lo, span]): Gen => {
      if (lo === null) return plain({ type: "integer" }, fc.integer());
      const schema: Schema = { type: "integer", minimum: lo };
      if (span !== null) schema.maximum = lo + span;
      return plain(schema, fc.integer({ min: lo, max: span === null ? lo + 100000 : lo + span }));
    }),
    fc.constant(plain({ type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 100 }, fc.integer({ min: 1, max: 99 }))),
    fc.constant(plain({ type: "number" }, finiteNumber)),
    fc.constant(plain({ type: "number", minimum: 0 }, finiteNumber.map((x) => Math.abs(x) + 0))),
    fc.constant(plain({ type: "boolean" }, fc.boolean())),
    fc.constant(plain({ type: "null" }, fc.constant(null))),
    fc.constant(plain({}, anyJson)),
    fc.array(anyJson, { minLength: 1, maxLength: 5 }).map((values): Gen => plain({ enum: values }, fc.constantFrom(...values))),
    anyJson.map((c): Gen => plain({ const: c }, fc.constant(c))),
    // raw BFCL / xLAM type strings, with their standard meaning for ajv
    fc.constant(rawType({ type: "float" }, { type: "number" }, finiteNumber)),
    fc.constant(rawType({ type: "any" }, {}, anyJson)),
    fc.constant(rawType({ type: "dict" }, { type: "object" }, fc.dictionary(key(), anyJson, { maxKeys: 3, noNullPrototype: true }))),
    fc.constant(rawType({ type: "List[int]" }, { type: "array", items: { type: "integer" } }, fc.array(fc.integer(), { maxLength: 4 }))),
    fc.constant(rawType({ type: "Optional[str]" }, { type: ["string", "null"] }, fc.option(text(), { nil: null }))),
    fc.constant(rawType({ type: "Dict[str, int]" }, { type: "object", additionalProperties: { type: "integer" } }, fc.dictionary(key(), fc.integer(), { maxKeys: 3, noNullPrototype: true }))),
    fc.constant(rawType({ type: "str, optional" }, { type: "string" }, text())),
    fc.constant(rawType({ type: "Tuple[int, str]" }, { type: "array", prefixItems: [{ type: "integer" }, { type: "string" }], minItems: 2, maxItems: 2 }, fc.tuple(fc.integer(), text()))),
  );
}

function gen(depth: number): fc.Arbitrary<Gen> {
  if (depth <= 0) return leaf();
  const sub = gen(depth - 1);
  const object = fc
    .tuple(fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }), fc.array(sub, { minLength: 4, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.option(sub), fc.boolean())
    .map(([names, subs, req, extra, closed]): Gen => objectGen(names, subs, req, extra, closed));
  const map = (gs: Gen[], f: (ss: Schema[]) => Schema, value: fc.Arbitrary<Json>): Gen => ({
    raw: f(gs.map((g) => g.raw)),
    std: f(gs.map((g) => g.std)),
    value,
    defs: defsOf(...gs),
  });
  return fc.oneof(
    { depthSize: "small" },
    leaf(),
    object,
    sub.map((g) => map([g], ([s]) => ({ type: "object", additionalProperties: s }), fc.dictionary(key(5), g.value, { maxKeys: 3, noNullPrototype: true }))),
    fc.tuple(sub, fc.nat(2), fc.option(fc.nat(3))).map(([g, min, span]): Gen => {
      const max = span === null ? undefined : min + span;
      const bounds = { minItems: min, ...(max === undefined ? {} : { maxItems: max }) };
      return map([g], ([s]) => ({ type: "array", items: s, ...bounds }), fc.array(g.value, { minLength: min, maxLength: max ?? min + 3 }));
    }),
    fc.tuple(fc.array(sub, { minLength: 1, maxLength: 3 }), fc.nat(3)).map(([gs, m]): Gen => {
      const min = Math.min(m, gs.length);
      const value = fc.integer({ min, max: gs.length }).chain((k) => fc.tuple(...gs.slice(0, k).map((g) => g.value)));
      return map(gs, (ss) => ({ type: "array", prefixItems: ss, items: false, minItems: min }), value);
    }),
    fc.array(sub, { minLength: 1, maxLength: 3 }).map((gs) => map(gs, (ss) => ({ anyOf: ss }), fc.oneof(...gs.map((g) => g.value)))),
    sub.map((g) => map([g], ([s]) => ({ anyOf: [s, { type: "null" }] }), fc.option(g.value, { nil: null }))),
    fc.shuffledSubarray([
      plain({ type: "string" }, text()),
      plain({ type: "integer" }, fc.integer()),
      plain({ type: "boolean" }, fc.boolean()),
      plain({ type: "array", items: { type: "integer" } }, fc.array(fc.integer(), { maxLength: 2 })),
    ], { minLength: 2 }).map((gs) => map(gs, (ss) => ({ oneOf: ss }), fc.oneof(...gs.map((g) => g.value)))),
    fc.tuple(sub, sub).map(([g1, g2]): Gen => {
      // allOf of two object parts with distinct keys: the merged object has both, in order.
      const a = objectGen(["p"], [g1], [true], null, false);
      const b = objectGen(["q", "r"], [g2, g1], [false, true], null, false);
      const value = fc.tuple(a.value, b.value).map(([x, y]) => ({ ...(x as object), ...(y as object) }) as Json);
      return map([a, b], ([sa, sb]) => ({ allOf: [sa, sb] }), value);
    }),
    sub.map((g): Gen => {
      const name = defName("d", g);
      const out = map([g], () => ({ type: "array", items: { $ref: `#/$defs/${name}` } }), fc.array(g.value, { maxLength: 2 }));
      out.defs[name] = { raw: g.raw, std: g.std };
      return out;
    }),
    sub.map((g): Gen => {
      // A recursive list through $ref; instances nest a few levels.
      const name = defName("node", g);
      const node = (s: Schema): Schema => ({ type: "object", properties: { v: s, next: { $ref: `#/$defs/${name}` } }, required: ["v"] });
      const value: fc.Arbitrary<Json> = fc.letrec<{ n: Json }>((tie) => ({
        n: fc.tuple(g.value, fc.option(tie("n"), { depthSize: "small" })).map(([v, next]): Json => (next === null ? { v } : { v, next: next as Json })),
      })).n;
      const out = map([g], () => ({ $ref: `#/$defs/${name}` }), value);
      out.defs[name] = { raw: node(g.raw), std: node(g.std) };
      return out;
    }),
  );
}

function objectGen(names: string[], subs: Gen[], req: boolean[], extra: Gen | null, closed: boolean): Gen {
  const props = names.map((n, i) => ({ name: n, g: subs[i] as Gen, required: req[i] as boolean }));
  const build = (pick: (g: Pair) => Schema): Schema => {
    const schema: Schema = {
      type: "object",
      properties: Object.fromEntries(props.map((p) => [p.name, pick(p.g)])),
      required: props.filter((p) => p.required).map((p) => p.name),
    };
    if (extra) schema.additionalProperties = pick(extra);
    else if (closed) schema.additionalProperties = false;
    return schema;
  };
  const extraKeys = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/).filter((k) => !names.includes(k)), { maxLength: extra ? 2 : 0 });
  const value = fc
    .tuple(fc.tuple(...props.map((p) => fc.tuple(p.g.value, p.required ? fc.constant(true) : fc.boolean()))), extraKeys, extra ? fc.array(extra.value, { minLength: 2, maxLength: 2 }) : fc.constant([] as Json[]))
    .map(([vals, keys, extras]) => {
      const o: Record<string, Json> = {};
      props.forEach((p, i) => {
        const [v, present] = vals[i] as [Json, boolean];
        if (present) o[p.name] = v;
      });
      keys.forEach((k, i) => (o[k] = extras[i] as Json));
      return o as Json;
    });
  return { raw: build((g) => g.raw), std: build((g) => g.std), value, defs: defsOf(...subs, ...(extra ? [extra] : [])) };
}

/** Root schemas: definitions hoisted into `$defs`. */
function rooted(g: Gen): { raw: Schema; std: Schema } {
  const names = Object.keys(g.defs);
  if (names.length === 0) return { raw: g.raw, std: g.std };
  const defs = (pick: (p: Pair) => Schema): Schema => Object.fromEntries(names.map((n) => [n, pick(g.defs[n] as Pair)]));
  return { raw: { ...g.raw, $defs: defs((p) => p.raw) }, std: { ...g.std, $defs: defs((p) => p.std) } };
}

const schemaWithValues = gen(2).chain((g) => fc.tuple(fc.constant(rooted(g)), fc.array(g.value, { minLength: 1, maxLength: 3 }), fc.integer()));

describe("compiled schema grammars (property)", () => {
  it("sampled strings are valid; valid instances are accepted; broken ones are rejected", () => {
    fc.assert(
      fc.property(schemaWithValues, fc.boolean(), ([schema, values, seed], ascii) => {
        const compiled = compileSchemaGrammar(schema.raw);
        expect(compiled.warnings).toEqual([]);
        const l = Language.of(compiled);
        const validate = ajv.compile(schema.std);
        const rng = new Rng(seed);
        for (let i = 0; i < 4; i++) {
          const s = l.sample(rng, { maxDepth: 25 });
          const parsed = JSON.parse(s) as unknown;
          if (!validate(parsed)) throw new Error(`sampled ${JSON.stringify(s)} is invalid: ${ajv.errorsText(validate.errors)}`);
        }
        for (const v of values) {
          expect(validate(v), `generator produced an invalid instance ${JSON.stringify(v)}`).toBe(true);
          const textOf = pyJsonDumps(v, { ensureAscii: ascii });
          expect(l.accepts(textOf), `rejects valid ${textOf}`).toBe(true);
          const chars = [...textOf];
          const k = rng.int(0, chars.length - 1);
          chars[k] = rng.pick(['"', "0", "1", "-", "a", "}", "]", ",", "null", "true", ".5", "e9", ""]);
          const broken = chars.join("");
          let parsed: unknown;
          try {
            parsed = JSON.parse(broken);
          } catch {
            continue;
          }
          if (!validate(parsed)) expect(l.accepts(broken), `accepts invalid ${broken}`).toBe(false);
        }
      }),
      { numRuns: 250 },
    );
  });
});

describe("compiled tool grammars (property)", () => {
  it("every sampled turn parses into calls of known tools with valid arguments", () => {
    const toolGen = gen(1).chain((g) => fc.tuple(fc.constantFrom("get", "get_weather", "getter", "math.sum", 'q"t'), fc.constant(rooted(objectGen(["a", "b"], [g, g], [true, false], null, false)))));
    fc.assert(
      fc.property(fc.uniqueArray(toolGen, { minLength: 1, maxLength: 4, selector: ([n]) => n }), fc.constantFrom("auto", "required"), fc.integer(), (defs, choice, seed) => {
        const tools: ToolDef[] = defs.map(([name, p]) => ({ name, description: "", parameters: p.raw as ToolDef["parameters"] }));
        const standard = new Map<string, Schema>(defs.map(([name, p]) => [name, p.std]));
        const compiled = compileToolGrammar({ syntax: { kind: "json-list", open: "```\n", close: "\n```" }, tools, choice, parallel: true });
        const l = Language.of(compiled);
        const rng = new Rng(seed);
        const validators = new Map(tools.map((t) => [t.name, ajv.compile(standard.get(t.name) as Schema)]));
        for (let i = 0; i < 4; i++) {
          const s = l.sample(rng, { maxDepth: 25 });
          expect(s.startsWith("```\n") && s.endsWith("\n```")).toBe(true);
          const calls = JSON.parse(s.slice(4, -4)) as Array<{ name: string; arguments: unknown }>;
          if (choice === "required") expect(calls.length).toBeGreaterThan(0);
          for (const c of calls) {
            expect(Object.keys(c)).toEqual(["name", "arguments"]);
            const v = validators.get(c.name);
            expect(v, c.name).toBeDefined();
            if (v && !v(c.arguments)) throw new Error(`invalid arguments for ${c.name}: ${ajv.errorsText(v.errors)}`);
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe("recursive schemas (property)", () => {
  type Shape = { props: Array<"v" | "next" | "kids" | "alt">; required: boolean[]; minKids: number; viaAllOf: boolean; atRoot: boolean };
  const shapeArb: fc.Arbitrary<Shape> = fc.record({
    props: fc.uniqueArray(fc.constantFrom("v" as const, "next" as const, "kids" as const, "alt" as const), { minLength: 1, maxLength: 4 }),
    required: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    minKids: fc.nat(2),
    viaAllOf: fc.boolean(),
    atRoot: fc.boolean(),
  });

  /** A node type that refers to itself through `next`, `kids` and `alt`; finite unless `next`, or `kids` with minItems ≥ 1, is required. */
  function build(shape: Shape, g: Gen): { schema: Schema; std: Schema; finite: boolean; value: fc.Arbitrary<Json> } {
    const ref = shape.atRoot ? "#" : "#/$defs/node";
    const self = (): Schema => (shape.viaAllOf ? { allOf: [{ $ref: ref }], description: "again" } : { $ref: ref });
    const req = (i: number): boolean => shape.required[i] as boolean;
    const props = (leafSchema: Schema): Record<string, Schema> =>
      Object.fromEntries(
        shape.props.map((p) => {
          if (p === "v") return [p, leafSchema];
          if (p === "next") return [p, self()];
          if (p === "kids") return [p, { type: "array", items: self(), minItems: shape.minKids, maxItems: shape.minKids + 1 }];
          return [p, { anyOf: [self(), leafSchema] }];
        }),
      );
    const node = (leafSchema: Schema): Schema => ({ type: "object", properties: props(leafSchema), required: shape.props.filter((_, i) => req(i)) });
    const wrap = (n: Schema): Schema => (shape.atRoot ? n : { $ref: "#/$defs/node", $defs: { node: n } });
    const finite = shape.props.every((p, i) => !req(i) || (p !== "next" && !(p === "kids" && shape.minKids > 0)));
    // Nesting is bounded (maxDepth over one depth counter): a node may hold 3 kids.
    const depth = { depthSize: "small", maxDepth: 3, depthIdentifier: "node" } as const;
    const value: fc.Arbitrary<Json> = fc.letrec<{ n: Json }>((tie) => ({
      n: fc.tuple(...shape.props.map((p, i) => {
        const v: fc.Arbitrary<Json> =
          p === "v" ? g.value : p === "next" ? tie("n") : p === "kids" ? fc.array(tie("n"), { minLength: shape.minKids, maxLength: shape.minKids + 1 }) : fc.oneof(depth, g.value, tie("n"));
        return req(i) ? v.map((x) => [x]) : fc.option(v.map((x) => [x]), { ...depth, nil: null });
      })).map((parts) => Object.fromEntries(shape.props.flatMap((p, i) => (parts[i] === null ? [] : [[p, (parts[i] as Json[])[0]]]))) as Json),
    })).n;
    return { schema: wrap(node(g.raw)), std: wrap(node(g.std)), finite, value };
  }

  it("finite ones compile (every rule can finish, samples validate, instances are accepted); the others are refused naming the path", () => {
    const cases = fc.tuple(shapeArb, leaf().filter((g) => Object.keys(g.defs).length === 0), fc.integer());
    fc.assert(
      fc.property(cases, ([shape, g, seed]) => {
        const { schema, std, finite, value } = build(shape, g);
        if (!finite) {
          expect(() => compileSchemaGrammar(schema)).toThrow(/admits no finite value: it must contain itself again without end \(#/);
          return;
        }
        const compiled = compileSchemaGrammar(schema);
        expect(compiled.warnings).toEqual([]);
        const l = Language.of(compiled);
        expect(l.deadRules()).toEqual([]);
        const validate = ajv.compile(std);
        const rng = new Rng(seed);
        for (let i = 0; i < 4; i++) {
          const s = l.sample(rng, { maxDepth: 10 });
          if (!validate(JSON.parse(s))) throw new Error(`sampled ${JSON.stringify(s)} is invalid: ${ajv.errorsText(validate.errors)}`);
        }
        for (const v of fc.sample(value, { numRuns: 2, seed })) {
          expect(validate(v), `generator produced an invalid instance ${JSON.stringify(v)}`).toBe(true);
          expect(l.accepts(pyJsonDumps(v)), `rejects valid ${pyJsonDumps(v)}`).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
