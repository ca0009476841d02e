import { describe, expect, it } from "vitest";
import { isFloatAt } from "../../core/json/index.js";
import { readPredictions } from "./readPredictions.js";

describe("readPredictions", () => {
  it("reads both line shapes, keeps 5.0, reports bad lines by number", () => {
    const r = readPredictions(
      [
        '{"id": "a", "output": "```\\n[]\\n```"}',
        "",
        '{"id": "b", "tool_calls": [{"name": "f", "arguments": {"x": 5.0}}]}',
        '{"id": "c"}',
        '{"output": "x"}',
        "[1, 2",
        '{"id": "a", "output": "again"}',
        '{"id": "d", "tool_calls": [], "output": "raw"}\r',
      ].join("\n"),
      "preds.jsonl",
    );
    expect([...r.byId.keys()]).toEqual(["a", "b", "d"]);
    const args = (r.byId.get("b")?.toolCalls?.[0] as { arguments: object }).arguments;
    expect(isFloatAt(args, "x")).toBe(true);
    expect(r.byId.get("d")).toMatchObject({ toolCalls: [], output: "raw", line: 8 });
    expect(r.issues.map((i) => i.location)).toEqual(["preds.jsonl:4", "preds.jsonl:5", "preds.jsonl:6", "preds.jsonl:7"]);
  });

  it("reads the first line of a file that starts with a UTF-8 byte-order mark (Windows editors write one)", () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.from('\uFEFF{"id": "a", "output": "x"}\n{"id": "b", "output": "y"}\n', "utf8"));
    expect(text.charCodeAt(0)).toBe(0xfeff); // as readFileSync(…, "utf8") hands it over
    const r = readPredictions(text, "bom.jsonl");
    expect([...r.byId.keys()]).toEqual(["a", "b"]);
    expect(r.byId.get("a")?.line).toBe(1);
    expect(r.issues).toEqual([]);
  });
});
