import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isFloatAt } from "../../core/json/index.js";
import { loadBfclCategory } from "./loadBfclCategory.js";
import { loadHammerSet } from "./loadHammerSet.js";
import { jsonArrayElementLines } from "./jsonArrayElementLines.js";

describe("dataset loaders on malformed input", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "hammer-eval-load-"));
    mkdirSync(path.join(dir, "bfcl_v3", "possible_answer"), { recursive: true });
    mkdirSync(path.join(dir, "hammer_eval", "original"), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const doc = { name: "f", description: "", parameters: { type: "dict", properties: { n: { type: "float" } }, required: ["n"] } };
  const q = (id: string, fns: unknown[] = [doc]) => JSON.stringify({ id, question: [[{ role: "user", content: "hi" }]], function: fns });

  it("reports bad BFCL lines with file and line and keeps loading", () => {
    writeFileSync(
      path.join(dir, "bfcl_v3", "BFCL_v3_simple.json"),
      [q("simple_0"), "{not json", q("simple_2", [{ name: "g", parameters: { type: "dict", properties: { x: { type: "complex" } }, required: [] } }]), q("multiple_3"), q("simple_4"), q("simple_0")].join("\n") + "\n",
    );
    writeFileSync(
      path.join(dir, "bfcl_v3", "possible_answer", "BFCL_v3_simple.json"),
      ['{"id": "simple_0", "ground_truth": [{"f": {"n": [5.0]}}]}', '{"id": "simple_4", "ground_truth": [{"f": {"n": 5}}]}'].join("\n"),
    );
    const r = loadBfclCategory(dir, "simple");
    expect(r?.samples.map((s) => s.id)).toEqual(["simple_0"]);
    const gt = r?.samples[0]?.groundTruth?.[0]?.f?.n as unknown[];
    expect(isFloatAt(gt, 0)).toBe(true);
    const where = (s: string) => r?.issues.find((i) => i.message.includes(s))?.location;
    expect(where("not valid JSON")).toMatch(/BFCL_v3_simple\.json:2$/);
    expect(where("complex")).toMatch(/BFCL_v3_simple\.json:3$/);
    expect(where("does not belong")).toMatch(/:4$/);
    expect(where("duplicate id simple_0")).toMatch(/:6$/);
    expect(where("not a list of allowed values")).toMatch(/possible_answer\/BFCL_v3_simple\.json:2$/);
    expect(where("simple_4 has no possible answer")).toMatch(/:5$/);
  });

  it("a category whose files are absent is not present (null), not an error", () => {
    expect(loadBfclCategory(dir, "live_multiple")).toBeNull();
    writeFileSync(path.join(dir, "bfcl_v3", "BFCL_v3_parallel.json"), q("parallel_0"));
    expect(loadBfclCategory(dir, "parallel")).toBeNull(); // no possible_answer file
    writeFileSync(path.join(dir, "bfcl_v3", "BFCL_v3_irrelevance.json"), q("irrelevance_0"));
    expect(loadBfclCategory(dir, "irrelevance")?.samples.length).toBe(1);
  });

  it("Hammer sets: ids are <set>_<index> in file order; bad entries are reported with their line", () => {
    const text = `[
  {"query": "q0", "tools": [], "answers": [{"name": "f", "arguments": {"a": 1}}]},
  {"query": "q1", "tools": [], "answers": [{"oops": 1}]},
  {"query": "q2", "tools": [], "answers": [{"tool": "g", "parameters": {"b": "x"}}]}
]`;
    writeFileSync(path.join(dir, "hammer_eval", "original", "sealtool.json"), text);
    const r = loadHammerSet(dir, "sealtool");
    expect(r?.samples.map((s) => s.id)).toEqual(["sealtool_0", "sealtool_2"]);
    expect(r?.samples[1]?.answers).toEqual([{ name: "g", arguments: { b: "x" } }]);
    expect(r?.issues[0]?.location).toMatch(/sealtool\.json:3$/);
    expect(loadHammerSet(dir, "NexusRaven")).toBeNull();
    writeFileSync(path.join(dir, "hammer_eval", "original", "toolalpaca.json"), "[{");
    expect(loadHammerSet(dir, "toolalpaca")?.issues[0]?.message).toMatch(/not valid JSON/);
  });

  it("finds the line of each top-level array element", () => {
    expect(jsonArrayElementLines('[\n {"a": "x,\\"]"},\n 2,\n\n [3]\n]')).toEqual([2, 3, 5]);
    expect(jsonArrayElementLines("[]")).toEqual([]);
  });
});
