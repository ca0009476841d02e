/**
 * Hammer's instruction texts, verbatim: the models were trained on these exact bytes, so every
 * newline matters (see shared/research/hammer.md §2.4, §4.2, §5.2). The "train" variants carry
 * the leading/trailing newlines of data_processing.py; the "eval" variants are the ones in the
 * released eval sets (`data/test/hammer/`).
 */

const TASK_BODY =
  "You are a tool calling assistant. In order to complete the user's request, you need to select one or more appropriate tools from the following tools and fill in the correct values for the tool parameters. Your specific tasks are:\n" +
  "1. Make one or more function/tool calls to meet the request based on the question.\n" +
  "2. If none of the function can be used, point it out and refuse to answer.\n" +
  "3. If the given question lacks the parameters required by the function, also point it out.";

/** Task text of the 1.0/2.0 training prompt (ends with one newline). */
export const TASK_TRAIN = `${TASK_BODY}\n`;
/** Task text of the 1.0/2.0 eval prompt (no trailing newline). */
export const TASK_EVAL = TASK_BODY;
/** Task text of Hammer 2.1: the training text plus the "characters" paragraph. */
export const TASK_21 =
  `${TASK_TRAIN}\nThe following are characters that may interact with you\n` +
  "1. user: Provides query or additional information.\n" +
  "2. tool: Returns the results of the tool calling.\n";

const FORMAT_BODY =
  "The output MUST strictly adhere to the following JSON format, and NO other text MUST be included.\n" +
  "The example format is as follows. Please make sure the parameter type is correct. If no function call is needed, please directly output an empty list '[]'\n" +
  "```\n" +
  "[\n" +
  '    {"name": "func_name1", "arguments": {"argument1": "value1", "argument2": "value2"}},\n' +
  "    ... (more tool calls as required)\n" +
  "]\n" +
  "```";

/** Format text of the training prompt and of Hammer 2.1 (leading and trailing newline). */
export const FORMAT_TRAIN = `\n${FORMAT_BODY}\n`;
/** Format text of the 1.0/2.0 eval prompt. */
export const FORMAT_EVAL = FORMAT_BODY;

export const DEFAULT_SYSTEM = "You are a helpful assistant.";

/** The 1.0/2.0 four-block prompt (`get_hammer_prompt`), given the task/format variant. */
export function hammerBlocks(task: string, toolsJson: string, format: string, query: string): string {
  return (
    `[BEGIN OF TASK INSTRUCTION]\n${task}\n[END OF TASK INSTRUCTION]\n\n` +
    `[BEGIN OF AVAILABLE TOOLS]\n${toolsJson}\n[END OF AVAILABLE TOOLS]\n\n` +
    `[BEGIN OF FORMAT INSTRUCTION]\n${format}\n[END OF FORMAT INSTRUCTION]\n\n` +
    `[BEGIN OF QUERY]\n${query}\n[END OF QUERY]\n\n`
  );
}

/** Training prompt exactly as data_processing.py builds it, from the stored tools JSON text. */
export function hammerTrainPrompt(toolsJson: string, query: string): string {
  return hammerBlocks(TASK_TRAIN, toolsJson, FORMAT_TRAIN, query);
}

/** Training label: the calls' JSON list in a ``` fence (`"```\n[]\n```"` for no call). */
export function hammerLabel(answersJson: string): string {
  return "```\n" + answersJson + "\n```";
}

/**
 * Hammer 2.1 instruction turn content (eval sets and client): the four-block layout without a
 * QUERY block, with TASK_21 and the training FORMAT text.
 */
export function hammer21Instruction(toolsJson: string): string {
  return (
    `[BEGIN OF TASK INSTRUCTION]\n${TASK_21}\n[END OF TASK INSTRUCTION]\n\n` +
    `[BEGIN OF AVAILABLE TOOLS]\n${toolsJson}\n[END OF AVAILABLE TOOLS]\n\n` +
    `[BEGIN OF FORMAT INSTRUCTION]\n${FORMAT_TRAIN}\n[END OF FORMAT INSTRUCTION]\n\n`
  );
}

/**
 * Instruction turn content of Hammer2.1's HF chat template. Under transformers' jinja settings
 * (trim_blocks) the FORMAT text loses its leading newline, the markers read `AVAILABLE_TOOLS`,
 * and the FORMAT block is wrapped in TASK markers after an extra blank line (checked with jinja2).
 */
export function hammer21HfInstruction(toolsText: string): string {
  return (
    `[BEGIN OF TASK INSTRUCTION]\n${TASK_21}\n[END OF TASK INSTRUCTION]\n\n` +
    `[BEGIN OF AVAILABLE_TOOLS]\n${toolsText}\n[END OF AVAILABLE_TOOLS]\n\n` +
    `\n[BEGIN OF TASK INSTRUCTION]\n${FORMAT_BODY}\n\n[END OF TASK INSTRUCTION]\n\n`
  );
}

/** The line API-Bank's eval queries end with; Hammer 2.1 rendering removes it. */
export const GENERATE_REQUEST_LINE = "Generate API Request:";
