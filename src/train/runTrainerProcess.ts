import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { HammerError } from "../core/errors.js";
import { parseTrainerEvent, type ErrorEvent, type TrainerEvent } from "./trainerEvents.js";

export interface TrainerProcessOptions {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** The engine's stderr (warnings, tracebacks of bugs) is appended here. */
  logFile: string;
  onEvent?: (e: TrainerEvent) => void;
  /** Also copy the engine's stderr to ours. */
  verbose?: boolean;
  /**
   * Ctrl-C / SIGTERM handling: the first asks the engine to stop gracefully (checkpoint, then exit),
   * a second kills it. Off for short commands (merge, export).
   */
  gracefulStop?: boolean;
  /** Called when a graceful stop was asked for (the CLI says what happens next). */
  onStopRequested?: (hard: boolean) => void;
  /** Stops the engine like a first Ctrl-C (library use). */
  signal?: AbortSignal;
}

export interface TrainerProcessResult {
  /** The engine's last `error` event, if it reported one. */
  error?: ErrorEvent;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stopRequested: boolean;
}

/**
 * Run the engine as a child process in its own process group (so a launcher's workers get our signals
 * too), parse its JSON Lines progress from stdout and log its stderr. Resolves when it exits; a failure
 * it reported becomes a HammerError with its code, anything else a clear INTERNAL / RESOURCE_EXHAUSTED one.
 */
export function runTrainerProcess(o: TrainerProcessOptions): Promise<TrainerProcessResult> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(o.logFile, { flags: "a" });
    let child;
    try {
      child = spawn(o.command, o.args, { env: o.env, cwd: o.cwd, stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32" });
    } catch (e) {
      log.end();
      reject(new HammerError("ENVIRONMENT", `cannot start the trainer: ${(e as Error).message}`, { location: o.command, cause: e }));
      return;
    }
    let error: ErrorEvent | undefined;
    let stderrTail = "";
    let stops = 0;
    const kill = (sig: NodeJS.Signals) => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(process.platform === "win32" ? child.pid : -child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    const onSignal = () => {
      stops++;
      o.onStopRequested?.(stops > 1);
      kill(stops > 1 ? "SIGKILL" : "SIGINT");
    };
    const onAbort = () => onSignal();
    if (o.gracefulStop) {
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
    }
    o.signal?.addEventListener("abort", onAbort);
    if (o.signal?.aborted) onAbort();

    createInterface({ input: child.stdout }).on("line", (line) => {
      const e = parseTrainerEvent(line);
      if (e === undefined) {
        log.write(`[stdout] ${line}\n`);
        return;
      }
      if (e.event === "error") error = e;
      try {
        o.onEvent?.(e);
      } catch (err) {
        log.write(`[hammer] event handler failed: ${String(err)}\n`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      log.write(chunk);
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4000);
      if (o.verbose) process.stderr.write(chunk);
    });
    const cleanup = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      o.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (e) => {
      cleanup();
      log.end();
      reject(new HammerError("ENVIRONMENT", `cannot start the trainer (${o.command}): ${e.message}`, { location: o.command, cause: e }));
    });
    child.on("close", (code, sig) => {
      cleanup();
      log.end(() => {
        if (error || code === 0 || stops > 0) {
          resolve({ error, exitCode: code, signal: sig, stopRequested: stops > 0 });
          return;
        }
        const last = stderrTail.trim().split("\n").filter(Boolean).at(-1) ?? "";
        if (sig === "SIGKILL") {
          reject(new HammerError("RESOURCE_EXHAUSTED", "the trainer was killed (SIGKILL), most likely by the system for lack of memory: lower --batch-size or --max-len", { location: o.logFile }));
        } else {
          reject(new HammerError("INTERNAL", `the trainer stopped unexpectedly (${sig ?? `exit ${code}`})${last ? `: ${last}` : ""}`, { location: o.logFile }));
        }
      });
    });
  });
}

/** The HammerError an engine `error` event stands for. */
export function errorFromEvent(e: ErrorEvent): HammerError {
  return new HammerError(e.code, e.message, e.location ? { location: e.location } : {});
}
