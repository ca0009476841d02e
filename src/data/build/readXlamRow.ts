import { HammerError, JsonSyntaxError } from "../../core/errors.js";
import { mayHaveIntegralFloat, parseJson, type ParseJsonOptions } from "../../core/json/index.js";
import { maskLimitViolation } from "../../core/masking/index.js";
import { pyJsonDumps } from "../../core/python/index.js";

/** Why a row was rejected (the keys of a build summary's `rejectReasons`). */
export type RejectReason =
  | "record_too_large"
  | "invalid_json"
  | "not_an_object"
  | "missing_field"
  | "invalid_field"
  | "tools_unparseable"
  | "answers_unparseable"
  | "tools_not_a_list"
  | "answers_not_a_list"
  | "empty_tools"
  | "invalid_tool"
  | "invalid_parameters"
  | "invalid_answer"
  | "unknown_tool"
  | "row_too_large"
  | "irrelevance_no_tools";

/** A row that cannot be used, with its reason; `location` is filled in by the caller. */
export class RowRejectedError extends HammerError {
  /** The record's `id`, when it had one. */
  id: unknown;

  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {
    super("INPUT_INVALID", `${reason}: ${detail}`);
  }
}

/** One xLAM row: `tools`/`answers` as their stored JSON text (Hammer embeds it verbatim). */
export interface XlamRow {
  query: string;
  toolsText: string;
  answersText: string;
  id: unknown;
  /** Parsed with float marks (modes "parsed" and "checked"). */
  tools?: unknown[];
  answers?: unknown[];
  /** Whether the stored `tools` / `answers` text may hold an integral float, when it was tested (see RowHints). */
  toolsFloats?: boolean;
  answersFloats?: boolean;
}

/**
 * What an earlier read of the same record found (a build reads each row up to three times):
 * its float tests' results, and that it passed a "checked" or "validated" read (so its nesting
 * is within the parser's limit and need not be walked again).
 */
export interface RowHints {
  toolsFloats?: boolean;
  answersFloats?: boolean;
  accepted: boolean;
}

/**
 * How much of a row to read: `texts` (query and stored texts only — enough for an unmasked
 * row), `parsed` (also the lossless parse of tools and answers, for masking), `checked` (parsed
 * and validated; throws {@link RowRejectedError}), `validated` (checked, but tools and answers
 * parsed without float marks: for a row that goes out unmasked, faster).
 */
export type ReadDepth = "texts" | "parsed" | "checked" | "validated";

/**
 * Read an xLAM record `{query, tools, answers, id?}`; `tools`/`answers` are JSON strings (as in
 * xLAM) or already-parsed arrays (then their stored text is Python's `json.dumps`).
 */
export function readXlamRow(text: string, depth: ReadDepth, hints?: RowHints): XlamRow {
  let rec: unknown;
  try {
    rec = JSON.parse(text);
  } catch {
    rec = undefined;
  }
  // parseJson again for the error's line and column (tools/answers later go through parseJson,
  // whose nesting cap therefore also applies to them in "checked" mode)
  if (rec === undefined) rec = parseOrReject(text, "invalid_json", "the record is not valid JSON");
  if (typeof rec !== "object" || rec === null || Array.isArray(rec)) throw new RowRejectedError("not_an_object", "a record must be a JSON object");
  const r = rec as Record<string, unknown>;
  try {
    return readFields(r, text, depth, hints);
  } catch (e) {
    if (e instanceof RowRejectedError) e.id = r.id;
    throw e;
  }
}

function readFields(r: Record<string, unknown>, text: string, depth: ReadDepth, hints: RowHints | undefined): XlamRow {
  for (const k of ["query", "tools", "answers"]) {
    if (!(k in r)) throw new RowRejectedError("missing_field", `no "${k}" field`);
  }
  if (typeof r.query !== "string") throw new RowRejectedError("invalid_field", '"query" must be a string');
  let lossless: Record<string, unknown> | undefined;
  const field = (k: "tools" | "answers", knownFloats: boolean | undefined): { text: string; value?: unknown; floats?: boolean } => {
    const v = r[k];
    if (typeof v === "string") {
      if (depth === "texts") return { text: v };
      const reason = k === "tools" ? "tools_unparseable" : "answers_unparseable";
      // a row that goes out unmasked needs no float marks: its parse is only checked
      const floats = depth === "validated" ? undefined : (knownFloats ?? mayHaveIntegralFloat(v));
      const options = { floatMarks: floats === true, integralFloats: floats, nestingChecked: hints?.accepted };
      return { text: v, value: parseOrReject(v, reason, `"${k}" is not valid JSON`, options), floats };
    }
    if (Array.isArray(v)) {
      lossless ??= parseJson(text) as Record<string, unknown>;
      return { text: pyJsonDumps(lossless[k]), value: lossless[k] };
    }
    throw new RowRejectedError("invalid_field", `"${k}" must be a JSON string or an array`);
  };
  const tools = field("tools", hints?.toolsFloats);
  const answers = field("answers", hints?.answersFloats);
  const row: XlamRow = { query: r.query, toolsText: tools.text, answersText: answers.text, id: r.id, toolsFloats: tools.floats, answersFloats: answers.floats };
  if (depth === "texts") return row;
  if (!Array.isArray(tools.value)) throw new RowRejectedError("tools_not_a_list", '"tools" must be a JSON list');
  if (!Array.isArray(answers.value)) throw new RowRejectedError("answers_not_a_list", '"answers" must be a JSON list');
  row.tools = tools.value;
  row.answers = answers.value;
  if (depth === "checked" || depth === "validated") checkRow(row.query, row.tools, row.answers);
  return row;
}

function parseOrReject(text: string, reason: RejectReason, what: string, options: ParseJsonOptions = {}): unknown {
  try {
    return parseJson(text, options);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new RowRejectedError(reason, `${what} (${e.message})`);
    throw e;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The rules a row must meet to be masked and rendered (see RejectReason). */
function checkRow(query: string, tools: unknown[], answers: unknown[]): void {
  if (tools.length === 0) throw new RowRejectedError("empty_tools", "the tool list is empty");
  // a row the masks could not handle in bounded time is refused up front (see MASK_LIMITS)
  let params = 0;
  let args = 0;
  for (const t of tools) if (isObject(t) && isObject(t.parameters)) params += Object.keys(t.parameters).length;
  for (const a of answers) if (isObject(a) && isObject(a.arguments)) args += Object.keys(a.arguments).length;
  const tooLarge = maskLimitViolation({ queryChars: query.length, tools: tools.length, params, calls: answers.length, args });
  if (tooLarge !== undefined) throw new RowRejectedError("row_too_large", `the row has ${tooLarge}`);
  const names = new Set<string>();
  tools.forEach((t, i) => {
    if (!isObject(t) || typeof t.name !== "string") throw new RowRejectedError("invalid_tool", `tool ${i} is not an object with a string "name"`);
    const p = t.parameters;
    const where = `tool ${i} (${JSON.stringify(t.name)})`;
    if (!isObject(p)) throw new RowRejectedError("invalid_parameters", `${where}: "parameters" must be an object`);
    if (p.type === "object" && isObject(p.properties)) {
      throw new RowRejectedError("invalid_parameters", `${where}: "parameters" is a JSON Schema object; xLAM tools have a flat map of parameter → schema`);
    }
    for (const k of Object.keys(p)) {
      if (!isObject(p[k])) throw new RowRejectedError("invalid_parameters", `${where}: parameter ${JSON.stringify(k)} must be an object`);
    }
    names.add(t.name);
  });
  answers.forEach((a, i) => {
    if (!isObject(a) || typeof a.name !== "string") throw new RowRejectedError("invalid_answer", `answer ${i} is not an object with a string "name"`);
    if (!isObject(a.arguments)) throw new RowRejectedError("invalid_answer", `answer ${i} (${JSON.stringify(a.name)}): "arguments" must be an object`);
    if (!names.has(a.name)) throw new RowRejectedError("unknown_tool", `answer ${i} calls ${JSON.stringify(a.name)}, which is not in the tool list`);
  });
}
