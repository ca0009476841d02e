import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildDataset, type BuildSummary } from "../build/buildDataset.js";
import { datasetStats } from "./datasetStats.js";
import { writeSyntheticXlam } from "../records/syntheticXlam.js";

let dir: string;
let xlam: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-stats-"));
  xlam = path.join(dir, "xlam.jsonl");
  writeSyntheticXlam(xlam, { rows: 300, seed: 9, layout: "jsonl" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tool = (name: string, params: string[]) => ({ name, description: "", parameters: Object.fromEntries(params.map((p) => [p, { type: "str" }])) });

describe("datasetStats", () => {
  it("counts tools and calls per row, parallel and irrelevance rows of an xLAM file", () => {
    const file = path.join(dir, "small.json");
    const rows = [
      { query: "a", tools: JSON.stringify([tool("get_weather", ["city"])]), answers: JSON.stringify([{ name: "get_weather", arguments: { city: "x" } }]) },
      { query: "b", tools: JSON.stringify([tool("get_weather", ["city"]), tool("get_time", ["zone"]), tool("find_user", [])]), answers: "[]" },
      { query: "c", tools: [tool("get_time", ["zone"])], answers: [{ name: "get_time", arguments: {} }, { name: "get_time", arguments: {} }] },
      "not a record",
    ];
    writeFileSync(file, JSON.stringify(rows, null, 4));
    const s = datasetStats(file);
    expect(s.formats).toEqual({ xlam: 3 });
    expect([s.records, s.rows, s.unreadable]).toEqual([4, 3, 1]);
    expect(s.unreadableReasons).toEqual({ not_an_object: 1 });
    expect(s.tools).toEqual({ min: 1, mean: 5 / 3, max: 3, histogram: { "1": 2, "3": 1 } });
    expect(s.calls).toEqual({ min: 0, mean: 1, max: 2, histogram: { "0": 1, "1": 1, "2": 1 } });
    expect([s.parallel, s.irrelevance, s.masked]).toEqual([1, 1, 0]);
    expect(s.parallelShare).toBeCloseTo(1 / 3);
  });

  it("tells masked rows of a built file apart: exactly with the reference, closely by heuristic", async () => {
    for (const [format, mode] of [["alpaca", "fixed"], ["messages", "faithful"]] as const) {
      const out = path.join(dir, `built-${format}.jsonl`);
      const b: BuildSummary = await buildDataset({ xlam, out, format, mode, workers: 0 });
      const exact = datasetStats(out, { reference: xlam });
      expect(exact.maskDetection).toBe("reference");
      expect(exact.masked).toBe(b.masked);
      expect(exact.irrelevance).toBe(b.irrelevanceOut);
      expect(exact.rows).toBe(b.rowsOut);
      expect(exact.formats).toEqual({ [format]: b.rowsOut });
      const guess = datasetStats(out);
      expect(Math.abs(guess.masked - b.masked)).toBeLessThanOrEqual(0.02 * b.rowsOut);
    }
  });

  it("finds the same tools and calls in a built file as in its input", async () => {
    const out = path.join(dir, "built-plain.json");
    await buildDataset({ xlam, out, copies: 1, maskRatio: 0.5, workers: 0 });
    const a = datasetStats(xlam);
    const b = datasetStats(out);
    expect(b.calls).toEqual(a.calls);
    // masking drops duplicate tools, so only the counts of rows without duplicates must agree
    expect(b.tools.max).toBeLessThanOrEqual(a.tools.max);
    expect(b.rows).toBe(a.rows);
  });
});
