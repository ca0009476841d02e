import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadBfclCategory } from "../../src/eval/index.js";
import { bfclToXlamRow, buildSplit, DEFAULT_SPLIT, rowFunctionNames } from "../../src/experiment/index.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../support/sharedData.js";
import { evaluationSets } from "./splitCheck.js";

if (!HAS_SHARED_DATA) describe("the experiment's split", () => it.skip(SKIP_SHARED_REASON, () => undefined));

describe.skipIf(!HAS_SHARED_DATA)("the experiment's split (cross-benchmark, over ../shared/data)", () => {
  const built = HAS_SHARED_DATA ? buildSplit(SHARED_DATA, DEFAULT_SPLIT) : null;

  it("trains on whole benchmarks and evaluates on others", () => {
    const train = new Set([...DEFAULT_SPLIT.train, ...DEFAULT_SPLIT.irrelevance]);
    expect(DEFAULT_SPLIT.eval.filter((b) => train.has(b))).toEqual([]);
    expect(built!.train.length).toBeGreaterThan(1000);
    expect(built!.irrelevance.length).toBeGreaterThan(200);
    expect(new Set(built!.train.map((r) => r.bench))).toEqual(new Set(DEFAULT_SPLIT.train));
  });

  it("no evaluation sample id and no evaluation function name appears in any training row", () => {
    const evalSets = evaluationSets(SHARED_DATA, DEFAULT_SPLIT.eval);
    expect(evalSets.ids.size).toBe(built!.evalIds.length);
    for (const row of [...built!.train, ...built!.irrelevance]) {
      expect(evalSets.ids.has(`${row.bench}/${row.id}`)).toBe(false);
      for (const n of rowFunctionNames(row)) expect(evalSets.names.has(n.toLowerCase()), `${row.bench}/${row.id}: ${n}`).toBe(false);
    }
    // the filter did drop rows: the benchmarks do share function names, so the check is not vacuous
    const dropped = Object.values(built!.dropped).reduce((n, d) => n + d.sharesEvalFunction, 0);
    expect(dropped).toBeGreaterThan(0);
  });

  it("irrelevance rows keep their tools and get the empty answer", () => {
    expect(built!.irrelevance.every((r) => r.answers.length === 0 && r.tools.length > 0)).toBe(true);
  });

  it("a benchmark both trained on and evaluated is refused", () => {
    expect(() => buildSplit(SHARED_DATA, { train: ["bfcl:simple"], irrelevance: [], eval: ["bfcl:simple"] })).toThrow(/either trained on or evaluated/);
  });

  it("a BFCL sample becomes an xLAM row: flat tools, the first allowed value of each argument, optional ones left out", () => {
    const sample = loadBfclCategory(SHARED_DATA, "simple")!.samples[0]!; // calculate_triangle_area(base 10, height 5, unit ["units", ""])
    const row = bfclToXlamRow(sample)!;
    expect(row.answers).toEqual([{ name: "calculate_triangle_area", arguments: { base: 10, height: 5, unit: "units" } }]);
    const params = row.tools[0]!.parameters as Record<string, { type: string }>;
    expect(Object.keys(params)).toEqual(["base", "height", "unit"]);
    expect(params.base!.type).toBe("int");
    const optional = bfclToXlamRow({ ...sample, groundTruth: [{ f: { a: ["", 3], b: [""] } }] })!;
    expect(optional.answers).toEqual([{ name: "f", arguments: { a: 3 } }]);
    expect(bfclToXlamRow({ ...sample, question: [[{ role: "system", content: "x" }, { role: "user", content: "y" }]] })).toBeNull();
  });
});

describe("a bench that is not there", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hammer-split-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("is named in a NOT_FOUND error", () => {
    writeFileSync(path.join(dir, "x"), "");
    expect(() => buildSplit(dir, DEFAULT_SPLIT)).toThrow(/hammer:apibank_l1: benchmark files not found/);
  });
});
