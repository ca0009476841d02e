import { afterAll, describe, expect, it } from "vitest";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BatchJob, BuildContext } from "./buildContext.js";
import { indexRecordFile } from "./indexRecordFile.js";
import { prefetchRecords } from "./prefetchRecords.js";

const dir = mkdtempSync(path.join(tmpdir(), "hammer-prefetch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = [0, 1, 2, 3].map((i) => JSON.stringify({ query: `q${i} ${"é".repeat(i)}`, tools: "[]", answers: "[]" }));
const file = path.join(dir, "rows.jsonl");
writeFileSync(file, rows.join("\n"));
const index = indexRecordFile(file, 1 << 20, 100);
const ctx = { xlam: index.data(), total: 4, maxRecordBytes: 1 << 20 } as unknown as BuildContext;
const job: BatchJob = { id: 0, copy: 0, start: 1, end: 4, perm: Int32Array.from([3, 2, 0, 1]) };

function texts(spare?: ArrayBuffer[]) {
  const fd = openSync(file, "r");
  try {
    const pre = prefetchRecords(ctx, job, { xlam: fd, irrelevance: -1 }, spare);
    return { pre, texts: [0, 1, 2].map((k) => Buffer.from(pre.bytes.subarray(pre.offsets[k], pre.offsets[k + 1])).toString("utf8")) };
  } finally {
    closeSync(fd);
  }
}

describe("prefetchRecords", () => {
  it("reads the records of the batch's positions, in position order", () => {
    expect(texts().texts).toEqual([rows[2], rows[0], rows[1]]);
  });

  it("reads into a spare buffer that is large enough, and leaves a small one alone", () => {
    const big = new ArrayBuffer(4096);
    const small = new ArrayBuffer(8);
    const spare = [big, small];
    const r = texts(spare);
    expect(r.texts).toEqual([rows[2], rows[0], rows[1]]);
    // the small one was popped first and dropped; the big one was used
    expect(r.pre.bytes.buffer).toBe(big);
    expect(spare).toEqual([]);
    const fresh = texts([small]);
    expect(fresh.pre.bytes.buffer).not.toBe(small);
    expect(fresh.texts).toEqual([rows[2], rows[0], rows[1]]);
  });
});
