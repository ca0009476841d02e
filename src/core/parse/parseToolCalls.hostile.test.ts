import { describe, expect, it } from "vitest";
import { OutputParseError } from "../errors.js";
import { parseToolCalls } from "./parseToolCalls.js";

/*
 * Hostile model output must end in a result or a clear OutputParseError: never a hang, a stack
 * overflow or a bare Error. (No timings are asserted; a quadratic path would hit the test timeout.)
 */

function outcome(text: string): { calls: number } | { error: string; position: number } {
  try {
    return { calls: parseToolCalls(text).calls.length };
  } catch (e) {
    expect(e).toBeInstanceOf(OutputParseError);
    const err = e as OutputParseError;
    expect(err.position).toBeGreaterThanOrEqual(0);
    expect(err.position).toBeLessThanOrEqual(text.length);
    return { error: err.message, position: err.position };
  }
}

const MB = 1_000_000;

describe("parseToolCalls on hostile input", () => {
  it("10 MB of '[' or '{': nesting error at the first too-deep bracket", () => {
    expect(outcome("[".repeat(10 * MB))).toEqual({ error: "nesting deeper than 512 (at offset 512)", position: 512 });
    expect(outcome("{".repeat(MB))).toMatchObject({ position: 512 });
    expect(outcome("```\n" + "[".repeat(MB) + "\n```")).toMatchObject({ error: expect.stringMatching(/nesting deeper than 512/) });
  });

  it("deep but legal-looking Python nesting", () => {
    expect(outcome("f(a=" + "(".repeat(MB))).toMatchObject({ error: expect.stringMatching(/nesting deeper than 512/) });
    expect(outcome("f(a=" + "-".repeat(MB) + "1)")).toMatchObject({ error: expect.stringMatching(/nesting deeper than 512/) });
  });

  it("100k calls, as a JSON list and in Python syntax", () => {
    const calls = Array.from({ length: 100_000 }, (_, i) => ({ name: `f${i}`, arguments: { a: i, b: "x", c: 1.5 } }));
    expect(outcome("```\n" + JSON.stringify(calls) + "\n```")).toEqual({ calls: 100_000 });
    expect(outcome("[" + calls.map((c) => `${c.name}(a=${c.arguments.a}, b='x', c=1.5)`).join(", ") + "]")).toEqual({ calls: 100_000 });
    const some = calls.slice(0, 20_000);
    const tagged = some.map((c) => `<tool_call>\n${JSON.stringify(c)}\n</tool_call>`).join("\n");
    expect(outcome(tagged)).toEqual({ calls: 20_000 });
    // A list with its closing bracket missing is an error at the end, not a partial result.
    expect(outcome(JSON.stringify(some).slice(0, -1))).toMatchObject({ error: expect.stringMatching(/unexpected end of input/) });
  });

  it("a 1 MB string argument, and 1 MB unterminated strings", () => {
    const big = "y".repeat(MB);
    const r = parseToolCalls(JSON.stringify([{ name: "f", arguments: { s: big } }]));
    expect(r.calls[0]?.arguments.s).toBe(big);
    expect(parseToolCalls(`[f(s='''${big}''')]`).calls[0]?.arguments.s).toBe(big);
    expect(outcome(`[{"name": "f", "arguments": {"s": "${big}`)).toMatchObject({ error: expect.stringMatching(/unterminated string|unexpected end/) });
    expect(outcome(`[f(s='${big}`)).toEqual({ error: "unterminated string literal (at offset 5)", position: 5 });
  });

  // A megabyte is far past where a quadratic path would hang (1e12 steps).
  it("a megabyte of near-miss candidates and markers", () => {
    expect(outcome("['".repeat(MB / 2))).toMatchObject({ position: 4 });
    expect(outcome("f(".repeat(MB / 2))).toMatchObject({ error: expect.stringMatching(/positional argument/) });
    expect(outcome("a.".repeat(MB / 2) + "b")).toMatchObject({ error: expect.stringMatching(/no tool call block found/) });
    expect(outcome("word (x) ".repeat(MB / 9))).toMatchObject({ error: expect.stringMatching(/no tool call block found/) });
    expect(outcome("```".repeat(MB / 3))).toMatchObject({ error: expect.stringMatching(/empty code fence/) });
    expect(outcome("```[```".repeat(MB / 7))).toMatchObject({ position: expect.any(Number) });
    expect(outcome("<tool_call>".repeat(MB / 11))).toMatchObject({ error: expect.stringMatching(/in the <tool_call> block opened at offset 0/) });
  });

  it("invalid UTF-16 (lone surrogates) passes through names, arguments and content", () => {
    const r = parseToolCalls('\ud800 before ```[{"name": "f\udc00", "arguments": {"s": "\udbff", "t": "\\ud800"}}]```');
    expect(r.calls).toEqual([{ name: "f\udc00", arguments: { s: "\udbff", t: "\ud800" } }]);
    expect(r.content).toBe("\ud800 before");
    expect(parseToolCalls("[f(s='\udc00', t='\\ud800')]").calls[0]?.arguments).toEqual({ s: "\udc00", t: "\ud800" });
  });
});
