import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTrainData } from "./checkTrainData.js";
import { checkTrainRecord } from "./checkTrainRecord.js";

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "hammer-tdata-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const GOOD = [
  { instruction: "q", input: "", output: "a", task: "xlam" },
  { conversations: [{ from: "human", value: "q" }, { from: "gpt", value: "a" }], task: "chat" },
  {
    messages: [
      { role: "user", content: "weather?" },
      { role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "w", arguments: '{"city": "Oslo"}' } }] },
      { role: "tool", content: "3" },
      { role: "assistant", content: [{ type: "text", text: "3 degrees" }] },
    ],
    tools: JSON.stringify([{ type: "function", function: { name: "w", parameters: {} } }]),
    task: "xlam",
  },
];

describe("checkTrainData", () => {
  it("reads JSON Lines and JSON arrays of every layout the trainer takes, counting tasks", () => {
    const lines = checkTrainData(file("a.jsonl", GOOD.map((r) => JSON.stringify(r)).join("\n") + "\n"), "task");
    expect(lines).toEqual({ rows: 3, layouts: { alpaca: 1, sharegpt: 1, messages: 1 }, tasks: { xlam: 2, chat: 1 } });
    expect(checkTrainData(file("a.json", JSON.stringify(GOOD, null, 2)))).toMatchObject({ rows: 3, tasks: {} });
  });

  it("names the file, line and row of the first bad row", () => {
    const text = [JSON.stringify(GOOD[0]), "", JSON.stringify({ instruction: "q", output: 5 })].join("\n");
    expect(() => checkTrainData(file("b.jsonl", text))).toThrow(expect.objectContaining({ code: "INPUT_INVALID", location: `${path.join(dir, "b.jsonl")}:3: row 2`, message: 'alpaca record: "output" must be a string' }));
    expect(() => checkTrainData(file("c.jsonl", '{"instruction": "q", "output": "a"}\n{oops\n'))).toThrow(expect.objectContaining({ code: "INPUT_INVALID", location: expect.stringMatching(/c\.jsonl:2: row 2$/) }));
    expect(() => checkTrainData(file("d.jsonl", ""))).toThrow(/no rows/);
    expect(() => checkTrainData(path.join(dir, "missing.jsonl"))).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => checkTrainData(file("e.jsonl", JSON.stringify(GOOD[1]) + "\n"), "task")).not.toThrow();
    expect(() => checkTrainData(file("f.jsonl", JSON.stringify({ instruction: "q", output: "a" }) + "\n"), "task")).toThrow(/missing the task field "task"/);
  });

  it("refuses what the trainer would refuse", () => {
    const bad = (row: unknown) => () => checkTrainRecord(row, "d.jsonl: row 1");
    expect(bad([1])).toThrow("expected a JSON object, got an array");
    expect(bad({ foo: 1 })).toThrow("not a training record");
    expect(bad({ messages: [{ role: "user", content: "q" }] })).toThrow("no assistant turn to learn from");
    expect(bad({ messages: [{ role: "wizard", content: "q" }] })).toThrow('unknown role "wizard"');
    expect(bad({ messages: [{ role: "assistant", tool_calls: [{ function: { name: "f", arguments: "{x" } }] }] })).toThrow("arguments is not valid JSON");
    expect(bad({ messages: [{ role: "assistant", tool_calls: [{ function: { arguments: "{}" } }] }] })).toThrow("must be {type: function");
    expect(bad({ messages: [{ role: "assistant", content: 5 }] })).toThrow("content must be a string");
    expect(bad({ tools: "{nope", messages: [{ role: "assistant", content: "a" }] })).toThrow('"tools" is a string but not valid JSON');
    expect(bad({ tools: [{ description: "x" }], messages: [{ role: "assistant", content: "a" }] })).toThrow("tools[0] needs a string name");
    expect(bad({ conversations: [{ from: "gpt", value: 1 }] })).toThrow("conversations[0].value must be a string");
    expect(bad({ conversations: [] })).toThrow("non-empty list");
  });
});
