import { Option, type Command } from "commander";
import { EVAL_TEMPLATES, renderEvalFile, type EvalTemplate } from "../../data/index.js";
import { EXIT_CODES } from "../../core/errorCodes.js";
import { action } from "../run.js";

interface RenderFlags {
  template: EvalTemplate;
  in: string;
  out: string;
}

/** `hammer data render`: neutral {query, tools, answers} records → Hammer's eval records. */
export function register(data: Command): void {
  data
    .command("render")
    .description("Render neutral {query, tools, answers} records (Hammer's original/ layout) into Hammer's {instruction, input, output} eval records")
    .addOption(new Option("--template <name>", "Hammer prompt layout").choices(EVAL_TEMPLATES).makeOptionMandatory())
    .requiredOption("--in <file>", "JSON list of neutral records")
    .requiredOption("--out <file>", "output JSON file; rejected records go to <file>.rejects.jsonl")
    .action(
      action(async (flags: RenderFlags) => {
        const r = await renderEvalFile({ template: flags.template, input: flags.in, output: flags.out });
        process.stderr.write(`hammer: rendered ${r.rendered} of ${r.records} records (${flags.template}) to ${r.output}\n`);
        if (r.rejectsPath !== null) {
          process.stderr.write(`hammer: rejected ${r.rejected} records, see ${r.rejectsPath}\n`);
          // The command ran but not every record made it: a failed check (unreadable input would be 3).
          process.exitCode = EXIT_CODES.checkFailed;
        }
      }),
    );
}
