import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import { parseJson } from "../json/index.js";
import { compileJsonObjectGrammar, compileSchemaGrammar } from "./compileSchemaGrammar.js";
import { GrammarLimitError } from "./errors.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { Language } from "./testing/Language.js";

const lang = (schema: unknown, whitespace?: "canonical" | "flexible"): Language =>
  Language.of(compileSchemaGrammar(schema, whitespace ? { whitespace } : {}));

function check(schema: unknown, accept: string[], reject: string[]): void {
  const l = lang(schema);
  for (const s of accept) expect(l.accepts(s), `should accept ${s}`).toBe(true);
  for (const s of reject) expect(l.accepts(s), `should reject ${s}`).toBe(false);
}

describe("strings", () => {
  it("accept escapes and any scalar value; reject what breaks JSON or UTF-8", () => {
    check(
      { type: "string" },
      ['""', '"abc"', '"a\\"b"', '"\\\\"', '"\\n\\t\\/\\b\\f\\r"', '"\\u00e9\\u00E9"', '"é😀\u{10ffff}\ue000"', '"\\ud83d\\ude00"', '"\u007f"'],
      ['"a"b"', '"a\nb"', '"\\x41"', "'a'", '"\\ud800"', '"\\udc00\\ud800"', '"\\ud83d"', '"abc', 'abc"', '"\\u12"', '"\u0000"'],
    );
  });

  it("count minLength/maxLength in code points (an escape or an astral char is one)", () => {
    check(
      { type: "string", minLength: 2, maxLength: 3 },
      ['"ab"', '"abc"', '"😀😀"', '"\\n\\n"', '"\\ud83d\\ude00a"', '"é€😀"'],
      ['"a"', '""', '"abcd"', '"😀"', '"\\n"', '"😀😀😀😀"'],
    );
    check({ type: "string", maxLength: 0 }, ['""'], ['"a"']);
  });

  it("widen maxLength above the cap, with a warning", () => {
    const g = compileSchemaGrammar({ type: "string", maxLength: GRAMMAR_LIMITS.maxStringLengthBound + 1 });
    expect(g.warnings.join()).toMatch(/maxLength .* not enforced/);
    expect(Language.of(g).accepts(`"${"a".repeat(GRAMMAR_LIMITS.maxStringLengthBound + 50)}"`)).toBe(true);
  });

  it("widen pattern and unknown formats, with a warning naming the path", () => {
    const g = compileSchemaGrammar({ type: "object", properties: { z: { type: "string", pattern: "^[0-9]{5}$" }, u: { type: "string", format: "uri" } } });
    expect(g.warnings).toContain("response_format/properties/z/pattern: pattern is not enforced by the grammar (widened)");
    expect(g.warnings.some((w) => w.startsWith("response_format/properties/u/format:"))).toBe(true);
    expect(Language.of(g).accepts('{"z": "abc", "u": "x"}')).toBe(true);
  });
});

describe("formats", () => {
  it("date: real calendar dates only", () => {
    check(
      { type: "string", format: "date" },
      ['"2024-02-29"', '"2000-02-29"', '"2023-12-31"', '"0000-01-01"', '"2023-04-30"'],
      ['"2023-02-29"', '"1900-02-29"', '"2023-04-31"', '"2023-13-01"', '"2023-00-10"', '"2023-01-00"', '"23-01-01"', '"2023-1-01"'],
    );
  });

  it("time and date-time: RFC 3339 with a zone", () => {
    check({ type: "string", format: "time" }, ['"12:30:00Z"', '"23:59:59.123+05:30"', '"00:00:00-23:59"'], ['"24:00:00Z"', '"12:30:00"', '"12:60:00Z"', '"12:30Z"']);
    check({ type: "string", format: "date-time" }, ['"2024-01-31T08:00:00Z"'], ['"2024-01-31 08:00:00Z"', '"2024-02-30T08:00:00Z"']);
  });

  it("uuid and email", () => {
    check({ type: "string", format: "uuid" }, ['"123e4567-e89b-12d3-a456-426614174000"'], ['"123e4567e89b12d3a456426614174000"', '"123e4567-e89b-12d3-a456-42661417400g"']);
    check({ type: "string", format: "email" }, ['"a.b+c@example.co.uk"', '"x@y.z"'], ['"a@b"', '"@b.c"', '"a..b@c.d"', '"a@-b.c"', '"a b@c.d"']);
  });
});

describe("numbers", () => {
  it("integers: no fraction, no exponent, no leading zeros", () => {
    check({ type: "integer" }, ["0", "-5", "123", "9999999999999999"], ["1.0", "1e3", "-0", "01", "1.5", "", "+1", "99999999999999999"]);
  });

  it("integer bounds, inclusive and exclusive (draft-04 and later)", () => {
    check({ type: "integer", minimum: -3, maximum: 10 }, ["-3", "0", "10"], ["-4", "11"]);
    check({ type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 5 }, ["1", "4"], ["0", "5"]);
    check({ type: "integer", minimum: 0, exclusiveMinimum: true, maximum: 2.5 }, ["1", "2"], ["0", "3"]);
    expect(() => compileSchemaGrammar({ type: "integer", minimum: 5, maximum: 4 })).toThrow(ToolSchemaError);
  });

  it("numbers: finite JSON numbers with bounded exponent", () => {
    check(
      { type: "number" },
      ["1", "-1.5", "1e-05", "1.5E+10", "0.0001", "-0.0", "1.7976931348623157e+99", "12345678901234567890.5e1".slice(4)],
      ["1.", ".5", "01", "1e", "1e100", "NaN", "Infinity", "+1", "1e+308", "- 1"],
    );
  });

  it("the cheap exact bounds minimum 0 and exclusiveMinimum 0", () => {
    check({ type: "number", minimum: 0 }, ["0", "0.5", "3e2"], ["-1", "-0.5"]);
    check({ type: "number", exclusiveMinimum: 0 }, ["0.001", "1", "2.5e-3"], ["0", "0.0", "0e5", "-1", "0.000"]);
    expect(compileSchemaGrammar({ type: "number", minimum: 0 }).warnings).toEqual([]);
    expect(compileSchemaGrammar({ type: "number", maximum: 3 }).warnings.join()).toMatch(/not enforced/);
  });
});

describe("enum and const", () => {
  it("accept exactly the listed values", () => {
    check({ enum: ["a", "b", 1, null, 1.5, true] }, ['"a"', '"b"', "1", "null", "1.5", "true"], ['"c"', "2", "false", '"A"', "1.0"]);
    check({ const: { a: [1, "x"] } }, ['{"a": [1, "x"]}'], ['{"a": [1]}', '{"a":[1,"x"]}']);
  });

  it("write strings both raw and ASCII-escaped, as json.dumps may", () => {
    check({ enum: ["café", 'say "hi"'] }, ['"café"', '"caf\\u00e9"', '"say \\"hi\\""'], ['"cafe"', '"say "hi""']);
  });

  it("keep Python's float spelling from parseJson", () => {
    check(parseJson('{"enum": [5.0, 7]}'), ["5.0", "7"], ["5", "7.0"]);
  });

  it("filter enum values by type; repair or widen a contradicting enum with a warning", () => {
    check({ type: "integer", enum: [1, "2", 3] }, ["1", "3"], ['"2"', "2"]);
    const g = compileSchemaGrammar({ type: "integer", enum: ["1", "2"] });
    expect(g.warnings.join()).toMatch(/enum ignored/);
    expect(Language.of(g).accepts("42")).toBe(true);
    const a = compileSchemaGrammar({ type: "array", items: { type: "string" }, enum: ["x", "y"] });
    expect(a.warnings.join()).toMatch(/applied to the items/);
    const la = Language.of(a);
    expect(la.accepts('["x", "y"]')).toBe(true);
    expect(la.accepts('["z"]')).toBe(false);
  });
});

describe("objects", () => {
  const schema = { type: "object", properties: { a: { type: "integer" }, b: { type: "integer" }, c: { type: "integer" } }, required: ["b"] };

  it("required always present, optional skippable, declaration order, no extras", () => {
    check(
      schema,
      ['{"b": 1}', '{"a": 1, "b": 2}', '{"b": 1, "c": 2}', '{"a": 1, "b": 1, "c": 1}'],
      ["{}", '{"a": 1}', '{"b": 1, "a": 1}', '{"b": 1, "d": 1}', '{"b": 1,}', '{, "b": 1}', '{"b": 1, "b": 1}', '{"b":1}', '{"b": "1"}'],
    );
  });

  it("get the commas right for every subset of optional properties", () => {
    const names = ["p", "q", "r", "s"];
    for (let mask = 0; mask < 16; mask++) {
      const required = names.filter((_, i) => mask & (1 << i));
      const l = lang({ type: "object", properties: Object.fromEntries(names.map((n) => [n, { type: "boolean" }])), required });
      for (let sub = 0; sub < 16; sub++) {
        const present = names.filter((_, i) => sub & (1 << i));
        const text = `{${present.map((n) => `"${n}": true`).join(", ")}}`;
        expect(l.accepts(text), `${JSON.stringify(required)} ${text}`).toBe(required.every((r) => present.includes(r)));
      }
    }
  });

  it("treat a property name that is a prefix of another as its own key", () => {
    check(
      { type: "object", properties: { a: { type: "integer" }, ab: { type: "integer" } } },
      ['{"a": 1}', '{"ab": 1}', '{"a": 1, "ab": 2}'],
      ['{"abc": 1}', '{"b": 1}'],
    );
  });

  it("additionalProperties: a schema admits other keys (after the declared ones), never a declared key again", () => {
    check(
      { type: "object", properties: { a: { type: "integer" } }, additionalProperties: { type: "string" } },
      ['{"a": 1}', '{"x": "s"}', '{"a": 1, "x": "s", "ab": "t"}', '{"": "e"}'],
      ['{"a": "s"}', '{"x": 1}', '{"a": 1, "a": "s"}', '{"x": "s", "a": 1}'],
    );
    check({ type: "object", properties: { a: { type: "integer" } }, additionalProperties: false }, ['{"a": 1}', "{}"], ['{"b": 1}']);
    check({ type: "object", properties: { a: { type: "integer" } }, additionalProperties: true }, ['{"a": 1, "b": [null]}'], ['{"b": 1, "a": 1}']);
    // a declared property that admits nothing is not an extra key either
    check({ type: "object", properties: { x: false, a: { type: "integer" } }, additionalProperties: true }, ['{"a": 1, "xy": 2}', '{"y": 1}'], ['{"x": 1}', '{"a": 1, "x": null}']);
  });

  it("objects with only additionalProperties (BFCL headers) and free dicts", () => {
    check({ type: "object", additionalProperties: { type: "string" } }, ["{}", '{"Content-Type": "json", "X-\\"q\\"": "y"}'], ['{"a": 1}']);
    check({ type: "dict" }, ["{}", '{"a": [1, {"b": null}], "c": "d"}'], ["[]", '{"a"}']);
    check({ type: "object", additionalProperties: { type: "integer" }, minProperties: 1, maxProperties: 2 }, ['{"a": 1}', '{"a": 1, "b": 2}'], ["{}", '{"a": 1, "b": 2, "c": 3}']);
  });

  it("required names that are not declared must still appear", () => {
    check({ type: "object", properties: { a: { type: "integer" } }, required: ["z"] }, ['{"z": null}', '{"a": 1, "z": [1]}'], ['{"a": 1}']);
    expect(() => compileSchemaGrammar({ type: "object", properties: {}, required: ["z"], additionalProperties: false })).toThrow(ToolSchemaError);
  });

  it("honour Seal-Tools' per-property required: true", () => {
    check({ type: "object", properties: { a: { type: "string", required: true }, b: { type: "string" } } }, ['{"a": "x"}'], ['{"b": "x"}', "{}"]);
    check({ type: "object", properties: { a: { description: "untyped", required: true } } }, ['{"a": "x"}', '{"a": 1}'], ["{}"]);
  });

  it("maxProperties 0 on a free dict leaves only {}", () => {
    check({ type: "object", additionalProperties: { type: "string" }, maxProperties: 0 }, ["{}"], ['{"a": "b"}']);
  });

  it("nest", () => {
    check(
      { type: "object", properties: { o: { type: "object", properties: { x: { type: "array", items: { type: "object", properties: { y: { type: "null" } }, required: ["y"] } } }, required: ["x"] } }, required: ["o"] },
      ['{"o": {"x": []}}', '{"o": {"x": [{"y": null}, {"y": null}]}}'],
      ['{"o": {}}', '{"o": {"x": [{}]}}'],
    );
  });
});

describe("arrays", () => {
  it("items with minItems/maxItems, canonical separators", () => {
    check({ type: "array", items: { type: "integer" }, minItems: 1, maxItems: 3 }, ["[1]", "[1, 2, 3]"], ["[]", "[1, 2, 3, 4]", "[1,2]", "[ 1]", '["1"]']);
    check({ type: "array" }, ["[]", '[1, "a", [null]]'], ["[", "{}"]);
    check({ type: "array", maxItems: 0 }, ["[]"], ["[1]"]);
  });

  it("prefixItems: positions, optional unless minItems says so", () => {
    check({ type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false }, ["[]", '["a"]', '["a", 1]'], ["[1]", '["a", 1, 2]']);
    check({ type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], minItems: 2, items: { type: "boolean" } }, ['["a", 1]', '["a", 1, true, false]'], ['["a"]', '["a", 1, 2]']);
    check({ type: "array", items: [{ type: "string" }], additionalItems: false }, ["[]", '["a"]'], ['["a", "b"]']);
    expect(() => compileSchemaGrammar({ type: "array", prefixItems: [{}], items: false, minItems: 2 })).toThrow(ToolSchemaError);
  });

  it("BFCL tuple and xLAM List[int]", () => {
    check({ type: "tuple", items: { type: "integer" } }, ["[1, 2]"], ['["a"]']);
    check({ type: "List[int]" }, ["[]", "[1, -2]"], ["[1.5]"]);
  });

  it("raw type strings as the tool converters read them; unknown or unreadable ones accept anything, with a warning", () => {
    check({ type: "HashMap" }, ["{}", '{"a": 1}'], ["[]"]);
    check({ type: "String" }, ['"a"'], ["1"]);
    check({ type: "Tuple[int, str]" }, ['[1, "a"]'], ["[1]", '["a", 1]', '[1, "a", 2]']);
    check({ type: "Union[List[int], List[str]]" }, ["[1]", '["a"]'], ['[1, "a"]']);
    expect(compileSchemaGrammar({ type: "List[int]" }).warnings).toEqual([]);
    const unknown = compileSchemaGrammar({ type: "np.ndarray" });
    expect(unknown.warnings).toEqual(['response_format/type: unknown type "np.ndarray"; any value accepted (widened)']);
    expect(Language.of(unknown).accepts('[1, "a"]')).toBe(true);
    const broken = compileSchemaGrammar({ type: "List[int" });
    expect(broken.warnings).toEqual(['response_format/type: unknown type "List[int"; any value accepted (widened)']);
    expect(Language.of(broken).accepts('{"a": 1}')).toBe(true);
  });

  it("report uniqueItems as widened", () => {
    expect(compileSchemaGrammar({ type: "array", uniqueItems: true }).warnings.join()).toMatch(/uniqueItems/);
  });
});

describe("combinators and references", () => {
  it("anyOf, type arrays, nullable", () => {
    check({ anyOf: [{ type: "string" }, { type: "integer" }] }, ['"a"', "1"], ["true"]);
    check({ type: ["string", "null"] }, ['"a"', "null"], ["1"]);
    check({ type: "string", nullable: true }, ['"a"', "null"], ["1"]);
    check({ type: "Optional[str]" }, ['"a"', "null"], ["1"]);
  });

  it("oneOf: exact when the options are disjoint, widened (and reported) otherwise", () => {
    expect(compileSchemaGrammar({ oneOf: [{ type: "string" }, { type: "integer" }] }).warnings).toEqual([]);
    const disc = { oneOf: [
      { type: "object", properties: { kind: { const: "a" }, x: { type: "integer" } }, required: ["kind"] },
      { type: "object", properties: { kind: { const: "b" } }, required: ["kind"] },
    ] };
    expect(compileSchemaGrammar(disc).warnings).toEqual([]);
    expect(compileSchemaGrammar({ oneOf: [{ type: "number" }, { type: "integer" }] }).warnings.join()).toMatch(/treated as anyOf/);
  });

  it("allOf merges object parts; contradictions admit nothing", () => {
    check(
      { allOf: [{ type: "object", properties: { a: { type: "integer" } }, required: ["a"] }, { properties: { b: { type: "string" } }, required: ["b"] }] },
      ['{"a": 1, "b": "x"}'],
      ['{"a": 1}', '{"b": "x"}'],
    );
    check({ allOf: [{ type: ["integer", "string"] }, { type: "number", minimum: 2 }] }, ["2", "7"], ['"a"', "1", "2.5"]);
    check({ allOf: [{ type: "string" }, { anyOf: [{ maxLength: 1 }, { format: "date" }] }] }, ['"a"', '"2024-01-01"'], ['"ab"']);
    expect(() => compileSchemaGrammar({ allOf: [{ type: "string" }, { type: "integer" }] })).toThrow(/admits no value/);
  });

  it("$ref/$defs, with recursion", () => {
    const tree = {
      $defs: { node: { type: "object", properties: { v: { type: "integer" }, kids: { type: "array", items: { $ref: "#/$defs/node" } } }, required: ["v"] } },
      $ref: "#/$defs/node",
    };
    check(tree, ['{"v": 1}', '{"v": 1, "kids": [{"v": 2, "kids": []}, {"v": 3}]}'], ['{"v": 1, "kids": [{}]}']);
    check({ type: "object", properties: { next: { $ref: "#" } } }, ["{}", '{"next": {"next": {}}}'], ['{"next": 1}']);
    check({ definitions: { s: { type: "string" } }, type: "array", items: { $ref: "#/definitions/s" } }, ['["a"]'], ["[1]"]);
  });

  it("reject bad references with a typed error naming the place", () => {
    expect(() => compileSchemaGrammar({ $ref: "#/$defs/nope" })).toThrow(ToolSchemaError);
    expect(() => compileSchemaGrammar({ $ref: "https://example.com/s.json" })).toThrow(/only local \$ref/);
    expect(() => compileSchemaGrammar({ $defs: { a: { anyOf: [{ $ref: "#/$defs/a" }, { type: "null" }] } }, $ref: "#/$defs/a" })).toThrow(
      /\$ref cycle that never descends into a property or item: #\/\$defs\/a → #\/\$defs\/a\/anyOf\/0 → #\/\$defs\/a/,
    );
    try {
      compileSchemaGrammar({ type: "object", properties: { x: { $ref: "#/nowhere" } } }, { name: "weather" });
    } catch (e) {
      expect(e).toBeInstanceOf(ToolSchemaError);
      expect((e as ToolSchemaError).jsonPath).toBe("/properties/x/$ref");
      expect((e as ToolSchemaError).toolName).toBe("weather");
    }
  });
});

describe("whitespace", () => {
  it("canonical: exactly json.dumps separators", () => {
    check({ type: "object", properties: { a: { type: "array" } } }, ['{"a": [1, 2]}'], ['{"a":[1,2]}', '{ "a": [1, 2] }', '{"a": [1, 2]} ']);
  });

  it("flexible: bounded JSON whitespace", () => {
    const l = lang({ type: "object", properties: { a: { type: "array" }, b: { type: "integer" } } }, "flexible");
    for (const s of ['{"a":[1,2]}', '{ "a" : [ 1 , 2 ] }', '{\n    "a": [\n        1\n    ],\n    "b": 2\n}', "{ }", "{}"]) expect(l.accepts(s), s).toBe(true);
    expect(l.accepts(`{${" ".repeat(2)}"b": 1}`)).toBe(false);
    expect(l.accepts(`{\n${" ".repeat(GRAMMAR_LIMITS.maxIndent + 1)}"b": 1}`)).toBe(false);
  });
});

describe("malformed and hostile schemas", () => {
  it.each([
    [{ type: 5 }, "/type"],
    [{ type: [] }, "/type"],
    [{ type: "object", properties: [] }, "/properties"],
    [{ type: "object", required: "a" }, "/required"],
    [{ type: "string", minLength: -1 }, "/minLength"],
    [{ type: "string", minLength: 3, maxLength: 2 }, ""],
    [{ enum: "a" }, "/enum"],
    [{ anyOf: [] }, "/anyOf"],
    [{ type: "object", properties: { a: "string" } }, "/properties/a"],
    [{ type: "integer", minimum: "1" }, "/minimum"],
    ["string", ""],
  ])("%j → ToolSchemaError at %s", (schema, path) => {
    try {
      compileSchemaGrammar(schema);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ToolSchemaError);
      expect((e as ToolSchemaError).jsonPath).toBe(path);
    }
  });

  it("fail closed on hostile sizes", () => {
    let deep: unknown = { type: "string" };
    for (let i = 0; i < 5000; i++) deep = { type: "array", items: deep };
    expect(() => compileSchemaGrammar(deep)).toThrow(GrammarLimitError);
    expect(() => compileSchemaGrammar({ enum: Array.from({ length: GRAMMAR_LIMITS.maxEnumValues + 1 }, (_, i) => i) })).toThrow(GrammarLimitError);
    const wide = Object.fromEntries(Array.from({ length: GRAMMAR_LIMITS.maxProperties + 1 }, (_, i) => [`p${i}`, { type: "string" }]));
    expect(() => compileSchemaGrammar({ type: "object", properties: wide })).toThrow(GrammarLimitError);
  });

  it("fail closed on deep values and cyclic objects", () => {
    let v: unknown = 1;
    for (let i = 0; i < 20_000; i++) v = [v];
    expect(() => compileSchemaGrammar({ const: v })).toThrow(GrammarLimitError);
    expect(() => compileSchemaGrammar({ enum: [v], const: v })).toThrow(GrammarLimitError);
    const cyclic: Record<string, unknown> = { type: "object" };
    cyclic.properties = { self: cyclic };
    expect(() => compileSchemaGrammar(cyclic)).toThrow(ToolSchemaError);
  });

  it("survive a $ref fan-out without blowing up", () => {
    const defs: Record<string, unknown> = { d0: { type: "string" } };
    for (let i = 1; i < 40; i++) defs[`d${i}`] = { type: "array", prefixItems: [{ $ref: `#/$defs/d${i - 1}` }, { $ref: `#/$defs/d${i - 1}` }] };
    const g = compileSchemaGrammar({ $defs: defs, $ref: "#/$defs/d39" });
    expect(g.gbnf.length).toBeLessThan(20_000);
  });
});

describe("compileJsonObjectGrammar", () => {
  it("accepts any object and nothing else", () => {
    const l = Language.of(compileJsonObjectGrammar());
    expect(l.accepts('{"a": {"b": [1, 2.5, "x", null, true]}}')).toBe(true);
    expect(l.accepts("[]")).toBe(false);
    expect(l.accepts('"a"')).toBe(false);
  });
});
