import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CallSyntax } from "../formats/types.js";
import { markFloat, parseJson } from "../json/index.js";
import { pyJsonDumps, pyStr, pyStrRepr } from "../python/index.js";
import type { ToolCall } from "../types.js";
import { createCallStreamParser } from "./createCallStreamParser.js";
import { parseToolCalls } from "./parseToolCalls.js";

/*
 * Round trips: for random call lists, the text each syntax would produce parses back to the
 * same calls (float marks included, compared through pyJsonDumps), and the stream parser fed
 * the same text in random chunks emits names and argument deltas that reassemble to them.
 */

const HAMMER: CallSyntax = { kind: "json-list", open: "```\n", close: "\n```" };
const XLAM: CallSyntax = { kind: "json-list", open: "", close: "", wrapperKey: "tool_calls" };
const QWEN: CallSyntax = { kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" };

type Gen = { kind: "int"; v: number } | { kind: "float"; v: number } | { kind: "str"; v: string } | { kind: "lit"; v: boolean | null } | { kind: "list"; v: Gen[] } | { kind: "dict"; v: Array<[string, Gen]> };

const anyString = fc.string({ unit: "binary", maxLength: 12 });

const genValue = fc.letrec<{ value: Gen }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -1e6, max: 1e6 }).map((v): Gen => ({ kind: "int", v })),
    fc.integer({ min: -1000, max: 1000 }).map((v): Gen => ({ kind: "float", v })), // integral float: needs a mark
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)).map((v): Gen => ({ kind: "float", v })),
    anyString.map((v): Gen => ({ kind: "str", v })),
    fc.constantFrom(true, false, null).map((v): Gen => ({ kind: "lit", v })),
    fc.array(tie("value"), { maxLength: 3 }).map((v): Gen => ({ kind: "list", v })),
    fc.array(fc.tuple(anyString, tie("value")), { maxLength: 3 }).map((v): Gen => ({ kind: "dict", v })),
  ),
})).value;

/** Put a generated value into `container[key]`, marking integral floats. */
function place(container: Record<string, unknown> | unknown[], key: string | number, g: Gen): void {
  const set = (v: unknown): void => {
    if (Array.isArray(container)) container[key as number] = v;
    else Object.defineProperty(container, key, { value: v, enumerable: true, writable: true, configurable: true });
  };
  switch (g.kind) {
    case "float":
      set(g.v);
      if (Number.isInteger(g.v)) markFloat(container, key);
      return;
    case "list": {
      const out: unknown[] = [];
      g.v.forEach((x, i) => place(out, i, x));
      set(out);
      return;
    }
    case "dict": {
      const out: Record<string, unknown> = {};
      for (const [k, x] of g.v) if (!Object.prototype.hasOwnProperty.call(out, k)) place(out, k, x);
      set(out);
      return;
    }
    default:
      set(g.v);
  }
}

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);

function genCalls(name: fc.Arbitrary<string>, key: fc.Arbitrary<string>): fc.Arbitrary<ToolCall[]> {
  const call = fc.tuple(name, fc.uniqueArray(fc.tuple(key, genValue), { maxLength: 4, selector: ([k]) => k })).map(([n, entries]): ToolCall => {
    const args: Record<string, unknown> = {};
    for (const [k, g] of entries) place(args, k, g);
    return { name: n, arguments: args };
  });
  return fc.array(call, { maxLength: 4 });
}

const jsonCalls = genCalls(anyString.filter((s) => s.length > 0), anyString);
const pythonCalls = genCalls(fc.tuple(identifier, fc.option(identifier, { nil: undefined })).map(([a, b]) => (b ? `${a}.${b}` : a)), identifier);

// Prose that cannot be mistaken for a block or marker.
const prose = fc.stringMatching(/^[A-Za-z ,.!?\n]{0,16}$/);

function plain(calls: readonly ToolCall[]): Array<{ name: string; arguments: Record<string, unknown> }> {
  return calls.map((c) => ({ name: c.name, arguments: c.arguments }));
}

const render = {
  hammer: (calls: readonly ToolCall[], indent: boolean) => "```\n" + pyJsonDumps(plain(calls), indent ? { indent: 4 } : {}) + "\n```",
  xlam: (calls: readonly ToolCall[], openai: boolean) =>
    pyJsonDumps({
      tool_calls: openai ? calls.map((c, i) => ({ id: `call_${i}`, type: "function", function: { name: c.name, arguments: pyJsonDumps(c.arguments) } })) : plain(calls),
    }),
  qwen: (calls: readonly ToolCall[]) => calls.map((c) => `<tool_call>\n${pyJsonDumps({ name: c.name, arguments: c.arguments })}\n</tool_call>`).join("\n"),
  python: (calls: readonly ToolCall[]) =>
    "[" +
    calls
      .map((c) => `${c.name}(${Object.keys(c.arguments).map((k) => `${k}=${typeof c.arguments[k] === "string" ? pyStrRepr(c.arguments[k] as string) : pyStr(c.arguments[k], c.arguments, k)}`).join(", ")})`)
      .join(", ") +
    "]",
};

/** Canonical form: names and arguments with float marks visible. */
function canon(calls: readonly ToolCall[]): string {
  return pyJsonDumps(plain(calls));
}

/** Split `text` at random cut points (anywhere, including inside surrogate pairs). */
function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(text.slice(prev, p));
    prev = p;
  }
  out.push(text.slice(prev));
  return out;
}

/** Stream `chunks` and rebuild calls from the events (arguments text parsed with parseJson). */
function streamed(syntax: CallSyntax, chunks: readonly string[]): { calls: ToolCall[]; text: string } {
  const p = createCallStreamParser(syntax);
  const events = chunks.flatMap((c) => p.push(c));
  events.push(...p.end());
  const names: string[] = [];
  const args: string[] = [];
  let text = "";
  for (const e of events) {
    if (e.type === "call_start") {
      names[e.index] = e.name;
      args[e.index] = "";
    } else if (e.type === "arguments") {
      if (names[e.index] === undefined) throw new Error("arguments before call_start");
      args[e.index] += e.delta;
    } else if (e.type === "text") text += e.delta;
  }
  return { calls: names.map((name, i) => ({ name, arguments: parseJson(args[i] ?? "") as Record<string, unknown> })), text };
}

const cuts = fc.array(fc.nat(), { maxLength: 8 });
const RUNS = { numRuns: 150 };

describe("round trip: rendered calls parse back (parseToolCalls and the stream parser)", () => {
  it("Hammer fenced JSON list, with prose around it", () => {
    fc.assert(
      fc.property(jsonCalls, fc.boolean(), prose, prose, cuts, (calls, indent, before, after, cutPoints) => {
        const text = before + render.hammer(calls, indent) + after;
        const r = parseToolCalls(text, { syntax: HAMMER });
        expect(canon(r.calls)).toBe(canon(calls));
        const s = streamed(HAMMER, splitAt(text, cutPoints));
        expect(canon(s.calls)).toBe(canon(calls));
        expect(s.text).toBe(r.content ?? "");
      }),
      RUNS,
    );
  });

  it("xLAM {tool_calls: [...]}, plain and OpenAI-style entries", () => {
    fc.assert(
      fc.property(jsonCalls, fc.boolean(), cuts, (calls, openai, cutPoints) => {
        const text = render.xlam(calls, openai);
        expect(canon(parseToolCalls(text, { syntax: XLAM }).calls)).toBe(canon(calls));
        expect(canon(parseToolCalls(text).calls)).toBe(canon(calls));
        expect(canon(streamed(XLAM, splitAt(text, cutPoints)).calls)).toBe(canon(calls));
      }),
      RUNS,
    );
  });

  it("hermes <tool_call> blocks, with prose before them", () => {
    fc.assert(
      fc.property(jsonCalls, prose, cuts, (calls, before, cutPoints) => {
        const text = before + (before && calls.length > 0 ? "\n" : "") + render.qwen(calls);
        const r = parseToolCalls(text, { syntax: QWEN });
        expect(canon(r.calls)).toBe(canon(calls));
        const s = streamed(QWEN, splitAt(text, cutPoints));
        expect(canon(s.calls)).toBe(canon(calls));
        expect(s.text).toBe(r.content ?? "");
      }),
      RUNS,
    );
  });

  it("Python call syntax with every literal kind", () => {
    fc.assert(
      fc.property(pythonCalls, (calls) => {
        expect(canon(parseToolCalls(render.python(calls)).calls)).toBe(canon(calls));
      }),
      RUNS,
    );
  });
});
