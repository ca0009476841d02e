import type { Command } from "commander";
import { register as registerCompare } from "./evalCompare.js";
import { register as registerRun } from "./evalRun.js";
import { register as registerScore } from "./evalScore.js";

/** `hammer eval …`: benchmark scoring (more subcommands register themselves here). */
export function register(program: Command): void {
  const evalCmd = program.command("eval").description("Evaluate function calling on BFCL v3 and Hammer's benchmark sets");
  registerRun(evalCmd);
  registerScore(evalCmd);
  registerCompare(evalCmd);
}
