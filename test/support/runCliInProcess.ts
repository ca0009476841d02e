import { Command } from "commander";
import { vi } from "vitest";

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Run one registered command module in-process (`hammer <args…>`), capturing stdout/stderr and
 * the exit code its action sets; commander usage errors are thrown as CommanderError.
 */
export async function runCliInProcess(register: (program: Command) => void, args: readonly string[]): Promise<CliRun> {
  const program = new Command().name("hammer").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  register(program);
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await program.parseAsync(["node", "hammer", ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const exitCode = typeof process.exitCode === "number" ? process.exitCode : 0;
  process.exitCode = undefined;
  return { stdout, stderr, exitCode };
}
