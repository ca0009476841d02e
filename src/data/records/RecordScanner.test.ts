import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RecordScanner, type ScannedRecord } from "./RecordScanner.js";
import { scanRecordFile } from "./scanRecordFile.js";

type Rec = Omit<ScannedRecord, "bytes"> & { text: string | null };

/** Scan `text` fed in chunks of the given sizes (cycled). */
function scan(text: string, chunkSizes: number[] = [1 << 20], maxRecordBytes = 1 << 20): Rec[] {
  const buf = Buffer.from(text, "utf8");
  const out: Rec[] = [];
  const s = new RecordScanner((r) => out.push({ offset: r.offset, length: r.length, line: r.line, text: r.bytes === null ? null : r.bytes.toString("utf8") }), { maxRecordBytes, source: "t.json" });
  for (let i = 0, k = 0; i < buf.length; k++) {
    const n = Math.max(1, chunkSizes[k % chunkSizes.length] as number);
    s.push(buf.subarray(i, i + n));
    i += n;
  }
  s.end();
  return out;
}

// values whose strings hold quotes, backslashes and brackets — the scanner's traps
const trickyString = fc.stringMatching(/^[a-z"\\{}[\],: \u00e9\u2028]{0,12}$/);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: "small" }, trickyString, fc.integer(), fc.constant(null), fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(trickyString, tie("v"), { maxKeys: 3 })),
})).v;
const records = fc.array(fc.oneof(fc.dictionary(trickyString, value, { maxKeys: 4 }), value), { maxLength: 6 });

describe("RecordScanner", () => {
  it("splits a JSON array into its elements, whatever the layout and chunking (property)", () => {
    fc.assert(
      fc.property(records, fc.constantFrom(undefined, 2, 4), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }), (recs, indent, chunks) => {
        const text = JSON.stringify(recs, null, indent);
        const out = scan(text, chunks);
        expect(out.map((r) => JSON.parse(r.text as string))).toEqual(recs);
        for (const r of out) expect(Buffer.from(text).subarray(r.offset, r.offset + r.length).toString()).toBe(r.text);
      }),
      { numRuns: 300 },
    );
  });

  it("splits JSON Lines on newlines, skipping blank lines, with CRLF and no final newline", () => {
    const text = '{"a": 1}\r\n\n   \n{"b": "x\\ny"}\n[1, 2]';
    for (const chunks of [[1], [2, 3], [100]]) {
      const out = scan(text, chunks);
      expect(out.map((r) => JSON.parse(r.text as string))).toEqual([{ a: 1 }, { b: "x\ny" }, [1, 2]]);
      expect(out.map((r) => r.line)).toEqual([1, 4, 5]);
    }
  });

  it("reports the line where an array element starts", () => {
    const out = scan('[\n  {"a": 1},\n  {\n    "b": 2\n  }\n]');
    expect(out.map((r) => r.line)).toEqual([2, 3]);
  });

  it("reports records over the size limit without their bytes", () => {
    const out = scan(`[{"a": "${"x".repeat(100)}"}, {"b": 1}]`, [7], 50);
    expect(out.map((r) => r.text)).toEqual([null, '{"b": 1}']);
    expect(out[0]?.length).toBe(109);
    expect(scan(`{"a": "${"x".repeat(100)}"}\n{"b": 1}\n`, [7], 50).map((r) => r.text)).toEqual([null, '{"b": 1}']);
  });

  it("rejects a broken top-level array with line and byte offset", () => {
    expect(() => scan('[{"a": 1}')).toThrow(/not closed/);
    expect(() => scan('[{"a": 1},]')).toThrow(/trailing ','/);
    expect(() => scan('[{"a": 1}] x')).toThrow(/after the closing/);
    expect(() => scan('[{"a": 1}\n {"b": 2}]')).toThrow(/t\.json:2.*expected ',' or ']'|expected ',' or '\]'.*byte 11/);
    expect(() => scan('[,1]')).toThrow(/missing array element/);
    expect(() => scan('["abc')).toThrow(/unterminated string/);
  });

  it("handles an empty array, an empty file and a UTF-8 BOM", () => {
    expect(scan("[]")).toEqual([]);
    expect(scan(" \n ")).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), "scan-"));
    const file = path.join(dir, "bom.jsonl");
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a": 1}\n')]));
    const seen: string[] = [];
    const r = scanRecordFile(file, (rec) => seen.push((rec.bytes as Buffer).toString()), 1000);
    expect(seen).toEqual(['{"a": 1}']);
    expect(r.format).toBe("jsonl");
  });

  it("names a directory given as the input (not a bare EISDIR)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hammer-scan-dir-"));
    try {
      expect(() => scanRecordFile(dir, () => {}, 10)).toThrow(expect.objectContaining({ code: "INPUT_INVALID", location: dir, message: expect.stringMatching(/directory/) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync("/dev/zero"))("refuses a device that would be read for ever", () => {
    expect(() => scanRecordFile("/dev/zero", () => {}, 10)).toThrow(expect.objectContaining({ code: "INPUT_INVALID", location: "/dev/zero", message: expect.stringMatching(/not a regular file/) }));
  });

  it("names a missing file", () => {
    expect(() => scanRecordFile("/nonexistent/x.json", () => {}, 10)).toThrow(expect.objectContaining({ code: "NOT_FOUND", location: "/nonexistent/x.json", message: expect.stringMatching(/^cannot open the input: no such file/) }));
  });
});
