import { ToolSchemaError } from "../errors.js";
import { GrammarBuilder } from "./GrammarBuilder.js";
import { grammarCache } from "./grammarCacheStats.js";
import { grammarKey } from "./grammarKey.js";
import { Primitives, SHARED_RULES, type WhitespaceMode } from "./primitives.js";
import { SchemaEmitter } from "./SchemaEmitter.js";
import { SchemaParser } from "./SchemaParser.js";
import type { CompiledGrammar, SchemaGrammarOptions } from "./types.js";

/** A grammar for one JSON value matching `schema` (OpenAI `response_format: json_schema`). */
export function compileSchemaGrammar(schema: unknown, options: SchemaGrammarOptions = {}): CompiledGrammar {
  const whitespace = options.whitespace ?? "canonical";
  const name = options.name ?? "response_format";
  const key = grammarKey({ kind: "schema", schema, whitespace, name });
  const cached = grammarCache.get(key);
  if (cached) return cached;
  const b = new GrammarBuilder(name, SHARED_RULES);
  const p = new Primitives(b, whitespace);
  const parser = new SchemaParser();
  const node = parser.parseRoot({ toolName: name, basePath: "", root: schema, refPrefix: "s#", hint: "schema" });
  if (node.kind === "never") throw new ToolSchemaError(name, "", "the schema admits no value");
  b.setRoot(new SchemaEmitter(b, p, parser.defs).emit(node, "schema"));
  return remember(key, b, parser.warnings);
}

/** A grammar for any JSON object (OpenAI `response_format: json_object`). */
export function compileJsonObjectGrammar(options: { whitespace?: WhitespaceMode } = {}): CompiledGrammar {
  const whitespace = options.whitespace ?? "canonical";
  const key = grammarKey({ kind: "json_object", whitespace });
  const cached = grammarCache.get(key);
  if (cached) return cached;
  const b = new GrammarBuilder("json_object", SHARED_RULES);
  b.setRoot(new Primitives(b, whitespace).objectAny());
  return remember(key, b, []);
}

function remember(key: string, b: GrammarBuilder, warnings: string[]): CompiledGrammar {
  const result: CompiledGrammar = Object.freeze({ gbnf: b.toString(), rootRule: "root" as const, key, warnings: Object.freeze([...warnings]) });
  grammarCache.set(key, result);
  return result;
}
