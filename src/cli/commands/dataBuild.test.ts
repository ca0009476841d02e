import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Command } from "commander";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeSyntheticXlam } from "../../data/index.js";
import { register as registerBuild } from "./dataBuild.js";
import { register as registerStats } from "./dataStats.js";

let dir: string;
let xlam: string;
let irr: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-cli-data-"));
  xlam = path.join(dir, "xlam.json");
  writeSyntheticXlam(xlam, { rows: 40, seed: 2 });
  irr = path.join(dir, "irr.jsonl");
  writeSyntheticXlam(irr, { rows: 5, seed: 2, irrelevance: true, layout: "jsonl" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Run `hammer data …` in-process; returns stdout, stderr and the exit code the action set. */
async function hammer(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  const program = new Command().exitOverride();
  const data = program.command("data").exitOverride();
  registerBuild(data);
  registerStats(data);
  for (const c of data.commands) c.exitOverride();
  await program.parseAsync(["node", "hammer", "data", ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { out, err, code };
}

describe("hammer data build / stats", () => {
  it("builds with the defaults and prints a reconciled summary on stderr", async () => {
    const out = path.join(dir, "o.jsonl");
    const r = await hammer("build", "--xlam", xlam, "--irrelevance", irr, "--out", out, "--workers", "0");
    expect(r.err).not.toMatch(/rejected \d+:/);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote 135 alpaca records to .*o\.jsonl/);
    expect(r.err).toMatch(/rows in 45 \(40 xlam \+ 5 irrelevance \(file\)\) × 3 copies = 135 out \+ 0 rejected × 3/);
    expect(r.err).toMatch(/masked \d+ \(\d+\.\d%\), irrelevance 15 \(11\.1%\)/);
    expect(readFileSync(out, "utf8").split("\n").filter(Boolean)).toHaveLength(135);

    const s = await hammer("stats", out, "--json");
    const stats = JSON.parse(s.out) as { rows: number; irrelevance: number; formats: object };
    expect([stats.rows, stats.irrelevance]).toEqual([135, 15]);
    expect(stats.formats).toEqual({ alpaca: 135 });
    const text = await hammer("stats", out, "--reference", xlam);
    expect(text.out).toMatch(/135 rows \(alpaca 135\)/);
    expect(text.out).toMatch(/irrelevance \(\[\]\) 15 \(11\.1%\), masked \d+ \(\d+\.\d%, reference\)/);
  });

  it("exits 0 when rows were rejected, with the summary and the rejects file; 1 with --strict or past --max-rejects", async () => {
    const bad = path.join(dir, "bad.jsonl");
    const good = readFileSync(xlam, "utf8");
    const rows = (JSON.parse(good) as unknown[]).slice(0, 3).map((r) => JSON.stringify(r));
    const empty = JSON.stringify({ query: "q", tools: "[]", answers: "[]" });
    writeFileSync(bad, `${[rows[0], empty, rows[1], rows[2]].join("\n")}\n`);
    const r = await hammer("build", "--xlam", bad, "--out", path.join(dir, "bad-out.json"), "--workers", "0");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote 9 alpaca records/);
    expect(r.err).toMatch(/rejected 1: empty_tools 1 — see .*bad-out\.json\.rejects\.jsonl/);
    expect(existsSync(path.join(dir, "bad-out.json"))).toBe(true);
    expect(readFileSync(path.join(dir, "bad-out.json.rejects.jsonl"), "utf8")).toMatch(/"reason":"empty_tools"/);

    const s = await hammer("build", "--xlam", bad, "--out", path.join(dir, "strict.json"), "--strict", "--workers", "0");
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/^hammer: .*bad\.jsonl:2: row 1: empty_tools: the tool list is empty\n$/);
    expect(existsSync(path.join(dir, "strict.json"))).toBe(false);

    const over = await hammer("build", "--xlam", bad, "--out", path.join(dir, "max0.json"), "--max-rejects", "0", "--workers", "0");
    expect(over.code).toBe(1);
    expect(over.err).toMatch(/row 1: empty_tools: .*\n$/);
    expect(existsSync(path.join(dir, "max0.json"))).toBe(false);
    const within = await hammer("build", "--xlam", bad, "--out", path.join(dir, "max1.json"), "--max-rejects", "1", "--workers", "0");
    expect(within.code).toBe(0);
    expect(existsSync(path.join(dir, "max1.json"))).toBe(true);
  });

  it("names the path when an input or the output is a directory (exit 3, not a bare EISDIR)", async () => {
    const r = await hammer("build", "--xlam", dir, "--out", path.join(dir, "never.json"), "--workers", "0");
    expect(r.code).toBe(3);
    expect(r.err).toBe(`hammer: ${dir}: the input is a directory, not a JSON or JSON Lines file\n`);
    const i = await hammer("build", "--xlam", xlam, "--irrelevance", dir, "--out", path.join(dir, "never.json"), "--workers", "0");
    expect(i.code).toBe(3);
    expect(i.err).toContain(`hammer: ${dir}: the input is a directory`);
    const o = await hammer("build", "--xlam", xlam, "--out", dir, "--workers", "0");
    expect(o.code).toBe(3);
    expect(o.err).toBe(`hammer: ${dir}: the output is a directory; give a file name\n`);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses bad flags as usage errors", async () => {
    await expect(hammer("build", "--xlam", xlam, "--out", "x.json", "--copies", "0")).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(hammer("build", "--xlam", xlam, "--out", "x.json", "--mask-ratio", "2")).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(hammer("build", "--xlam", xlam, "--out", "x.json", "--mode", "exact")).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(hammer("build", "--xlam", xlam, "--out", "x.json", "--irrelevance", xlam, "--irrelevance-sample", "2")).rejects.toMatchObject({
      code: "commander.conflictingOption",
    });
    await expect(hammer("build", "--xlam", xlam, "--out", "x.json", "--max-rejects", "-1")).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(hammer("build", "--xlam", xlam, "--out", "x.json", "--strict", "--max-rejects", "3")).rejects.toMatchObject({ code: "commander.conflictingOption" });
  });
});
