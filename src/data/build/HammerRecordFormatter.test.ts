import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { maskXlamRecord, maskXlamSample, type MaskMode } from "../../core/masking/index.js";
import { parseJson } from "../../core/json/index.js";
import { Rng } from "../../core/rng.js";
import { HammerRecordFormatter } from "./HammerRecordFormatter.js";
import type { TrainFormat } from "../records/trainRecord.js";
import { Utf8Buffer } from "./Utf8Buffer.js";

// Texts that take every escaping path: plain ASCII, quotes and backslashes, controls, DEL,
// non-ASCII (BMP and astral), lone surrogates, and long runs past the short-piece loop.
const textArb = fc.oneof(
  fc.constantFrom("London", "10", "3.5", "", 'say "hi"', "back\\slash", "tab\there\n", "\u007f", "café", "東京", "🙂", "\ud800", "x".repeat(200)),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ maxLength: 80 }),
);

// Numbers written as JSON text, so integral floats (`5.0`) keep their marks through parseJson.
const numberText = fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.integer({ min: -50, max: 50 }).map((n) => `${n}.0`), fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)));
const valueText: fc.Arbitrary<string> = fc.oneof(numberText, textArb.map((s) => JSON.stringify(s)), fc.constantFrom("true", "null", "[1, 2.0]", '{"k": "v"}'));

const rowArb = fc
  .record({
    tools: fc.array(
      fc.record({
        name: textArb,
        description: textArb,
        params: fc.array(fc.record({ name: textArb, description: textArb, type: fc.constantFrom("str", "int", "float"), defaultText: fc.option(valueText) }), { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    calls: fc.array(fc.record({ tool: fc.nat(), args: fc.array(fc.record({ param: fc.nat(), fromDefault: fc.boolean(), valueText }), { maxLength: 3 }) }), { maxLength: 3 }),
    query: textArb,
  })
  .map(({ tools, calls, query }) => {
    const toolsText = `[${tools
      .map((t) => {
        const params = t.params.map((p) => `${JSON.stringify(p.name)}: {"description": ${JSON.stringify(p.description)}, "type": "${p.type}"${p.defaultText === null ? "" : `, "default": ${p.defaultText}`}}`);
        return `{"name": ${JSON.stringify(t.name)}, "description": ${JSON.stringify(t.description)}, "parameters": {${params.join(", ")}}}`;
      })
      .join(", ")}]`;
    const answersText = `[${calls
      .map((c) => {
        const t = tools[c.tool % tools.length] as (typeof tools)[number];
        const args = t.params.length === 0 ? [] : c.args.map((a) => {
          const p = t.params[a.param % t.params.length] as (typeof t.params)[number];
          return `${JSON.stringify(p.name)}: ${a.fromDefault && p.defaultText !== null ? p.defaultText : a.valueText}`;
        });
        return `{"name": ${JSON.stringify(t.name)}, "arguments": {${args.join(", ")}}}`;
      })
      .join(", ")}]`;
    return { query, tools: parseJson(toolsText) as unknown[], answers: parseJson(answersText) as unknown[] };
  });

describe("HammerRecordFormatter.writeMasked", () => {
  it("writes the bytes of format() on maskXlamRecord's texts (same draws), in every layout and mode", () => {
    const utf8 = new TextEncoder();
    fc.assert(
      fc.property(
        rowArb,
        fc.constantFrom<MaskMode>("fixed", "faithful"),
        fc.constantFrom<TrainFormat>("alpaca", "sharegpt", "messages"),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (row, mode, layout, jsonl, seed) => {
          const f = new HammerRecordFormatter(layout, jsonl);
          const m = maskXlamRecord(row, { mode }, new Rng(seed));
          const out = new Utf8Buffer(16);
          out.text("lead ");
          f.writeMasked(out, row, maskXlamSample(row, { mode }, new Rng(seed)).sample);
          expect(Buffer.from(out.take()).toString("hex")).toBe(Buffer.from(utf8.encode(`lead ${f.format(m.tools, m.query, m.answers)}`)).toString("hex"));
        },
      ),
      { numRuns: 400, seed: 5 },
    );
  });
});
