import { describe, expect, it } from "vitest";
import { JsonStringReader } from "./JsonStringReader.js";

/** Feed `chunks` (the text after an opening quote, which sits at stream offset 0). */
function read(chunks: string[]): { text: string; closedAt: number; failures: Array<[string, number]>; rest: string } {
  let text = "";
  const failures: Array<[string, number]> = [];
  const r = new JsonStringReader((t) => (text += t), (m, at) => failures.push([m, at]));
  r.begin();
  let base = 1;
  let rest = "";
  for (const chunk of chunks) {
    let i = 0;
    while (i < chunk.length && r.closedAt < 0) i = r.step(chunk, i, base + i);
    if (r.closedAt >= 0) rest += chunk.slice(i);
    base += chunk.length;
  }
  return { text, closedAt: r.closedAt, failures, rest };
}

describe("JsonStringReader", () => {
  const body = 'a\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00z" tail';
  it("decodes escapes and finds the closing quote, however the text is split", () => {
    const whole = read([body]);
    expect(whole).toEqual({ text: 'a"b\\c/\né😀z', closedAt: 1 + body.indexOf('" tail'), failures: [], rest: " tail" });
    for (let k = 1; k < body.length; k++) expect(read([body.slice(0, k), body.slice(k)]), `split at ${k}`).toEqual(whole);
    expect(read([...body])).toEqual(whole);
  });

  it.each<[string, string, number]>([
    ["a control character", 'ab\ncd"', 3],
    ["an unknown escape", 'ab\\qcd"', 3],
    ["a bad \\u digit", 'ab\\u00g0"', 7],
  ])("reports %s at its offset", (_what, text, at) => {
    expect(read([text]).failures[0]?.[1]).toBe(at);
  });

  it("begin() starts a fresh string", () => {
    const pieces: string[] = [];
    const r = new JsonStringReader((t) => pieces.push(t), () => undefined);
    r.begin();
    r.step('x\\u00', 0, 1);
    r.begin();
    expect(r.step('yz"', 0, 10)).toBe(3);
    expect(r.closedAt).toBe(12);
    expect(pieces).toEqual(["x", "yz"]);
  });
});
