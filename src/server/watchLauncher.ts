import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The processes npm started this one through: `npm → sh -c → node`. */
export interface Launcher {
  /** The shell npm ran the command in (this process's parent). */
  shellPid: number;
  /** npm itself (the shell's parent), when it could be found. */
  npmPid: number | undefined;
  /** Linux, when the parent is a plain shell: its context switches so far (see watchLauncher). */
  shellWakeups: number | undefined;
}

/** Shells that run `sh -c` commands and, waiting on them, wake only for signals. */
const SHELLS = new Set(["sh", "dash", "bash", "ash", "zsh", "ksh", "mksh"]);

/**
 * When npm started this process (`npx`, `npm exec`, `npm run`): its shell and npm's pid, else
 * undefined. npm runs a command as `sh -c '<command>'` and forwards SIGTERM and SIGINT to that
 * shell only. dash (Debian's and Ubuntu's sh) dies of SIGTERM and leaves its child running; it
 * catches SIGINT and goes on waiting for its child, which never hears of it. Either way the server
 * must notice by itself.
 */
export function findNpmLauncher(env: NodeJS.ProcessEnv = process.env): Launcher | undefined {
  if (env.npm_lifecycle_event === undefined || process.platform === "win32") return undefined;
  const shellPid = process.ppid;
  if (shellPid <= 1) return undefined;
  const npmPid = parentOf(shellPid);
  return {
    shellPid,
    npmPid: npmPid !== undefined && npmPid > 1 ? npmPid : undefined,
    shellWakeups: process.platform === "linux" && SHELLS.has(commandName(shellPid)) ? wakeups(shellPid) : undefined,
  };
}

/**
 * Call `onGone` once the launcher is gone or was told to stop: this process was re-parented (the
 * shell died: SIGTERM), npm exited, or — on Linux — the shell woke up. A shell waiting for its one
 * child sleeps until a signal it catches arrives (SIGINT, forwarded by npm) or it is stopped and
 * continued (job control, which continues this process too: a SIGCONT here excuses the wake-up).
 * Polls every `intervalMs` on an unref'd timer; returns the function that stops watching.
 */
export function watchLauncher(launcher: Launcher, onGone: (what: string) => void, intervalMs = 500): () => void {
  let seen = launcher.shellWakeups;
  let continued = false;
  let deciding = false;
  const onContinue = () => (continued = true);
  if (seen !== undefined) process.on("SIGCONT", onContinue);
  const stop = () => {
    clearInterval(timer);
    process.off("SIGCONT", onContinue);
  };
  const gone = (what: string) => {
    stop();
    onGone(what);
  };
  const timer = setInterval(() => {
    if (deciding) return;
    if (process.ppid !== launcher.shellPid) return gone(`npm's shell (pid ${launcher.shellPid}) exited`);
    if (launcher.npmPid !== undefined && !isAlive(launcher.npmPid)) return gone(`npm (pid ${launcher.npmPid}) exited`);
    if (seen === undefined) return;
    const count = wakeups(launcher.shellPid);
    if (count === undefined || count <= seen) return;
    // Let a SIGCONT that came with the wake-up be handled first (timers run before signal callbacks).
    deciding = true;
    setTimeout(() => {
      deciding = false;
      if (!continued) return gone(`npm's shell (pid ${launcher.shellPid}) was interrupted`);
      continued = false;
      seen = count;
    }, 100).unref();
  }, intervalMs);
  timer.unref();
  return stop;
}

/** The parent pid of `pid`: /proc on Linux, `ps` elsewhere; undefined when it cannot be read. */
function parentOf(pid: number): number | undefined {
  try {
    if (process.platform === "linux") return Number(statFields(pid)[1]);
    const out = execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8", timeout: 2_000, stdio: ["ignore", "pipe", "ignore"] });
    const n = Number(out.trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Fields of /proc/PID/stat after the command name (which may contain spaces and parentheses): state, ppid, … */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Times the process went to sleep or was preempted (Linux), i.e. how often it ran. */
function wakeups(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const voluntary = /^voluntary_ctxt_switches:\s*(\d+)$/m.exec(status);
    const involuntary = /^nonvoluntary_ctxt_switches:\s*(\d+)$/m.exec(status);
    return voluntary && involuntary ? Number(voluntary[1]) + Number(involuntary[1]) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  if (process.platform !== "linux") return true;
  try {
    return statFields(pid)[0] !== "Z"; // exited, not yet reaped
  } catch {
    return false;
  }
}
