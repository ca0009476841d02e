import { HammerError } from "../core/errors.js";

const SHAREGPT_ROLES = new Set(["human", "user", "gpt", "assistant", "system", "observation", "tool", "function_call"]);
const MESSAGE_ROLES = new Set(["system", "user", "assistant", "tool"]);

/** The record layouts the trainer reads (see trainer/hammer_trainer/records.py, which it mirrors). */
export type TrainRecordLayout = "alpaca" | "sharegpt" | "messages";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Check one training record before any Python starts, so a bad row costs a second, not a model load:
 * alpaca `{instruction, input?, output}`, sharegpt `{conversations}`, or `{messages, tools?}` with OpenAI
 * tool calls. Throws INPUT_INVALID at `where`; returns the layout and the task (when `taskField` is set).
 */
export function checkTrainRecord(row: unknown, where: string, taskField?: string): { layout: TrainRecordLayout; task?: string } {
  const bad = (msg: string): never => {
    throw new HammerError("INPUT_INVALID", msg, { location: where });
  };
  if (!isObject(row)) return bad(`expected a JSON object, got ${Array.isArray(row) ? "an array" : row === null ? "null" : typeof row}`);
  let task: string | undefined;
  if (taskField) {
    const t = row[taskField];
    if (typeof t !== "string" || t === "") bad(`missing the task field "${taskField}" (a non-empty string)`);
    task = t as string;
  }
  checkTools(row.tools, bad);
  let layout: TrainRecordLayout;
  let hasAssistant: boolean;
  if ("instruction" in row || "output" in row) {
    layout = "alpaca";
    for (const k of ["instruction", "output"]) if (typeof row[k] !== "string") bad(`alpaca record: "${k}" must be a string`);
    if (row.input !== undefined && typeof row.input !== "string") bad('alpaca record: "input" must be a string');
    hasAssistant = true;
  } else if ("conversations" in row) {
    layout = "sharegpt";
    const turns = row.conversations;
    if (!Array.isArray(turns) || turns.length === 0) return bad('sharegpt record: "conversations" must be a non-empty list');
    hasAssistant = false;
    turns.forEach((t, i) => {
      if (!isObject(t)) bad(`sharegpt record: conversations[${i}] must be an object`);
      const o = t as Record<string, unknown>;
      const from = o.from ?? o.role;
      if (typeof from !== "string" || !SHAREGPT_ROLES.has(from)) bad(`sharegpt record: conversations[${i}] has unknown role ${JSON.stringify(from)}`);
      if (typeof (o.value ?? o.content) !== "string") bad(`sharegpt record: conversations[${i}].value must be a string`);
      if (from === "gpt" || from === "assistant" || from === "function_call") hasAssistant = true;
    });
  } else if ("messages" in row) {
    layout = "messages";
    const turns = row.messages;
    if (!Array.isArray(turns) || turns.length === 0) return bad('"messages" must be a non-empty list');
    hasAssistant = false;
    turns.forEach((m, i) => {
      if (!isObject(m)) bad(`messages[${i}] must be an object`);
      const o = m as Record<string, unknown>;
      if (typeof o.role !== "string" || !MESSAGE_ROLES.has(o.role)) bad(`messages[${i}] has unknown role ${JSON.stringify(o.role)}`);
      const c = o.content;
      const textParts = Array.isArray(c) && c.every((p) => isObject(p) && p.type === "text" && typeof p.text === "string");
      if (c !== null && c !== undefined && typeof c !== "string" && !textParts) bad(`messages[${i}].content must be a string`);
      if (o.role === "assistant") {
        hasAssistant = true;
        if (o.tool_calls !== undefined && o.tool_calls !== null) checkToolCalls(o.tool_calls, `messages[${i}].tool_calls`, bad);
      }
    });
  } else {
    return bad("not a training record: expected alpaca {instruction, input, output}, sharegpt {conversations} or {messages}");
  }
  if (!hasAssistant) bad("no assistant turn to learn from");
  return task === undefined ? { layout } : { layout, task };
}

function checkToolCalls(calls: unknown, at: string, bad: (msg: string) => never): void {
  if (!Array.isArray(calls)) bad(`${at} must be a list`);
  (calls as unknown[]).forEach((c, j) => {
    const fn = isObject(c) ? c.function : undefined;
    if (!isObject(fn) || typeof fn.name !== "string") bad(`${at}[${j}] must be {type: function, function: {name, arguments}}`);
    let args = (fn as Record<string, unknown>).arguments;
    if (typeof args === "string") {
      try {
        args = args.trim() === "" ? {} : JSON.parse(args);
      } catch {
        bad(`${at}[${j}]: arguments is not valid JSON`);
      }
    }
    if (args !== undefined && !isObject(args)) bad(`${at}[${j}]: arguments must be a JSON object`);
  });
}

function checkTools(tools: unknown, bad: (msg: string) => never): void {
  if (tools === undefined || tools === null || tools === "" || (Array.isArray(tools) && tools.length === 0)) return;
  let list = tools;
  if (typeof list === "string") {
    try {
      list = JSON.parse(list);
    } catch {
      bad('"tools" is a string but not valid JSON');
    }
  }
  if (!Array.isArray(list) || !list.every(isObject)) bad('"tools" must be a list of tool objects');
  (list as Array<Record<string, unknown>>).forEach((t, i) => {
    const fn = isObject(t.function) ? t.function : t;
    if (typeof fn.name !== "string") bad(`tools[${i}] needs a string name`);
  });
}
