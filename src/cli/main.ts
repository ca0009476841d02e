#!/usr/bin/env node
import { Command } from "commander";
import { readFileSync } from "node:fs";
import { exitCodeHelp } from "./exitCodeHelp.js";
import { EXIT_USAGE } from "./run.js";
// Command modules: each exports `register(program)`. Keep this list in the order of `hammer --help`.
import { register as registerData } from "./commands/data.js";
// @register-imports
import { register as registerCall } from "./commands/call.js";
import { register as registerServe } from "./commands/serve.js";
import { register as registerModel } from "./commands/model.js";
import { register as registerExport } from "./commands/export.js";
import { register as registerEval } from "./commands/eval.js";
import { register as registerDatasets } from "./commands/datasets.js";
import { register as registerTrain } from "./commands/train.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = new Command()
  .name("hammer")
  .description("Robust function calling with small on-device language models (Hammer).")
  .version(pkg.version)
  .showHelpAfterError("(add --help for usage)")
  .addHelpText("after", exitCodeHelp())
  .exitOverride((err) => {
    // commander's own errors (unknown flag, bad flag value, missing argument) are usage errors.
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  });

registerData(program);
// @register-calls
registerCall(program);
registerServe(program);
registerModel(program);
registerExport(program);
registerEval(program);
registerDatasets(program);
registerTrain(program);

await program.parseAsync(process.argv);
