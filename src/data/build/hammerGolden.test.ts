import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import { buildDataset } from "./buildDataset.js";
import { datasetStats } from "../stats/datasetStats.js";
import { ARRAY_CLOSE, ARRAY_OPEN, ARRAY_SEPARATOR, HammerRecordFormatter } from "./HammerRecordFormatter.js";

type Alpaca = { instruction: string; input: string; output: string };

/** The xLAM row behind a record of Hammer's masking_sft_data_example.json. */
function rowOf(r: Alpaca): { query: string; tools: string; answers: string } {
  return {
    tools: /\[BEGIN OF AVAILABLE TOOLS\]\n([\s\S]*)\n\[END OF AVAILABLE TOOLS\]/.exec(r.instruction)?.[1] as string,
    query: /\[BEGIN OF QUERY\]\n([\s\S]*)\n\[END OF QUERY\]\n\n$/.exec(r.instruction)?.[1] as string,
    answers: /^```\n([\s\S]*)\n```$/.exec(r.output)?.[1] as string,
  };
}

describe.skipIf(!HAS_SHARED_DATA)("against Hammer's real pipeline output (masking_sft_data_example.json)", () => {
  const file = sharedPath("hammer_eval/train/masking_sft_data_example.json");
  let text: string;
  let recs: Alpaca[];
  let dir: string;
  beforeAll(() => {
    text = readFileSync(file, "utf8");
    recs = JSON.parse(text) as Alpaca[];
    dir = mkdtempSync(path.join(tmpdir(), "hammer-golden-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the file byte for byte from its rows (Hammer's json.dump indent=2 layout)", () => {
    const f = new HammerRecordFormatter("alpaca", false);
    const built = ARRAY_OPEN + recs.map((r) => rowOf(r)).map((r) => f.format(r.tools, r.query, r.answers)).join(ARRAY_SEPARATOR) + ARRAY_CLOSE;
    expect(built).toBe(text);
  });

  it("rebuilds every record from its xLAM row when nothing is masked", async () => {
    const input = path.join(dir, "rows.jsonl");
    writeFileSync(input, recs.map((r) => JSON.stringify(rowOf(r))).join("\n"));
    const s = await buildDataset({ xlam: input, maskRatio: 0, copies: 1, out: path.join(dir, "out.json"), workers: 0 });
    expect(s.rowsOut).toBe(10);
    const out = JSON.parse(readFileSync(path.join(dir, "out.json"), "utf8")) as Alpaca[];
    const key = (r: Alpaca) => JSON.stringify(r);
    expect(out.map(key).sort()).toEqual(recs.map(key).sort());
  });

  it("stats: 10 rows, 2 irrelevance, 7 masked by the name heuristic", () => {
    const s = datasetStats(file);
    expect(s.formats).toEqual({ alpaca: 10 });
    expect([s.rows, s.irrelevance, s.masked]).toEqual([10, 2, 7]);
    expect(s.calls.histogram).toEqual({ "0": 2, "1": 4, "2": 3, "4": 1 });
  });
});
if (!HAS_SHARED_DATA) describe("against Hammer's real pipeline output", () => it.skip(SKIP_SHARED_REASON, () => {}));
