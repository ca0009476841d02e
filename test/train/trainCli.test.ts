import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register as registerData } from "../../src/cli/commands/data.js";
import { register as registerTrain } from "../../src/cli/commands/train.js";
import { writeSyntheticXlam } from "../../src/data/index.js";
import { trainerChildEnv, trainerRoot } from "../../src/train/index.js";
import { runCliInProcess } from "../support/runCliInProcess.js";
import { HAS_TRAINER_VENV, SKIP_TRAINER_REASON, TRAINER_PYTHON } from "../support/trainerVenv.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
let dir: string;
let data: string;
let tiny: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-train-cli-"));
  writeSyntheticXlam(path.join(dir, "xlam.jsonl"), { rows: 48, seed: 7, layout: "jsonl" });
  writeSyntheticXlam(path.join(dir, "irr.jsonl"), { rows: 16, seed: 7, layout: "jsonl", irrelevance: true });
  data = path.join(dir, "train.jsonl");
  const built = await runCliInProcess(registerData, [
    "data", "build", "--xlam", path.join(dir, "xlam.jsonl"), "--irrelevance", path.join(dir, "irr.jsonl"),
    "--copies", "1", "--seed", "3", "--format", "messages", "--task-from", "source", "--workers", "0", "--out", data,
  ]);
  expect(built.exitCode).toBe(0);
  if (HAS_TRAINER_VENV) {
    tiny = path.join(dir, "tiny");
    execFileSync(TRAINER_PYTHON as string, ["-m", "hammer_trainer.make_tiny", "--arch", "qwen2", "--out", tiny], { env: trainerChildEnv(trainerRoot(), 1), stdio: "ignore" });
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const train = (...args: string[]) => runCliInProcess(registerTrain, ["train", ...args]);
const small = ["--batch-size", "2", "--grad-accum", "1", "--lr", "0.005", "--threads", "1", "--max-len", "4096", "--sampler", "random"];

describe("hammer train: bad input fails in a moment, in one line", () => {
  it("(the trainer's pytest fixture is exactly what hammer data build writes)", () => {
    expect(readFileSync(data, "utf8")).toBe(readFileSync(path.join(REPO, "trainer", "tests", "fixtures", "hammer64.jsonl"), "utf8"));
  });

  it("a bad data row names its file, line and row", async () => {
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, '{"instruction": "q", "input": "", "output": "a"}\n\n{"instruction": "q", "output": 3}\n');
    const model = path.join(dir, "m");
    mkdirSync(model, { recursive: true });
    writeFileSync(path.join(model, "config.json"), "{}");
    const r = await train("--model", model, "--data", bad, "--out", path.join(dir, "r-bad"));
    expect(r.exitCode).toBe(3); // bad input
    expect(r.stderr.trim().split("\n")).toEqual([`hammer: ${bad}:3: row 2: alpaca record: "output" must be a string`]);
    expect(existsSync(path.join(dir, "r-bad"))).toBe(false);
  });

  it("a missing model folder, and flags that do not fit", async () => {
    const missing = path.join(dir, "no-model");
    let r = await train("--model", missing, "--data", data, "--out", path.join(dir, "r-missing"));
    expect(r.exitCode).toBe(3); // bad input: not found
    expect(r.stderr.trim().split("\n")).toEqual([`hammer: ${missing}: model not found`]);
    r = await train("--model", missing, "--data", data, "--out", path.join(dir, "r-x"), "--method", "cgc-lora");
    expect(r.stderr.trim().split("\n")).toEqual(["hammer: --task-field: --method cgc-lora needs --task-field (the record field naming each row's task)"]);
    expect(r.exitCode).toBe(2); // usage
    r = await train("--resume", path.join(dir, "r-x"), "--data", data);
    expect(r.stderr).toContain("--resume continues a run with its own settings; drop --data");
  });
});

if (!HAS_TRAINER_VENV) describe("hammer train on a tiny model", () => it.skip(SKIP_TRAINER_REASON, () => undefined));

describe.skipIf(!HAS_TRAINER_VENV)("hammer train on a tiny model, through the real child process", () => {
  const run = () => path.join(dir, "run");

  it("trains, parses progress, writes config.json, metrics.jsonl, checkpoints and a PEFT adapter", async () => {
    const r = await train("--model", tiny, "--data", data, "--out", run(), "--max-steps", "6", "--save-steps", "3", ...small);
    expect(r.stderr).not.toMatch(/Traceback/);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain("hammer train: 64 rows checked (64 messages)");
    expect(r.stderr).toContain("hammer train: 64 of 64 rows to train on");
    expect(r.stderr).toMatch(/hammer train: lora on cpu \(fp32, 1 process\), [\d,]+ of [\d,]+ parameters trained, 2 rows per step, 6 steps/);
    expect(r.stderr).toMatch(/step 1\/6 {2}loss \d+\.\d{4} {2}lr 5\.00e-3 {2}[\d,]+ tok\/s/);
    expect(r.stderr).toMatch(/hammer train: done, 6 steps, last loss \d+\.\d{4}; .*adapter/);
    const cfg = JSON.parse(readFileSync(path.join(run(), "config.json"), "utf8"));
    expect(cfg).toMatchObject({ method: "lora", optim: { max_steps: 6, per_device_batch: 2 }, lora: { r: 32, alpha: 64 } });
    const metrics = readFileSync(path.join(run(), "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const m of metrics) expect(m).toMatchObject({ loss: expect.any(Number), lr: expect.any(Number), tokens_per_s: expect.any(Number), eta_s: expect.any(Number) });
    expect(readdirSync(path.join(run(), "checkpoints")).sort()).toEqual(["step-0000003", "step-0000006"]);
    expect(JSON.parse(readFileSync(path.join(run(), "adapter", "adapter_config.json"), "utf8"))).toMatchObject({ peft_type: "LORA", r: 32 });
    expect(readFileSync(path.join(run(), "train.log"), "utf8").length).toBeGreaterThan(0);
    // a second start into the same folder is refused
    const again = await train("--model", tiny, "--data", data, "--out", run());
    expect(again.stderr.trim()).toMatch(/already holds a run: continue it with --resume/);
  }, 600_000);

  it("merge writes a Hugging Face model folder", async () => {
    const out = path.join(dir, "merged");
    const r = await runCliInProcess(registerTrain, ["train", "merge", "--run", run(), "--out", out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")).model_type).toBe("qwen2");
    expect(existsSync(path.join(out, "model.safetensors")) && existsSync(path.join(out, "tokenizer.json"))).toBe(true);
  }, 600_000);

  it("an engine-side failure is one clear line too (a model folder without weights)", async () => {
    const hollow = path.join(dir, "hollow");
    mkdirSync(hollow, { recursive: true });
    writeFileSync(path.join(hollow, "config.json"), readFileSync(path.join(tiny, "config.json")));
    const r = await train("--model", hollow, "--data", data, "--out", path.join(dir, "r-hollow"), "--threads", "1");
    expect(r.exitCode).toBe(4); // model
    const last = r.stderr.trim().split("\n").at(-1) as string;
    expect(last).toMatch(new RegExp(`^hammer: ${hollow}: cannot load the model: .*no file named model.safetensors`));
    expect(r.stderr).not.toMatch(/Traceback|File "/);
  }, 600_000);

  it("Ctrl-C stops after a checkpoint and --resume continues from it", async () => {
    const out = path.join(dir, "run-sigint");
    const first = await runUntilStep(["train", "--model", tiny, "--data", data, "--out", out, "--max-steps", "500", "--save-steps", "1000", ...small], 1);
    expect(first.code).toBe(130);
    const stopped = /stopped at step (\d+), last loss [\d.]+; checkpoint (\S+)\. Continue with: hammer train --resume/.exec(first.stderr);
    expect(stopped, first.stderr).not.toBeNull();
    const step = Number((stopped as RegExpExecArray)[1]);
    expect(step).toBeGreaterThanOrEqual(1);
    const ckpt = (stopped as RegExpExecArray)[2] as string;
    expect(JSON.parse(readFileSync(path.join(ckpt, "state.json"), "utf8")).step).toBe(step);
    expect(readFileSync(path.join(out, "metrics.jsonl"), "utf8").trim().split("\n")).toHaveLength(step);

    const second = await runUntilStep(["train", "--resume", out, "--threads", "1"], step + 1);
    expect(second.code).toBe(130);
    expect(second.stderr).toContain(`resuming at step ${step} of 500`);
    expect(second.stderr).toContain(`step ${step + 1}/500`);
    const lines = readFileSync(path.join(out, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).step as number);
    expect(lines.slice(0, step + 1)).toEqual(Array.from({ length: step + 1 }, (_, i) => i + 1));
  }, 600_000);
});

/** Start the CLI in its own process, send SIGINT once step `n` shows, and collect what it printed. */
function runUntilStep(args: string[], n: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO, "src/cli/main.ts"), ...args], { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let sent = false;
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      const m = [...stderr.matchAll(/^step (\d+)\//gm)].map((x) => Number(x[1]));
      if (!sent && m.some((s) => s >= n)) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
}
