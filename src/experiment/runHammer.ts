import { spawn } from "node:child_process";
import { appendFileSync, createWriteStream } from "node:fs";
import path from "node:path";
import { HammerError, type HammerErrorCode } from "../core/index.js";

export interface HammerRunner {
  /** argv that starts the CLI, e.g. [node, dist/cli/main.js]. */
  argv: string[];
  /** Working directory of every command (the experiment folder: commands name paths relative to it). */
  cwd: string;
  /** Pass the command's stderr through (progress); it always goes to the stage's log too. */
  showOutput: boolean;
  /** Stops the running command as Ctrl-C would (hammer train checkpoints, eval keeps its answers): a rerun resumes. */
  signal?: AbortSignal;
}

/** The exit codes of `hammer` (src/core/errorCodes.ts) back to an error code, for the failure's class. */
const EXIT_TO_CODE: Record<number, HammerErrorCode> = { 1: "CHECK_FAILED", 2: "USAGE", 3: "INPUT_INVALID", 4: "MODEL_INVALID", 5: "NETWORK", 6: "ENVIRONMENT", 130: "ABORTED", 143: "ABORTED" };

/** A command line as a shell would take it back. */
export function shellLine(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(" ");
}

/** A stage's record of the commands it ran (the report lists them in stage order). */
export const STAGE_COMMANDS = "commands.sh";

/**
 * Run `hammer <args>` as a child process (each stage goes through the CLI, as a user would), in
 * the experiment folder, appending the command to the stage's commands.sh and its output to the
 * stage's stage.log. Fails with the child's error class and the last lines it wrote.
 */
export async function runHammer(runner: HammerRunner, args: string[], stageDir: string): Promise<string> {
  appendFileSync(path.join(stageDir, STAGE_COMMANDS), `hammer ${shellLine(args)}\n`);
  const logFile = path.join(stageDir, "stage.log");
  const log = createWriteStream(logFile, { flags: "a" });
  let tail = "";
  const code = await new Promise<number | null>((resolve, reject) => {
    // Its own process group: a Ctrl-C (or `timeout -s INT`) reaches it once, forwarded below, never
    // twice (a second Ctrl-C makes hammer train stop at once, without its checkpoint).
    const child = spawn(runner.argv[0]!, [...runner.argv.slice(1), ...args], { cwd: runner.cwd, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    const onData = (d: Buffer, passThrough: boolean) => {
      log.write(d);
      tail = (tail + d.toString()).slice(-4000);
      if (passThrough && runner.showOutput) process.stderr.write(d);
    };
    child.stdout.on("data", (d: Buffer) => onData(d, false));
    child.stderr.on("data", (d: Buffer) => onData(d, true));
    const stop = () => child.kill("SIGINT");
    runner.signal?.addEventListener("abort", stop, { once: true });
    child.once("close", () => runner.signal?.removeEventListener("abort", stop));
    child.once("error", reject);
    child.once("close", (c, signal) => resolve(c ?? (signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : null)));
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (code === 0) return tail;
  const lastLines = tail.trim().split("\n").slice(-5).join("\n");
  throw new HammerError(EXIT_TO_CODE[code ?? -1] ?? "INTERNAL", `hammer ${args[0]} ${args[1] ?? ""} failed (exit ${code ?? "signal"}); see ${logFile}:\n${lastLines}`, { location: logFile });
}
