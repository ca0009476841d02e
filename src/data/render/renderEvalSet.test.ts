import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import { parseJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import { EVAL_TEMPLATES, type EvalRecord } from "./renderEvalRecord.js";
import { TrimmedTurnRestorer, renderEvalSet } from "./renderEvalSet.js";

const SETS = { apibank_l1: 399, apibank_l2: 127, sealtool: 294, toolalpaca: 114 } as const;

describe.skipIf(!HAS_SHARED_DATA)("rendering Hammer's released eval sets", () => {
  for (const [set, count] of Object.entries(SETS)) {
    for (const template of EVAL_TEMPLATES) {
      it(`${set} → ${template}/: all ${count} records, and the whole file, byte for byte`, () => {
        // Read inside the test: describe bodies run even when skipped.
        const originalText = readFileSync(sharedPath(`hammer_eval/original/${set}.json`), "utf8");
        const expectedText = readFileSync(sharedPath(`hammer_eval/${template}/${set}.json`), "utf8");
        const expected = JSON.parse(expectedText) as EvalRecord[];
        const { records, rejects } = renderEvalSet(parseJson(originalText) as unknown[], template);
        expect(rejects).toEqual([]);
        expect(records).toHaveLength(count);
        records.forEach((r, i) => {
          // Field by field first, so a failure names the record.
          expect(r.instruction, `record ${i} instruction`).toBe(expected[i]?.instruction);
          expect(r.output, `record ${i} output`).toBe(expected[i]?.output);
          expect(r.input, `record ${i} input`).toBe("");
        });
        expect(pyJsonDumps(records, { indent: 2, ensureAscii: false })).toBe(expectedText);
      });
    }
  }
});
if (!HAS_SHARED_DATA) describe("rendering Hammer's released eval sets", () => it.skip(SKIP_SHARED_REASON, () => {}));

describe("renderEvalSet", () => {
  const tools = [{ name: "f", description: "d", parameters: {} }];
  const answers = [{ name: "f", arguments: {} }];

  it("reconciles counts: every input record is either rendered or rejected with its index and reason", () => {
    const input: unknown[] = [
      { query: "q0", tools, answers },
      "not a record",
      { query: "q2", tools },
      { query: "q3", tools: "[{oops", answers },
      { query: "q4", tools, answers },
    ];
    for (const template of EVAL_TEMPLATES) {
      const { records, rejects } = renderEvalSet(input, template);
      expect(records).toHaveLength(2);
      expect(rejects.map((r) => [r.index, r.location])).toEqual([
        [1, "/"],
        [2, "/"],
        [3, "/tools"],
      ]);
      expect(rejects[0]?.reason).toBe("record is a string, not an object");
      expect(rejects[1]?.reason).toBe('record has no "answers"');
      expect(rejects[2]?.reason).toMatch(/^string is not valid JSON: /);
    }
  });

  it("rejects a Hammer query turn whose role has no QUERY line, pointing at it", () => {
    const { rejects } = renderEvalSet([{ query: [{ role: "narrator", content: "x" }], tools, answers }], "hammer");
    expect(rejects).toEqual([
      { index: 0, location: "/query/0/role", reason: 'turn 0: role "narrator" has no Hammer query line (expected user, agent, assistant or tool)' },
    ]);
    // The 2.1 layout writes any role as its own turn.
    expect(renderEvalSet([{ query: [{ role: "narrator", content: "x" }], tools, answers }], "hammer2.1").rejects).toEqual([]);
  });
});

describe("TrimmedTurnRestorer", () => {
  const prefix = [
    { role: "user", content: "Check my registration." },
    { role: "agent", content: "What's your name?" },
    { role: "user", content: "Robert Lee" },
  ];
  const snapshot = [...prefix, { role: "agent", content: "Sure, let me check. \nGenerate API Request:" }];
  const later = [...prefix, { role: "agent", content: "Sure, let me check." }, { role: "assistant", content: "```[]```" }, { role: "agent", content: "Done.\nGenerate API Request:" }];

  it("restores a trimmed history turn from another snapshot of the same dialogue", () => {
    const r = TrimmedTurnRestorer.fromRecords([{ query: snapshot }, { query: later }]);
    const restored = r.restore(later);
    expect(restored[3]).toEqual({ role: "agent", content: "Sure, let me check. " });
    expect(restored.filter((_, i) => i !== 3)).toEqual(later.filter((_, i) => i !== 3));
  });

  it("leaves turns alone when the earlier turns differ, when the role differs, and never touches the final turn", () => {
    const otherPrefix = [{ role: "user", content: "Something else." }, ...later.slice(1)];
    const r = TrimmedTurnRestorer.fromRecords([{ query: snapshot }]);
    expect(r.restore(otherPrefix)).toEqual(otherPrefix);
    const otherRole = later.map((t, i) => (i === 3 ? { role: "user", content: t.content } : t));
    expect(r.restore(otherRole)).toEqual(otherRole);
    const finalOnly = [...prefix, { role: "agent", content: "Sure, let me check." }];
    expect(r.restore(finalOnly)).toEqual(finalOnly);
  });

  it("ignores records without well-formed turns", () => {
    expect(() => TrimmedTurnRestorer.fromRecords([null, 5, { query: "text" }, { query: [{ role: 1 }] }])).not.toThrow();
  });
});
