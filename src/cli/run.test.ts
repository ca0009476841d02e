import { afterEach, describe, expect, it, vi } from "vitest";
import { HammerError } from "../core/errors.js";
import { signalExitCode } from "../core/errorCodes.js";
import { action, interruptible, InterruptedError, usageCheck } from "./run.js";

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
  delete process.env.HAMMER_DEBUG;
});

/** Run `fn` as a command action; what it printed on stderr and the exit code it set. */
async function runAction(fn: () => void | Promise<void>): Promise<{ err: string; code: number }> {
  let err = "";
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  await action(fn)();
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { err, code };
}

describe("action", () => {
  it("prints a HammerError as one line and exits with its code's exit code", async () => {
    const r = await runAction(() => {
      throw new HammerError("LIMIT_EXCEEDED", "too big", { location: "in.json" });
    });
    expect(r).toEqual({ err: "hammer: in.json: too big\n", code: 3 });
    expect((await runAction(() => Promise.reject(new HammerError("NETWORK", "down")))).code).toBe(5);
    expect((await runAction(() => undefined)).code).toBe(0);
  });

  it("calls anything else a bug: exit 70, a hint, the stack with HAMMER_DEBUG", async () => {
    const r = await runAction(() => {
      throw new TypeError("x is undefined");
    });
    expect(r.code).toBe(70);
    expect(r.err).toBe("hammer: internal error: x is undefined (a bug in hammer: please report it, with the stack HAMMER_DEBUG=1 prints)\n");
    process.env.HAMMER_DEBUG = "1";
    const debug = await runAction(() => {
      throw new HammerError("INTERNAL", "counts do not reconcile");
    });
    expect(debug.code).toBe(70);
    expect(debug.err).toMatch(/^hammer: internal error: counts do not reconcile .*\nHammerError: counts do not reconcile\n\s+at /);
  });

  it("exits 128 + the signal's number for an interrupted command", async () => {
    expect((await runAction(() => Promise.reject(new InterruptedError("SIGTERM", "stopped")))).code).toBe(143);
    expect((await runAction(() => Promise.reject(new InterruptedError("SIGINT", "stopped")))).code).toBe(130);
    expect((await runAction(() => Promise.reject(new HammerError("ABORTED", "cancelled")))).code).toBe(130);
    expect(signalExitCode("SIGHUP")).toBe(129);
  });
});

describe("usageCheck", () => {
  it("turns a stage's bad-input error about a flag value into a usage error, and leaves others alone", () => {
    expect(() =>
      usageCheck(() => {
        throw new HammerError("INPUT_INVALID", "--mask: unknown mask");
      }),
    ).toThrow(expect.objectContaining({ code: "USAGE", message: "--mask: unknown mask" }));
    expect(() =>
      usageCheck(() => {
        throw new HammerError("NOT_FOUND", "gone");
      }),
    ).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(usageCheck(() => 7)).toBe(7);
  });
});

describe("interruptible", () => {
  it("aborts on the first SIGINT and reports the cancellation as an InterruptedError; listeners are removed after", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const before = process.listenerCount("SIGINT");
    const run = interruptible(
      (signal) =>
        new Promise<void>((_, reject) => {
          signal.addEventListener("abort", () => reject(new HammerError("ABORTED", "the build was cancelled")));
          setImmediate(() => process.emit("SIGINT", "SIGINT"));
        }),
    );
    await expect(run).rejects.toMatchObject({ name: "InterruptedError", signal: "SIGINT", code: "ABORTED", message: "the build was cancelled (SIGINT)" });
    expect(process.listenerCount("SIGINT")).toBe(before);
    await expect(interruptible(async () => 5)).resolves.toBe(5);
  });
});
