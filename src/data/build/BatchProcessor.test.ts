import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BatchProcessor } from "./BatchProcessor.js";
import { ROW_ANSWERS_FLOATS, ROW_FLOATS_KNOWN, ROW_OK, ROW_REJECTED, ROW_STATE, ROW_TOOLS_FLOATS, type BatchJob, type BuildContext } from "./buildContext.js";
import { indexRecordFile } from "./indexRecordFile.js";

const dir = mkdtempSync(path.join(tmpdir(), "hammer-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tool = (d: string) => `[{"name": "f", "description": "d", "parameters": {"x": {"description": "x, default ${d}", "type": "float", "default": ${d}}}}]`;
const rows = [
  { query: "x is 1.0", tools: tool("1.0"), answers: '[{"name": "f", "arguments": {"x": 1.0}}]' }, // floats in both
  { query: "x is 2", tools: tool("2"), answers: '[{"name": "f", "arguments": {"x": 2.0}}]' }, // in answers only
  { query: "x is 3", tools: tool("3.0"), answers: '[{"name": "f", "arguments": {"x": 3}}]' }, // in tools only
  { query: "x is 4", tools: tool("4"), answers: '[{"name": "f", "arguments": {"x": 4}}]' }, // none
  { query: "bad", tools: "[]", answers: "[]" },
];
const file = path.join(dir, "rows.jsonl");
writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n"));
const index = indexRecordFile(file, 1 << 20, 100);

function context(maskRatio: number): BuildContext {
  const total = rows.length;
  return { xlam: index.data(), status: new Uint8Array(new SharedArrayBuffer(total)), total, seed: 3, maskRatio, mode: "fixed", format: "alpaca", jsonl: true, maxRecordBytes: 1 << 20 };
}

const perm = Int32Array.from([2, 0, 4, 3, 1]);
const job = (copy: number): BatchJob => ({ id: copy, copy, start: 0, end: rows.length, perm });
const run = (p: BatchProcessor, copy: number) => Buffer.from(p.run(job(copy)).bytes).toString("utf8");

describe("BatchProcessor", () => {
  it("records each accepted row's float tests in its status byte; later reads use them and write the same bytes", () => {
    const ctx = context(1); // every row masked: every first read tests for floats
    const p = new BatchProcessor(ctx);
    try {
      run(p, 0);
      const flags = [...ctx.status].map((b) => b & ~ROW_STATE);
      expect(flags).toEqual([
        ROW_FLOATS_KNOWN | ROW_TOOLS_FLOATS | ROW_ANSWERS_FLOATS,
        ROW_FLOATS_KNOWN | ROW_ANSWERS_FLOATS,
        ROW_FLOATS_KNOWN | ROW_TOOLS_FLOATS,
        ROW_FLOATS_KNOWN,
        0,
      ]);
      expect([...ctx.status].map((b) => b & ROW_STATE)).toEqual([ROW_OK, ROW_OK, ROW_OK, ROW_OK, ROW_REJECTED]);
      const hinted = run(p, 1);
      // the same copy from a processor that knows nothing yet (its copy-1 reads test everything)
      const fresh = new BatchProcessor(context(1));
      try {
        expect(run(fresh, 1)).toBe(hinted);
      } finally {
        fresh.close();
      }
      // row 3's default 3.0 (its gold 3 is not str()-equal, so it stays): the float mark survived the hinted parse
      expect(hinted).toContain('\\"default\\": 3.0}');
      expect(hinted.split("\n").filter(Boolean)).toHaveLength(4);
    } finally {
      p.close();
    }
  });

  it("leaves the float flags unknown after an unmasked (validated) first read", () => {
    const ctx = context(0);
    const p = new BatchProcessor(ctx);
    try {
      run(p, 0);
      expect([...ctx.status]).toEqual([ROW_OK, ROW_OK, ROW_OK, ROW_OK, ROW_REJECTED]);
    } finally {
      p.close();
    }
  });
});
