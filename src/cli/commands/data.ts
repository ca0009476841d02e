import type { Command } from "commander";
import { register as registerBuild } from "./dataBuild.js";
import { register as registerRender } from "./dataRender.js";
import { register as registerStats } from "./dataStats.js";

/** `hammer data …`: Hammer's training-data pipeline. */
export function register(program: Command): void {
  const data = program.command("data").description("Build, render and inspect Hammer function-calling data");
  registerBuild(data);
  registerRender(data);
  registerStats(data);
}
