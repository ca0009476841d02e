import type { JsonSchema } from "../types.js";

/**
 * Non-standard `type` strings as raw tools write them, mapped to JSON Schema so the compiler can
 * take raw tools as well as the canonical schemas of core/tools:
 * - BFCL: `dict`, `float`, `tuple`, `any`; Java/JS docs: `String`, `HashMap`, `ArrayList`, `long`, …
 * - xLAM / API-Bank / Seal-Tools: `str`, `int`, `List[int]`, `list(str)`, `Dict[str, Any]`,
 *   `Optional[str]`, `Union[A, B]`, `A | None`, `Literal['a', 'b']`, `Tuple[int, int]`, with the
 *   suffixes `, optional` and `, default=…`.
 * Unknown names become "any value" and are reported, so a raw tool never fails on its type alone.
 */
export interface TypeStringResult {
  schema: JsonSchema;
  /** The string marks the parameter optional (`, optional`, `default=`, `Optional[…]`, `| None`). */
  optional: boolean;
  /** Names that mean nothing to us (mapped to any value). */
  unknown: string[];
}

const KINDS: Record<string, string> = {
  str: "string", string: "string", text: "string", char: "string", character: "string", bytes: "string",
  callable: "string", function: "string", uuid: "string", path: "string",
  int: "integer", integer: "integer", long: "integer", short: "integer", byte: "integer", bigint: "integer",
  float: "number", double: "number", number: "number", decimal: "number", real: "number",
  bool: "boolean", boolean: "boolean",
  none: "null", nonetype: "null", null: "null", nil: "null",
  list: "array", array: "array", arraylist: "array", sequence: "array", iterable: "array", set: "array",
  frozenset: "array", collection: "array", vector: "array", tuple: "array",
  dict: "object", mapping: "object", map: "object", hashmap: "object", hashtable: "object", object: "object",
  json: "object", record: "object",
  any: "any", optional: "optional", union: "union", literal: "literal",
};

/** A parsed type expression. */
type TypeAst =
  | { t: "name"; name: string; args: TypeAst[] | null }
  | { t: "lit"; value: string | number }
  | { t: "ellipsis" }
  | { t: "list"; items: TypeAst[] } // Callable's `[[a, b], r]`
  | { t: "union"; options: TypeAst[] };

const SUFFIX = /\s*(?:,\s*optional|\(\s*optional\s*\)|,\s*default\s*[=:].*|\boptional)\s*$/i;
const MAX_DEPTH = 16;

export function typeStringToSchema(text: string): TypeStringResult {
  let s = text.trim();
  let optional = false;
  for (let m = SUFFIX.exec(s); m; m = SUFFIX.exec(s)) {
    optional = true;
    s = s.slice(0, m.index).trim();
  }
  const ast = new TypeParser(s).parse();
  if (admitsNone(ast)) optional = true;
  const unknown: string[] = [];
  return { schema: toSchema(ast, unknown), optional, unknown };
}

function admitsNone(ast: TypeAst | null): boolean {
  if (!ast) return false;
  if (ast.t === "union") return ast.options.some((o) => isNone(o));
  if (ast.t !== "name") return false;
  const k = kindOf(ast.name);
  if (k === "optional") return true;
  return k === "union" && (ast.args ?? []).some((o) => isNone(o));
}

function isNone(ast: TypeAst): boolean {
  return ast.t === "name" && kindOf(ast.name) === "null";
}

function kindOf(name: string): string | undefined {
  return KINDS[name.replace(/^(?:typing|builtins|java\.util|java\.lang)\./i, "").toLowerCase()];
}

function toSchema(ast: TypeAst | null, unknown: string[]): JsonSchema {
  if (!ast) return {};
  switch (ast.t) {
    case "lit":
      return { const: ast.value };
    case "ellipsis":
    case "list":
      return {};
    case "union":
      return union(ast.options.map((o) => toSchema(o, unknown)));
    case "name":
      break;
  }
  const kind = kindOf(ast.name);
  const args = (ast.args ?? []).filter((a) => a.t !== "ellipsis" && a.t !== "list");
  const conv = (a: TypeAst | undefined): JsonSchema => toSchema(a ?? null, unknown);
  switch (kind) {
    case undefined:
      unknown.push(ast.name);
      return {};
    case "any":
      return {};
    case "optional":
      return union([conv(args[0]), { type: "null" }]);
    case "union":
      return args.length === 0 ? {} : union(args.map(conv));
    case "literal":
      return { enum: args.map((a) => (a.t === "lit" ? a.value : a.t === "name" ? a.name : null)) };
    case "array": {
      const variadic = (ast.args ?? []).some((a) => a.t === "ellipsis");
      // Tuple[a, b] is exactly those positions; List[a] and Tuple[a, ...] are items of a.
      if (args.length > 1 && !variadic) {
        const prefixItems = args.map(conv);
        return { type: "array", prefixItems, minItems: args.length, maxItems: args.length };
      }
      const items = conv(args[0]);
      return Object.keys(items).length > 0 ? { type: "array", items } : { type: "array" };
    }
    case "object": {
      const value = args.length >= 2 ? conv(args[1]) : {};
      return Object.keys(value).length > 0 ? { type: "object", additionalProperties: value } : { type: "object" };
    }
    default:
      return { type: kind };
  }
}

function union(parts: JsonSchema[]): JsonSchema {
  if (parts.length === 1) return parts[0] as JsonSchema;
  if (parts.some((p) => Object.keys(p).length === 0)) return {};
  if (parts.every((p) => Object.keys(p).length === 1 && typeof p.type === "string")) {
    return { type: [...new Set(parts.map((p) => p.type as string))] };
  }
  return { anyOf: parts };
}

type Tok = { t: "name" | "lit" | "punct" | "ellipsis"; v: string; value?: string | number };

class TypeParser {
  private readonly toks: Tok[];
  private i = 0;

  constructor(s: string) {
    this.toks = tokenize(s);
  }

  parse(): TypeAst | null {
    if (this.toks.length === 0) return null;
    return this.union(0);
  }

  private eat(v: string): boolean {
    const t = this.toks[this.i];
    if (t?.t === "punct" && t.v === v) {
      this.i++;
      return true;
    }
    return false;
  }

  private union(depth: number): TypeAst | null {
    const first = this.atom(depth);
    if (!first) return null;
    const options = [first];
    while (this.eat("|")) {
      const next = this.atom(depth);
      if (next) options.push(next);
    }
    return options.length === 1 ? first : { t: "union", options };
  }

  private args(depth: number, close: string): TypeAst[] {
    const out: TypeAst[] = [];
    while (this.i < this.toks.length && !this.eat(close)) {
      const before = this.i;
      const a = this.union(depth + 1);
      if (a) out.push(a);
      this.eat(",");
      if (this.i === before) this.i++; // stray token: skip it rather than loop
    }
    return out;
  }

  private atom(depth: number): TypeAst | null {
    const t = this.toks[this.i];
    if (!t || depth > MAX_DEPTH) return null;
    this.i++;
    if (t.t === "ellipsis") return { t: "ellipsis" };
    if (t.t === "lit") return { t: "lit", value: t.value as string | number };
    if (t.t === "punct") return t.v === "[" ? { t: "list", items: this.args(depth, "]") } : null;
    let args: TypeAst[] | null = null;
    if (this.eat("[")) args = this.args(depth, "]");
    else if (this.eat("(")) args = this.args(depth, ")");
    return { t: "name", name: t.v, args };
  }
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (s.startsWith("...", i)) {
      out.push({ t: "ellipsis", v: "..." });
      i += 3;
    } else if ("[](),|".includes(c)) {
      out.push({ t: "punct", v: c });
      i++;
    } else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      const stop = end < 0 ? s.length : end;
      out.push({ t: "lit", v: s.slice(i + 1, stop), value: s.slice(i + 1, stop) });
      i = stop + 1;
    } else {
      const num = /^-?\d+(?:\.\d+)?/.exec(s.slice(i));
      if (num) {
        out.push({ t: "lit", v: num[0], value: Number(num[0]) });
        i += num[0].length;
        continue;
      }
      const m = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(s.slice(i));
      const txt = m ? m[0] : c;
      out.push({ t: "name", v: txt });
      i += txt.length;
    }
  }
  return out;
}
