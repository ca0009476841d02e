import { ToolSchemaError } from "../errors.js";
import type { CallSyntax } from "../formats/types.js";
import type { ToolDef } from "../types.js";
import { GrammarLimitError, ToolChoiceError } from "./errors.js";
import { gbnfLiteral } from "./gbnfText.js";
import { GrammarBuilder } from "./GrammarBuilder.js";
import { grammarCache } from "./grammarCacheStats.js";
import { grammarKey } from "./grammarKey.js";
import type { SchemaNode } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { literalTrie } from "./literalTrie.js";
import { Primitives, SHARED_RULES } from "./primitives.js";
import { SchemaEmitter, jsonStringVariants } from "./SchemaEmitter.js";
import { SchemaParser } from "./SchemaParser.js";
import { isWellFormed } from "./schemaKeywords.js";
import { textExcluding } from "./textExcluding.js";
import { toolParametersSchema } from "./toolParametersSchema.js";
import { assertToolChoice } from "../validate/assertToolChoice.js";
import type { CompiledGrammar, ToolGrammarOptions } from "./types.js";

/**
 * A GBNF grammar for a whole model turn in a format's call syntax, such that every string it
 * accepts parses into calls of these tools whose arguments satisfy their schemas (up to the
 * constraints listed in `warnings`). Returns null for `choice: "none"` (plain text, no grammar).
 *
 * - `json-list` (Hammer, xLAM): `open` + `[call, …]` (inside `{"<wrapperKey>": …}` when set) +
 *   `close`; "no call" is `[]`.
 * - `tagged` (Qwen): `callOpen` + call + `callClose` blocks joined by `separator`; with `auto`
 *   they may follow free text, which then never contains the (trimmed) call opener.
 * A call is `{"name": <tool name>, "arguments": <that tool's arguments>}`.
 *
 * Compiled grammars are cached by {@link CompiledGrammar.key}; a repeated tool set costs a hash.
 */
export function compileToolGrammar(options: ToolGrammarOptions): CompiledGrammar | null {
  const { syntax, tools, choice, parallel } = options;
  const whitespace = options.whitespace ?? "canonical";
  if (choice === "none") return null;
  if (!Array.isArray(tools)) throw new ToolChoiceError("tools must be an array", null);
  if (tools.length > GRAMMAR_LIMITS.maxTools) throw new GrammarLimitError("number of tools", GRAMMAR_LIMITS.maxTools, "tools");
  checkSyntax(syntax);
  assertToolChoice(choice, tools);
  if (typeof parallel !== "boolean") throw new ToolChoiceError("parallel must be a boolean", null);
  const named = typeof choice === "object" ? choice.function.name : null;

  const key = grammarKey({
    kind: "tools",
    syntax,
    tools: tools.map((t) => [t?.name, t?.parameters, (t as unknown as Record<string, unknown> | null)?.required]),
    choice,
    parallel,
    whitespace,
  });
  const cached = grammarCache.get(key);
  if (cached) return cached;

  const b = new GrammarBuilder("tools", SHARED_RULES);
  const p = new Primitives(b, whitespace);
  const parser = new SchemaParser();
  const extraWarnings: string[] = [];

  // Group by name: xLAM repeats tools; differing duplicates accept either schema.
  const byName = new Map<string, { index: number; params: unknown[] }>();
  tools.forEach((tool, index) => {
    const name = checkToolName(tool, index);
    // Raw Seal-Tools tools keep `required` beside a flat `parameters` map.
    const params = toolParametersSchema(tool.parameters, (tool as unknown as Record<string, unknown>).required);
    const group = byName.get(name);
    if (group) group.params.push(params);
    else byName.set(name, { index, params: [params] });
  });

  const emitter = new SchemaEmitter(b, p, parser.defs);
  const entries: Array<{ name: string; args: string }> = [];
  for (const [name, group] of byName) {
    if (named !== null && name !== named) continue;
    const hint = name;
    const nodes: SchemaNode[] = group.params.map((root, k) => {
      const scope = { toolName: name, basePath: "/parameters", root, refPrefix: `t${group.index}.${k}#`, hint };
      return argumentsNode(parser, parser.parseRoot(scope), name);
    });
    if (group.params.length > 1 && new Set(group.params.map((x) => grammarKey(x))).size > 1) {
      extraWarnings.push(`${name}: ${group.params.length} tools share this name; arguments of any of them are accepted`);
    }
    const exprs = [...new Set(nodes.map((n) => (n.kind === "any" ? p.objectAny() : emitter.emit(n, `${hint}-args`))))];
    entries.push({ name, args: exprs.length === 1 ? (exprs[0] as string) : b.intern(`${hint}-args`, exprs.join(" | ")) });
  }

  const call = entries.length === 0 ? null : b.intern("call", callBody(p, entries));
  b.setRoot(rootBody(b, p, syntax, call, choice === "auto", parallel && named === null));
  const result: CompiledGrammar = Object.freeze({
    gbnf: b.toString(),
    rootRule: "root" as const,
    key,
    warnings: Object.freeze([...parser.warnings, ...extraWarnings]),
  });
  grammarCache.set(key, result);
  return result;
}

function checkSyntax(syntax: CallSyntax): void {
  const ok =
    syntax !== null &&
    typeof syntax === "object" &&
    ((syntax.kind === "json-list" && typeof syntax.open === "string" && typeof syntax.close === "string" &&
      (syntax.wrapperKey === undefined || typeof syntax.wrapperKey === "string")) ||
      (syntax.kind === "tagged" && typeof syntax.callOpen === "string" && typeof syntax.callClose === "string" &&
        typeof syntax.separator === "string"));
  if (!ok) throw new ToolChoiceError("syntax must be a json-list or tagged CallSyntax", null);
  const texts = syntax.kind === "json-list" ? [syntax.open, syntax.close, syntax.wrapperKey ?? ""] : [syntax.callOpen, syntax.callClose, syntax.separator];
  if (!texts.every(isWellFormed) || texts.some((t) => t.includes("\u0000"))) {
    throw new ToolChoiceError("call syntax strings must be well-formed text without NUL", null);
  }
}

function checkToolName(tool: ToolDef, index: number): string {
  const name = (tool as Partial<ToolDef> | null)?.name;
  if (typeof name !== "string" || name === "") throw new ToolSchemaError(`#${index}`, "/name", "tool name must be a non-empty string");
  if (!isWellFormed(name) || name.includes("\u0000")) throw new ToolSchemaError(name, "/name", "tool name holds a lone surrogate or NUL");
  if (name.length > GRAMMAR_LIMITS.maxNameLength) throw new GrammarLimitError("tool name length", GRAMMAR_LIMITS.maxNameLength, `${name.slice(0, 40)}…/name`);
  return name;
}

/** Arguments are always a JSON object: check the parsed root admits one. */
function argumentsNode(parser: SchemaParser, node: SchemaNode, name: string): SchemaNode {
  const r = parser.resolve(node);
  const isObjectish = (n: SchemaNode | null): boolean =>
    n !== null && (n.kind === "object" || n.kind === "any" || (n.kind === "anyOf" && n.options.every((o) => isObjectish(parser.resolve(o)))));
  if (r?.kind === "never") throw new ToolSchemaError(name, "/parameters", "the arguments schema admits no value");
  if (!isObjectish(r)) throw new ToolSchemaError(name, "/parameters", "the arguments schema must describe a JSON object");
  return r?.kind === "any" ? r : node;
}

/** `{"name": <one of the names>, "arguments": <its arguments>}` with the names in a trie. */
function callBody(p: Primitives, entries: Array<{ name: string; args: string }>): string {
  if (p.whitespace === "canonical") {
    return literalTrie(
      entries.flatMap(({ name, args }) =>
        jsonStringVariants(name).map((lit) => ({ text: `{"name": ${lit}, "arguments": `, then: `${args} "}"` })),
      ),
    );
  }
  const trie = literalTrie(
    entries.flatMap(({ name, args }) =>
      jsonStringVariants(name).map((lit) => ({ text: lit, then: p.seq(p.comma, gbnfLiteral('"arguments"'), p.colon, args) })),
    ),
  );
  return p.seq('"{"', p.open, gbnfLiteral('"name"'), p.colon, trie, p.close, '"}"');
}

function rootBody(b: GrammarBuilder, p: Primitives, syntax: CallSyntax, call: string | null, auto: boolean, parallel: boolean): string {
  const more = GRAMMAR_LIMITS.maxCallsPerTurn - 1;
  if (syntax.kind === "json-list") {
    let list: string;
    if (call === null) list = p.whitespace === "canonical" ? '"[]"' : `"[" ${p.open} "]"`;
    else {
      const calls = parallel ? `${call} ( ${p.comma} ${call} ){0,${more}}` : call;
      list = p.seq('"["', p.open, auto ? `( ${p.seq(calls, p.close)} )?` : p.seq(calls, p.close), '"]"');
    }
    const body = b.intern("calls", list);
    const wrapped =
      syntax.wrapperKey === undefined ? body : p.seq('"{"', p.open, p.keyColon(jsonStringVariants(syntax.wrapperKey)), body, p.close, '"}"');
    return p.seq(lit(syntax.open), wrapped, lit(syntax.close));
  }
  const text = auto ? textExcluding(b, syntax.callOpen.trimEnd() || syntax.callOpen, "text") : "";
  if (call === null) return text === "" ? '""' : text;
  const block = b.intern("call-block", p.seq(lit(syntax.callOpen), call, lit(syntax.callClose)));
  const calls = parallel ? `${block} ( ${p.seq(lit(syntax.separator), block)} ){0,${more}}` : block;
  return auto ? p.seq(text, `( ${calls} )?`) : calls;
}

function lit(text: string): string {
  return text === "" ? "" : gbnfLiteral(text);
}
