import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeError } from "../../core/errors.js";
import { isFloatAt, markFloat } from "../../core/json/index.js";
import { PredictionLog } from "./PredictionLog.js";
import type { PredictionRecord } from "./types.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-predlog-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = () => path.join(dir, `p${n++}.jsonl`);
const rec = (id: string, extra: Partial<PredictionRecord> = {}): PredictionRecord => ({ id, output: "[]", tool_calls: [], finish_reason: "stop", latency_ms: 1, usage: null, ...extra });

function describeOpen(f: string): string {
  try {
    PredictionLog.open(f).close();
    return "opened";
  } catch (e) {
    return describeError(e);
  }
}

describe("PredictionLog", () => {
  it("appends one line per record and reads them back on reopening, floats kept", () => {
    const f = file();
    const log = PredictionLog.open(f);
    const args = { x: 5 };
    markFloat(args, "x");
    log.append(rec("a", { tool_calls: [{ name: "f", arguments: args }] }));
    log.append(rec("b"));
    log.close();
    expect(readFileSync(f, "utf8")).toContain('"x": 5.0');
    const again = PredictionLog.open(f);
    expect([...again.records.keys()]).toEqual(["a", "b"]);
    const call = again.records.get("a")?.tool_calls?.[0] as { arguments: object };
    expect(isFloatAt(call.arguments, "x")).toBe(true);
    again.close();
  });

  it("cuts a torn last line (a kill mid-write, even inside a UTF-8 character) and appends after it", () => {
    const f = file();
    writeFileSync(f, `${JSON.stringify(rec("a"))}\n`);
    const torn = Buffer.from(`{"id": "b", "output": "é`, "utf8");
    appendFileSync(f, torn.subarray(0, torn.length - 1));
    const log = PredictionLog.open(f);
    expect([...log.records.keys()]).toEqual(["a"]);
    expect(log.cutBytes).toBe(torn.length - 1);
    log.append(rec("b"));
    log.close();
    expect(readFileSync(f, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l).id)).toEqual(["a", "b"]);
  });

  it("a damaged line before the last one is an error naming the line", () => {
    const f = file();
    writeFileSync(f, `${JSON.stringify(rec("a"))}\n{broken\n${JSON.stringify(rec("c"))}\n`);
    expect(describeOpen(f)).toMatch(/p\d+\.jsonl:2: damaged predictions log \(expected a string key/);
    writeFileSync(f, `${JSON.stringify({ output: "x" })}\n`);
    expect(describeOpen(f)).toMatch(/\.jsonl:1: damaged predictions log: a line has no string "id"/);
  });
});
