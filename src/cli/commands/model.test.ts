import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ggufValue, readGgufHeader, readTensorData, type GgufValue } from "../../core/gguf/index.js";
import { writeGguf } from "../../export/index.js";
import { register } from "./model.js";
import { runCliInProcess } from "../../../test/support/runCliInProcess.js";

const dir = mkdtempSync(path.join(tmpdir(), "hammer-cli-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Run `hammer model …` in-process. */
const run = (...args: string[]) => runCliInProcess(register, ["model", ...args]);

describe("hammer model random / inspect (in-process)", () => {
  it("writes a tiny model and inspects it", async () => {
    const out = path.join(dir, "nested", "tiny.gguf");
    const r = await run("random", "--shape", "tiny", "--quant", "q4_0", "--seed", "7", "--out", out);
    expect(r.exitCode).toBe(0);
    const written = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(written).toMatchObject({ path: out, shape: "tiny", quant: "q4_0", seed: 7, vocabSize: 1024 });
    expect(written.sha256).toMatch(/^[0-9a-f]{64}$/);

    const i = await run("inspect", out, "--tensors", "--items", "2");
    expect(i.exitCode).toBe(0);
    const summary = JSON.parse(i.stdout) as Record<string, any>;
    expect(summary).toMatchObject({ architecture: "qwen2", fileTypeName: "Q4_0", vocabSize: 1024, tensorCount: 27 });
    expect(summary.metadata["tokenizer.ggml.tokens"]).toEqual({ type: "string[]", length: 1024, head: ["!", '"'] });
    expect(summary.tensors[0]).toMatchObject({ name: "token_embd.weight", type: "Q8_0", dims: [64, 1024] });
  });

  it("writes q8_0 when no --quant is given", async () => {
    const out = path.join(dir, "default-quant.gguf");
    const r = await run("random", "--shape", "tiny", "--out", out);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: out, quant: "q8_0" });
    expect(JSON.parse((await run("inspect", out)).stdout)).toMatchObject({ fileTypeName: "Q8_0" });
  });

  it("warns on stderr about an absurd context length (2^31 - 1), and still prints the summary", async () => {
    const tiny = path.join(dir, "ctx-src.gguf");
    await run("random", "--shape", "tiny", "--out", tiny);
    const header = await readGgufHeader(tiny);
    const kv = header.metadata.entries().map(([k, v]): [string, GgufValue] => [k, k === "qwen2.context_length" ? ggufValue.u32(2 ** 31 - 1) : v]);
    const tensors = header.tensors.map((t) => ({ name: t.name, dims: t.dims, type: t.type, data: async function* () { yield await readTensorData(header, t); } }));
    const file = (await writeGguf(path.join(dir, "ctx.gguf"), kv, tensors)).path;
    const r = await run("inspect", file);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ contextLength: 2 ** 31 - 1 });
    expect(r.stderr).toBe(`hammer: warning: ${file}: qwen2.context_length is 2147483647 tokens, more than any real model's (16777216): probably a placeholder; give an explicit context size (--context-size)\n`);
  });

  it("reports a broken file on stderr with exit code 4 (a model problem)", async () => {
    const bad = path.join(dir, "bad.gguf");
    writeFileSync(bad, "GGUF but not really");
    const r = await run("inspect", bad);
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^hammer: .*bad\.gguf@4: file is truncated: header counts needs 20 bytes at offset 4 but the file has 19 bytes\n$/);
  });

  it("rejects bad flags as usage errors", async () => {
    const out = path.join(dir, "never.gguf");
    await expect(run("random", "--shape", "huge", "--quant", "q8_0", "--out", out)).rejects.toThrow(CommanderError);
    await expect(run("random", "--shape", "tiny", "--quant", "q3_k", "--out", out)).rejects.toThrow(/Allowed choices are f32, f16, q8_0, q4_0/);
    await expect(run("random", "--shape", "tiny", "--quant", "q8_0", "--seed", "-1", "--out", out)).rejects.toThrow(/seed must be an integer/);
    await expect(run("random", "--shape", "tiny", "--quant", "q8_0")).rejects.toThrow(/--out <file>/);
    await expect(run("random", "--quant", "q8_0", "--out", out)).rejects.toThrow(/--shape <shape>/);
    const file = path.join(dir, "a-file");
    writeFileSync(file, "x");
    const under = await run("random", "--shape", "tiny", "--out", path.join(file, "m.gguf"));
    expect(under.exitCode).toBe(3);
    expect(under.stderr).toMatch(/^hammer: .*a-file\/m\.gguf: cannot create the folder .*a-file: file already exists \(EEXIST\)\n$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("hammer CLI end to end", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
  const hammer = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });

  it("model random then model inspect", () => {
    const out = path.join(dir, "e2e.gguf");
    const w = hammer("model", "random", "--shape", "tiny", "--quant", "q8_0", "--seed", "1", "--out", out);
    expect(w.stderr).toBe("");
    expect(w.status).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ path: out, quant: "q8_0", seed: 1 });
    const i = hammer("model", "inspect", out);
    expect(i.status).toBe(0);
    expect(JSON.parse(i.stdout)).toMatchObject({ architecture: "qwen2", name: "random-qwen2-tiny", fileTypeName: "Q8_0" });
    expect(readFileSync(out).subarray(0, 4).toString()).toBe("GGUF");
  });

  it("bad flags exit 2", () => {
    const r = hammer("model", "random", "--shape", "tiny", "--quant", "q9", "--out", path.join(dir, "x.gguf"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are f32, f16, q8_0, q4_0/);
  });
});
