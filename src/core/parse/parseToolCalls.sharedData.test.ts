import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import type { CallSyntax } from "../formats/types.js";
import { pyJsonDumps } from "../python/index.js";
import type { ToolCall } from "../types.js";
import { createCallStreamParser } from "./createCallStreamParser.js";
import { parseToolCalls } from "./parseToolCalls.js";
import { HAS_PYTHON } from "../../../test/support/python.js";


if (!HAS_SHARED_DATA) console.warn(`parseToolCalls.sharedData.test: skipped, ${SKIP_SHARED_REASON}`);
if (!HAS_PYTHON) console.warn("parseToolCalls.sharedData.test: skipped, python3 not found");

const HAMMER: CallSyntax = { kind: "json-list", open: "```\n", close: "\n```" };

function canon(calls: readonly ToolCall[]): string {
  return pyJsonDumps(calls.map((c) => ({ name: c.name, arguments: c.arguments })));
}

function python(script: string, input: string): string[] {
  return execFileSync("python3", ["-c", script], { input, maxBuffer: 1 << 28 }).toString("utf8").trimEnd().split("\n");
}

describe.skipIf(!HAS_SHARED_DATA || !HAS_PYTHON)("parseToolCalls on the released benchmark data", () => {
  it("parses every Hammer eval label exactly as evaluate.py's json.loads does (and streams it the same)", () => {
    const outputs: string[] = [];
    for (const dir of ["hammer", "hammer2.1"]) {
      for (const file of readdirSync(sharedPath("hammer_eval", dir)).filter((f) => f.endsWith(".json"))) {
        const rows = JSON.parse(readFileSync(sharedPath("hammer_eval", dir, file), "utf8")) as Array<{ output: string }>;
        for (const r of rows) outputs.push(r.output);
      }
    }
    for (const line of readFileSync(sharedPath("hammer_eval", "example_eval.jsonl"), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const r = JSON.parse(line) as { label: string; predict: string };
      outputs.push(r.label, r.predict);
    }
    expect(outputs.length).toBeGreaterThan(1800);
    // evaluate.py: strip every "```json" and "```", json.loads, unwrap {"tool_calls": ...}.
    const want = python(
      "import json, sys\n" +
        "for s in json.load(sys.stdin):\n" +
        "  v = json.loads(s.replace('```json', '').replace('```', ''))\n" +
        "  if isinstance(v, dict) and 'tool_calls' in v: v = v['tool_calls'] or []\n" +
        "  print(json.dumps([{'name': c['name'], 'arguments': c['arguments']} for c in v]))\n",
      JSON.stringify(outputs),
    );
    expect(want).toHaveLength(outputs.length);
    outputs.forEach((out, i) => {
      const r = parseToolCalls(out, { syntax: HAMMER });
      expect(canon(r.calls), out).toBe(want[i]);
      expect(r.content).toBeNull();
    });
    // The stream parser, fed each output in 7-character chunks, rebuilds the same calls.
    outputs.forEach((out, i) => {
      const p = createCallStreamParser(HAMMER);
      const events = [];
      for (let k = 0; k < out.length; k += 7) events.push(...p.push(out.slice(k, k + 7)));
      events.push(...p.end());
      const calls: ToolCall[] = [];
      const args: string[] = [];
      for (const e of events) {
        if (e.type === "call_start") calls[e.index] = { name: e.name, arguments: {} };
        else if (e.type === "arguments") args[e.index] = (args[e.index] ?? "") + e.delta;
      }
      calls.forEach((c, k) => (c.arguments = JSON.parse(args[k] ?? "{}") as Record<string, unknown>));
      expect(JSON.stringify(calls.map((c) => ({ name: c.name, arguments: c.arguments })))).toBe(JSON.stringify(JSON.parse(want[i] ?? "")));
    });
  });

  it("parses every BFCL multi-turn ground-truth call like Python's ast, naming positional arguments from the func docs", () => {
    const params = new Map<string, string[]>();
    const docDir = sharedPath("bfcl_v3", "multi_turn_func_doc");
    for (const file of readdirSync(docDir)) {
      for (const line of readFileSync(`${docDir}/${file}`, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        const doc = JSON.parse(line) as { name: string; parameters: { properties: Record<string, unknown> } };
        params.set(doc.name, Object.keys(doc.parameters.properties));
      }
    }
    const calls: string[] = [];
    const answerDir = sharedPath("bfcl_v3", "possible_answer");
    for (const file of readdirSync(answerDir).filter((f) => f.startsWith("BFCL_v3_multi_turn_"))) {
      for (const line of readFileSync(`${answerDir}/${file}`, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        for (const turn of (JSON.parse(line) as { ground_truth: string[][] }).ground_truth) calls.push(...turn);
      }
    }
    expect(calls.length).toBeGreaterThan(4000);
    const want = python(
      "import ast, json, sys\n" +
        "data = json.load(sys.stdin)\n" +
        "for s in data['calls']:\n" +
        "  node = ast.parse(s, mode='eval').body\n" +
        "  name = ast.unparse(node.func)\n" +
        "  args = {p: ast.literal_eval(a) for p, a in zip(data['params'].get(name, []), node.args)}\n" +
        "  args.update({k.arg: ast.literal_eval(k.value) for k in node.keywords})\n" +
        "  print(json.dumps([{'name': name, 'arguments': args}]))\n",
      JSON.stringify({ calls, params: Object.fromEntries(params) }),
    );
    expect(want).toHaveLength(calls.length);
    const positionalParams = (fn: string): readonly string[] | undefined => params.get(fn);
    calls.forEach((s, i) => expect(canon(parseToolCalls(s, { positionalParams }).calls), s).toBe(want[i]));
  });
});
