import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/sharedData.js";
import { writeTinyModel } from "./support/tinyModel.js";

/**
 * The README's main command under a supervisor: `npx hammer serve` is stopped by signalling the
 * npx process, as systemd, docker or a CI runner would. npm forwards the signal only to the
 * `sh -c` it ran the command in, which does not pass it on; the server must stop anyway.
 * Linux only (the process tree is read from /proc); it runs the built CLI (`dist/`, which
 * `npm test` builds first).
 */
const LINUX = process.platform === "linux";
const CLI = path.join(REPO_ROOT, "dist/cli/main.js");

let model: { file: string; cleanup: () => void };
const leftovers: number[] = [];
beforeAll(async () => {
  if (!LINUX) return;
  assertBuilt();
  model = await writeTinyModel();
});
afterAll(() => {
  for (const pid of leftovers) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  model?.cleanup();
});

/** `npx hammer serve` in its own process group (as under a supervisor), once ready. */
async function startNpx(): Promise<{ npx: ChildProcess; url: string; tree: number[]; out: () => string }> {
  const npx = spawn("npx", ["hammer", "serve", "--model", model.file, "--port", "0", "--threads", "1"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  npx.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  npx.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    npx.stdout!.on("data", () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes("ready in")) resolve(m[1]!);
    });
    npx.once("exit", (code, sig) => reject(new Error(`npx exited (${code ?? sig}) before the server was ready:\n${out}`)));
  });
  const tree = descendants(npx.pid!);
  leftovers.push(npx.pid!, ...tree);
  expect(tree.some((pid) => commandLine(pid).includes("serve"))).toBe(true);
  return { npx, url, tree, out: () => out };
}

describe.skipIf(!LINUX)("npx hammer serve under a supervisor", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to the npx process stops the server: the port stops answering and no process is left`, async () => {
      const { npx, url, tree, out: output } = await startNpx();
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const exited = new Promise((resolve) => npx.once("exit", resolve));

      npx.kill(signal);
      await expect.poll(async () => fetch(`${url}/health`).then(() => "answering", () => "closed"), { timeout: 30_000, interval: 250 }).toBe("closed");
      await expect.poll(() => tree.filter(isRunning), { timeout: 30_000, interval: 250 }).toEqual([]);
      await exited;
      const out = output();
      expect(out).toMatch(signal === "SIGTERM" ? /hammer serve: npm.s shell \(pid \d+\) exited, stopping/ : /hammer serve: npm.s shell \(pid \d+\) was interrupted, stopping/);
      expect(out).toContain("hammer serve: stopped");
    });
  }

  it("stopping and continuing the whole job (Ctrl-Z, fg) does not stop the server", async () => {
    const { npx, url, tree } = await startNpx();
    process.kill(-npx.pid!, "SIGSTOP");
    await new Promise((r) => setTimeout(r, 1_500));
    process.kill(-npx.pid!, "SIGCONT");
    await new Promise((r) => setTimeout(r, 3_000)); // several polls of the watcher
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(tree.filter(isRunning)).toEqual(tree);
    npx.kill("SIGTERM");
    await expect.poll(() => tree.filter(isRunning), { timeout: 30_000, interval: 250 }).toEqual([]);
  });
});

/** Every process below `root` (from /proc), found before the signal while the tree is intact. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = statField(Number(name), 1);
    if (ppid === undefined) continue;
    const list = children.get(Number(ppid)) ?? [];
    list.push(Number(name));
    children.set(Number(ppid), list);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Field `i` of /proc/PID/stat after the command name (0 = state, 1 = ppid); undefined when the process is gone. */
function statField(pid: number, i: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[i];
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  const state = statField(pid, 0);
  return state !== undefined && state !== "Z";
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** npx runs dist/cli/main.js: it must exist and be newer than every source file. */
function assertBuilt(): void {
  let built: number;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  }
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return newest(p);
        return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? statSync(p).mtimeMs : 0;
      }),
    );
  if (newest(path.join(REPO_ROOT, "src")) > built) throw new Error(`${CLI} is older than src/: run \`npm run build\` first (npm test does)`);
}
