import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { register } from "./dataRender.js";

/** Run `hammer data render …` in-process; returns stderr and the exit code it set. */
async function run(args: string[]): Promise<{ stderr: string; exitCode: number }> {
  const program = new Command().exitOverride();
  register(program.command("data").exitOverride());
  let stderr = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(["data", "render", ...args], { from: "user" });
    return { stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
    spy.mockRestore();
  }
}

describe("hammer data render", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "hammer-render-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const good = {
    query: [
      { role: "user", content: "Weather in Paris?" },
      { role: "agent", content: "Checking.\nGenerate API Request:" },
    ],
    tools: [{ name: "get_weather", description: "Weather", parameters: { city: { type: "str", description: "City" } } }],
    answers: [{ name: "get_weather", arguments: { city: "Paris" } }],
  };

  it("renders good records, writes the bad one to OUT.rejects.jsonl and exits 1", async () => {
    const input = path.join(dir, "in.json");
    const out = path.join(dir, "out.json");
    writeFileSync(input, JSON.stringify([good, { query: "no tools or answers" }, { ...good, query: "Weather in Oslo?" }]));
    const { stderr, exitCode } = await run(["--template", "hammer2.1", "--in", input, "--out", out]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain("rendered 2 of 3 records (hammer2.1)");
    expect(stderr).toContain(`rejected 1 records, see ${out}.rejects.jsonl`);

    const text = readFileSync(out, "utf8");
    expect(text.startsWith('[\n  {\n    "instruction": "<|im_start|>user\\n[BEGIN OF TASK INSTRUCTION]')).toBe(true);
    expect(text.endsWith("\n  }\n]")).toBe(true); // json.dumps(indent=2): no final newline
    const records = JSON.parse(text) as Array<{ instruction: string; input: string; output: string }>;
    expect(records).toHaveLength(2);
    expect(records[0]?.instruction.endsWith("<|im_start|>user\nWeather in Paris?<|im_end|>\n<|im_start|>agent\nChecking.<|im_end|>\n")).toBe(true);
    expect(records[1]?.output).toBe('```\n[{"name": "get_weather", "arguments": {"city": "Paris"}}]\n```');

    const rejects = readFileSync(`${out}.rejects.jsonl`, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rejects).toEqual([{ index: 1, location: "/", reason: 'record has no "tools"', record: { query: "no tools or answers" } }]);
    // Only the two outputs are left: no temporary files.
    expect(readdirSync(dir).sort()).toEqual(["in.json", "out.json", "out.json.rejects.jsonl"]);
  });

  it("exits 0 when every record renders, and removes a stale rejects file", async () => {
    const input = path.join(dir, "in.json");
    const out = path.join(dir, "out.json");
    writeFileSync(input, JSON.stringify([good]));
    writeFileSync(`${out}.rejects.jsonl`, "stale\n");
    const { exitCode } = await run(["--template", "hammer", "--in", input, "--out", out]);
    expect(exitCode).toBe(0);
    expect(existsSync(`${out}.rejects.jsonl`)).toBe(false);
    const [record] = JSON.parse(readFileSync(out, "utf8")) as Array<{ instruction: string }>;
    expect(record?.instruction).toContain("[BEGIN OF QUERY]\nUser: Weather in Paris?\nAI: Checking.\nGenerate API Request:\n\n[END OF QUERY]");
  });

  it("fails with one clear line (exit 3, bad input) on malformed JSON, a non-list, hostile nesting, a missing input or output directory", async () => {
    const out = path.join(dir, "out.json");
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, '[{"query": "q",, }]');
    let r = await run(["--template", "hammer", "--in", bad, "--out", out]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^hammer: .*bad\.json: .* at line 1, column 16\n$/);

    writeFileSync(bad, '{"query": "q"}');
    r = await run(["--template", "hammer", "--in", bad, "--out", out]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/input must be a JSON list of records/);

    r = await run(["--template", "hammer", "--in", path.join(dir, "missing.json"), "--out", out]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/cannot read input/);
    expect(existsSync(out)).toBe(false);

    writeFileSync(bad, "[".repeat(100_000));
    r = await run(["--template", "hammer", "--in", bad, "--out", out]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/nesting deeper than 512/);

    writeFileSync(bad, "[]");
    r = await run(["--template", "hammer", "--in", bad, "--out", path.join(dir, "no-such-dir", "out.json")]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/no-such-dir\/out\.json: cannot write output/);

    r = await run(["--template", "hammer", "--in", dir, "--out", out]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(`hammer: ${dir}: the input is a directory, not a JSON file\n`);
    writeFileSync(path.join(dir, "a-file"), "x");
    r = await run(["--template", "hammer", "--in", bad, "--out", path.join(dir, "a-file", "out.json")]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/a-file\/out\.json: cannot write output: not a directory \(ENOTDIR\)\n$/);
    if (existsSync("/dev/zero")) {
      r = await run(["--template", "hammer", "--in", "/dev/zero", "--out", out]);
      expect([r.exitCode, r.stderr]).toEqual([3, "hammer: /dev/zero: the input is not a regular file, not a JSON file\n"]);
    }
    r = await run(["--template", "hammer", "--in", bad, "--out", dir]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`^hammer: ${dir}: cannot write output: .*\\(EISDIR\\)\n$`));
  });

  it("accepts only the two Hammer templates", async () => {
    await expect(run(["--template", "qwen", "--in", "x", "--out", "y"])).rejects.toThrow(/Allowed choices are hammer, hammer2\.1/);
  });
});
