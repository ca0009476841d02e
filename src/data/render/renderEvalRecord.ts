import { HammerError, JsonSyntaxError } from "../../core/errors.js";
import { GENERATE_REQUEST_LINE } from "../../core/formats/hammerText.js";
import { renderFencedCalls } from "../../core/formats/renderCallList.js";
import { flattenHammerQuery } from "../../core/formats/flattenHammerQuery.js";
import { renderHammer21 } from "../../core/formats/renderHammer21.js";
import { renderHammerEval } from "../../core/formats/renderHammerEval.js";
import type { RawTurn } from "../../core/formats/types.js";
import { parseJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import type { ToolCall } from "../../core/types.js";
import { renderHammerTools } from "./renderHammerTools.js";

/** Templates of `hammer data render`: Hammer's two released eval layouts. */
export type EvalTemplate = "hammer" | "hammer2.1";
export const EVAL_TEMPLATES: readonly EvalTemplate[] = Object.freeze(["hammer", "hammer2.1"]);

/** A processed (Alpaca-style) record as in Hammer's `data/test/hammer*` files. */
export interface EvalRecord {
  instruction: string;
  input: string;
  output: string;
}

/** A neutral record after validation: Hammer's `original/` layout. */
export interface NeutralRecord {
  query: string | RawTurn[];
  tools: unknown[];
  answers: ToolCall[];
}

const GENERATE_SUFFIX = `\n${GENERATE_REQUEST_LINE}`;

/**
 * Render one neutral `{query, tools, answers}` record (Hammer's `original/` layout; `tools` and
 * `answers` may also be JSON strings as in xLAM; Seal-Tools answers `{tool, parameters}` are
 * read as `{name, arguments}`) into Hammer's processed record:
 * - `hammer`: the 1.0/2.0 eval prompt (renderHammerEval) with the tweaked tools (renderHammerTools);
 * - `hammer2.1`: the 2.1 conversation (renderHammer21) with the tools untouched (`json.dumps`),
 *   the final turn without its "\nGenerate API Request:" line, a string query as one user turn.
 * `output` is the fenced answer list, as in both released layouts. Throws INPUT_INVALID with a
 * JSON pointer into the record when it does not have that shape.
 */
export function renderEvalRecord(raw: unknown, template: EvalTemplate, restoreTurns?: (turns: RawTurn[]) => RawTurn[]): EvalRecord {
  const record = readNeutralRecord(raw);
  let instruction: string;
  if (template === "hammer") {
    const query = typeof record.query === "string" ? record.query : queryLines(restoreTurns ? restoreTurns(record.query) : record.query);
    instruction = renderHammerEval(renderHammerTools(record.tools), query);
  } else {
    const turns = typeof record.query === "string" ? [{ role: "user", content: record.query }] : record.query;
    instruction = renderHammer21(pyJsonDumps(record.tools), withoutGenerateLine(turns));
  }
  return { instruction, input: "", output: renderFencedCalls(record.answers) };
}

/** The flattened QUERY text, with flattening errors pointing into the record's query. */
function queryLines(turns: RawTurn[]): string {
  try {
    return flattenHammerQuery(turns);
  } catch (e) {
    if (e instanceof HammerError && e.location !== undefined) throw invalid(`/query${e.location}`, e.message);
    throw e;
  }
}

function withoutGenerateLine(turns: RawTurn[]): RawTurn[] {
  const last = turns[turns.length - 1];
  if (!last?.content.endsWith(GENERATE_SUFFIX)) return turns;
  return [...turns.slice(0, -1), { role: last.role, content: last.content.slice(0, -GENERATE_SUFFIX.length) }];
}

/** Validate the neutral layout; JSON-string fields are parsed. */
export function readNeutralRecord(raw: unknown): NeutralRecord {
  if (!isObject(raw)) throw invalid("", `record is ${describe(raw)}, not an object`);
  for (const key of ["query", "tools", "answers"]) {
    if (!Object.hasOwn(raw, key)) throw invalid("", `record has no "${key}"`);
  }
  return { query: readQuery(raw.query), tools: readTools(raw.tools), answers: readAnswers(raw.answers) };
}

function readQuery(q: unknown): string | RawTurn[] {
  if (typeof q === "string") return q;
  if (!Array.isArray(q)) throw invalid("/query", `query is ${describe(q)}, not a string or a list of turns`);
  if (q.length === 0) throw invalid("/query", "query has no turns");
  return q.map((turn, i) => {
    if (!isObject(turn)) throw invalid(`/query/${i}`, `turn is ${describe(turn)}, not an object`);
    const { role, content } = turn;
    // The role is written into a ChatML header, so it must be one plain word.
    if (typeof role !== "string" || !/^[^\s<>|]+$/u.test(role)) throw invalid(`/query/${i}/role`, "role must be a non-empty word (no spaces, '<', '>' or '|')");
    if (typeof content !== "string") throw invalid(`/query/${i}/content`, `content is ${describe(content)}, not a string`);
    return { role, content };
  });
}

function readTools(value: unknown): unknown[] {
  const tools = parseIfString(value, "/tools");
  if (!Array.isArray(tools)) throw invalid("/tools", `tools is ${describe(tools)}, not a list`);
  tools.forEach((tool, i) => {
    if (!isObject(tool)) throw invalid(`/tools/${i}`, `tool is ${describe(tool)}, not an object`);
    if (typeof tool.name !== "string") throw invalid(`/tools/${i}/name`, "tool has no string name");
  });
  return tools;
}

function readAnswers(value: unknown): ToolCall[] {
  const answers = parseIfString(value, "/answers");
  if (!Array.isArray(answers)) throw invalid("/answers", `answers is ${describe(answers)}, not a list`);
  return answers.map((a, i) => {
    if (!isObject(a)) throw invalid(`/answers/${i}`, `answer is ${describe(a)}, not an object`);
    // Seal-Tools writes calls as {tool, parameters}.
    const [nameKey, argsKey] = "tool" in a && !("name" in a) ? ["tool", "parameters"] : ["name", "arguments"];
    const name = a[nameKey];
    const args = a[argsKey];
    if (typeof name !== "string") throw invalid(`/answers/${i}/${nameKey}`, `answer has no string "${nameKey}"`);
    if (!isObject(args)) throw invalid(`/answers/${i}/${argsKey}`, `"${argsKey}" is ${describe(args)}, not an object`);
    return { name, arguments: args };
  });
}

function parseIfString(value: unknown, at: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return parseJson(value, { source: at });
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw invalid(at, `string is not valid JSON: ${e.message}`);
    throw e;
  }
}

function invalid(pointer: string, reason: string): HammerError {
  return new HammerError("INPUT_INVALID", reason, { location: pointer || "/" });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
