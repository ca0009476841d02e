import { ToolSchemaError } from "../errors.js";
import { JSON_TYPE_OF_PY_NAME } from "../python/index.js";
import type { JsonSchema } from "../types.js";
import { ownValue } from "./copyEntry.js";
import { TOOL_LIMITS } from "./limits.js";

/**
 * Type strings of the flat tool formats (xLAM, API-Bank, Seal-Tools, ToolAlpaca) and of raw BFCL
 * docs to JSON Schema: the one reader, used by the tool converters (strict) and by the grammar
 * compiler for raw tools (lenient). Accepted: builtin and `typing` names (`str`, `int`, `float`,
 * `bool`, `list`, `dict`, `tuple`, `set`, `Any`, `None`, `Callable`), BFCL's Java/JS names
 * (`String`, `long`, `HashMap`, `ArrayList`, …; names are case-insensitive and a dotted prefix such
 * as `typing.` or `java.util.` is ignored), generics in brackets or API-Bank's parens (`List[int]`,
 * `list(str)`, `Dict[str, Any]`, `Tuple[float, float]`, `Optional[str]`, `Union[int, str]`,
 * `Literal['a', 'b']`, `Callable[[float], float]`), PEP 604 unions (`int | None`), JSON Schema
 * names (`string`, `integer`, `number`, …) and the suffixes `, optional`, `, default=…`, `= …`,
 * ` (optional)` and ` (default: …)`.
 *
 * Mapping: str→string, int→integer, float→number, bool→boolean, list/set→array (with `items` when
 * the element type is known and not Any), `Tuple[X, Y]`→exactly those positions (`prefixItems`, or
 * `items` when all are equal, with `minItems` = `maxItems`), dict→object (with
 * `additionalProperties` for `Dict[str, V]` when V is not Any), Any→no `type` (anything),
 * None→null, Literal→enum, Callable→string (code passed as text). Unions merge into one `type`
 * list where that loses nothing (`Optional[List[int]]`), else become `anyOf`
 * (`Union[List[int], List[str]]`).
 *
 * Optionality (the xLAM `required` rule): a parameter is optional when its type string says so:
 * an `, optional` / `(optional)` / `default` / `= …` suffix, or a top-level type that admits None
 * (`Optional[X]`, `Union[X, None]`, `X | None`). A `default` *key* beside the type does not make a
 * parameter optional: xLAM puts example values there even on required parameters.
 */
export interface PythonTypeInfo {
  /** JSON Schema keywords: `type` first, then `items` / `prefixItems` / `minItems` / `maxItems` / `additionalProperties` / `enum`; or `anyOf`. `{}` means any value. */
  schema: JsonSchema;
  /** The type string marks the parameter optional (see the module comment). */
  optional: boolean;
}

export interface PythonTypeOptions {
  /** What an unknown type name (`np.ndarray`, `Foo`) becomes: a ToolSchemaError (default) or any value. */
  unknownType?: "error" | "any";
  /**
   * What a string that cannot be read (bad syntax, `Optional` without its type, nested or longer
   * than TOOL_LIMITS allow) becomes: a ToolSchemaError (default) or any value, optional when the
   * string mentions `optional`, `None` or a default. The grammar compiler reads raw tools so: a
   * tool never fails on its type string alone.
   */
  malformed?: "error" | "any";
  /** Told what was mapped to any value instead of failing: each unknown name, or the whole (unreadable) string. */
  onUnknown?: (name: string) => void;
}

interface Parsed {
  /** `{}` = any value. */
  schema: JsonSchema;
  /** The type admits None (`None`, `Optional[X]`, `X | None`): at top level, the parameter is optional. */
  admitsNone: boolean;
  /** The `...` of `Tuple[X, ...]`. */
  ellipsis?: boolean;
}

const ANY: JsonSchema = {};

// Python's builtin names first (lower-cased: names are read case-insensitively), then other spellings.
const PY_BUILTINS = Object.entries(JSON_TYPE_OF_PY_NAME).map(([name, type]) => [name.toLowerCase(), type] as const);
const pyBuiltinsOf = (kind: string): string[] => PY_BUILTINS.filter(([, t]) => t === kind).map(([n]) => n);
const SIMPLE: Record<string, string> = {
  ...Object.fromEntries(PY_BUILTINS.filter(([, t]) => t !== "array" && t !== "object")),
  string: "string", text: "string", char: "string", character: "string",
  uuid: "string", datetime: "string", date: "string", time: "string", path: "string",
  callable: "string", function: "string", lambda: "string",
  integer: "integer", long: "integer", short: "integer", byte: "integer", bigint: "integer",
  number: "number", double: "number", decimal: "number", real: "number",
  boolean: "boolean",
  null: "null", nil: "null",
};
const ARRAYS = new Set([...pyBuiltinsOf("array"), "array", "arraylist", "vector", "sequence", "iterable", "collection"]);
const OBJECTS = new Set([...pyBuiltinsOf("object"), "object", "mapping", "map", "hashmap", "hashtable", "json", "record", "ordereddict", "defaultdict"]);

/** "str (optional)", "float (default: 1.0)": a parenthesised note, not API-Bank's list(str) generic. */
const NOTE = /\s*\(\s*(?:optional\s*|defaults?[\s:=][^()]*)\)\s*$/i;
/** An unreadable string that says this much is taken as optional (never narrower than reading it would be). */
const MENTIONS_OPTIONAL = /\b(?:optional|none|nonetype|null|nil|defaults?)\b|=/i;

/** Failures of syntax or size, which `malformed: "any"` turns into any value (unknown names are not among them). */
const malformedErrors = new WeakSet<object>();

function malformedError(label: string, path: string, msg: string): ToolSchemaError {
  const e = new ToolSchemaError(label, path, msg, "SCHEMA_UNSUPPORTED");
  malformedErrors.add(e);
  return e;
}

export function pythonTypeToSchema(typeStr: string, label: string, path: string, options: PythonTypeOptions = {}): PythonTypeInfo {
  const unknown: string[] = [];
  let info: PythonTypeInfo;
  try {
    if (typeStr.length > TOOL_LIMITS.maxTypeStringLength) {
      throw malformedError(label, path, `type string longer than ${TOOL_LIMITS.maxTypeStringLength} characters`);
    }
    const note = NOTE.exec(typeStr);
    const body = note ? typeStr.slice(0, note.index) : typeStr;
    info = new TypeParser(body, typeStr, label, path, options, unknown).parseFull();
    if (note) info = { schema: info.schema, optional: true };
  } catch (e) {
    if (options.malformed !== "any" || !malformedErrors.has(e as object)) throw e;
    options.onUnknown?.(typeStr.length > 80 ? `${typeStr.slice(0, 80)}…` : typeStr);
    return { schema: {}, optional: MENTIONS_OPTIONAL.test(typeStr) };
  }
  for (const u of unknown) options.onUnknown?.(u);
  return info;
}

class TypeParser {
  private i = 0;
  private depth = 0;
  private inLiteral = false;

  constructor(
    private readonly s: string,
    /** The whole type string, for messages. */
    private readonly source: string,
    private readonly label: string,
    private readonly path: string,
    private readonly options: PythonTypeOptions,
    /** Unknown names met (mapped to any value), reported once the whole string has been read. */
    private readonly unknown: string[],
  ) {}

  private fail(msg: string): never {
    throw malformedError(this.label, this.path, `${msg} in type ${JSON.stringify(this.source)}`);
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }

  private peek(): string {
    this.ws();
    return this.s[this.i] ?? "";
  }

  parseFull(): PythonTypeInfo {
    if (this.s.trim() === "") this.fail("empty type");
    const top = this.parseUnion();
    let optional = top.admitsNone;
    // Suffixes after a top-level comma: ", optional", ", default=<anything>", ", required"; or a
    // signature's default: "Optional[str] = None".
    if (this.peek() === "=") {
      optional = true;
      this.i = this.s.length;
    }
    while (this.peek() === ",") {
      this.i++;
      this.ws();
      const rest = this.s.slice(this.i);
      const opt = /^optional\b/i.exec(rest);
      if (opt) {
        optional = true;
        this.i += opt[0].length;
        continue;
      }
      const req = /^required\b/i.exec(rest);
      if (req) {
        this.i += req[0].length;
        continue;
      }
      if (/^defaults?\b/i.test(rest)) {
        optional = true;
        this.i = this.s.length; // the default's text may hold commas and brackets: it ends the string
        break;
      }
      this.fail(`unexpected ${JSON.stringify(rest)} after the type`);
    }
    if (this.peek() !== "") this.fail(`unexpected ${JSON.stringify(this.s.slice(this.i))}`);
    return { schema: top.schema, optional };
  }

  /** `a | b | c` */
  private parseUnion(): Parsed {
    const parts = [this.parsePrimary()];
    while (this.peek() === "|") {
      this.i++;
      parts.push(this.parsePrimary());
    }
    if (parts.length === 1) return parts[0] as Parsed;
    return { schema: unionOf(parts.map((p) => p.schema)), admitsNone: parts.some((p) => p.admitsNone) };
  }

  private parsePrimary(): Parsed {
    if (++this.depth > TOOL_LIMITS.maxSchemaDepth) this.fail("type nested too deeply");
    try {
      const c = this.peek();
      if (c === "[") {
        // Callable's parameter list: `[[int, str], bool]`: consumed, not mapped.
        this.i++;
        if (this.peek() !== "]") this.parseArgs("]");
        else this.i++;
        return { schema: ANY, admitsNone: false };
      }
      if (this.s.startsWith("...", this.i)) {
        this.i += 3;
        return { schema: ANY, admitsNone: false, ellipsis: true };
      }
      if (this.inLiteral) {
        const lit = this.tryLiteral();
        if (lit !== undefined) return { schema: literalSchema([lit.value]), admitsNone: lit.value === null };
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(this.s.slice(this.i));
      if (!m) this.fail(c === "" ? "unexpected end" : `unexpected ${JSON.stringify(c)}`);
      this.i += m[0].length;
      const name = (m[0].split(".").pop() as string).toLowerCase();
      let args: Parsed[] | null = null;
      const open = this.peek();
      if (open === "[" || open === "(") {
        this.i++;
        const close = open === "[" ? "]" : ")";
        const outer = this.inLiteral;
        this.inLiteral = name === "literal";
        try {
          args = this.peek() === close ? (this.i++, []) : this.parseArgs(close);
        } finally {
          this.inLiteral = outer;
        }
      } else if (this.inLiteral && this.options.unknownType === "any" && ownValue(SIMPLE, name) !== "null") {
        // `Literal[asc, desc]`, an enum member `Literal[Color.RED]`: read leniently as the name's text.
        return { schema: literalSchema([m[0]]), admitsNone: false };
      }
      return this.apply(name, m[0], args);
    } finally {
      this.depth--;
    }
  }

  /** Comma-separated types up to and including `close`. */
  private parseArgs(close: string): Parsed[] {
    const out = [this.parseUnion()];
    while (this.peek() === ",") {
      this.i++;
      out.push(this.parseUnion());
    }
    if (this.peek() !== close) this.fail(`expected ${JSON.stringify(close)}`);
    this.i++;
    return out;
  }

  private tryLiteral(): { value: unknown } | undefined {
    const rest = this.s.slice(this.i);
    const str = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/.exec(rest);
    if (str) {
      this.i += str[0].length;
      return { value: (str[1] ?? str[2] ?? "").replace(/\\(.)/g, "$1") };
    }
    const num = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![A-Za-z_])/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return { value: Number(num[0]) };
    }
    const kw = /^(True|False)\b/.exec(rest);
    if (kw) {
      this.i += kw[0].length;
      return { value: kw[1] === "True" };
    }
    return undefined;
  }

  private apply(name: string, raw: string, args: Parsed[] | null): Parsed {
    const a = args ?? [];
    if (name === "optional") {
      if (a.length !== 1) this.fail("Optional takes one type");
      return { schema: unionOf([(a[0] as Parsed).schema, { type: "null" }]), admitsNone: true };
    }
    if (name === "union") {
      if (a.length === 0) this.fail("Union needs types");
      return { schema: unionOf(a.map((x) => x.schema)), admitsNone: a.some((x) => x.admitsNone) };
    }
    if (name === "literal") {
      const values: unknown[] = [];
      for (const x of a) {
        if (Array.isArray(x.schema.enum)) values.push(...x.schema.enum);
        else if (isExactly(x.schema, "null")) values.push(null);
        else this.fail("Literal takes literal values");
      }
      if (values.length === 0) this.fail("Literal takes literal values");
      return { schema: literalSchema(values), admitsNone: values.includes(null) };
    }
    if (name === "any") return { schema: ANY, admitsNone: false };
    if (ARRAYS.has(name)) return { schema: arraySchema(name, a), admitsNone: false };
    if (OBJECTS.has(name)) {
      const v = a.length === 2 ? (a[1] as Parsed).schema : ANY;
      return { schema: isAny(v) ? { type: "object" } : { type: "object", additionalProperties: v }, admitsNone: false };
    }
    const simple = ownValue(SIMPLE, name);
    if (simple !== undefined) return { schema: { type: simple }, admitsNone: simple === "null" };
    if (this.options.unknownType === "any") {
      this.unknown.push(raw);
      return { schema: ANY, admitsNone: false };
    }
    throw new ToolSchemaError(this.label, this.path, `unknown type name ${JSON.stringify(raw)} in type ${JSON.stringify(this.source)}`, "SCHEMA_UNSUPPORTED");
  }
}

/** `List[X]`, `Set[X]`, `Tuple[X, ...]`: items X. `Tuple[X, Y]`: exactly those positions. Mixed or Any elements stay open. */
function arraySchema(name: string, args: Parsed[]): JsonSchema {
  const elems = args.filter((x) => !x.ellipsis).map((x) => x.schema);
  const keys = elems.map((s) => JSON.stringify(s));
  const same = elems.length > 0 && keys.every((k) => k === keys[0]);
  const out: JsonSchema = { type: "array" };
  if (name === "tuple" && elems.length > 1 && !args.some((x) => x.ellipsis)) {
    if (!same) out.prefixItems = elems;
    else if (!isAny(elems[0] as JsonSchema)) out.items = elems[0];
    out.minItems = elems.length;
    out.maxItems = elems.length;
    return out;
  }
  if (same && !isAny(elems[0] as JsonSchema)) out.items = elems[0];
  return out;
}

function isAny(s: JsonSchema): boolean {
  return Object.keys(s).length === 0;
}

function isExactly(s: JsonSchema, type: string): boolean {
  return s.type === type && Object.keys(s).length === 1;
}

function typesOf(s: JsonSchema): string[] {
  return typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : [];
}

function valueType(v: unknown): string {
  return v === null ? "null" : typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v === "boolean" ? "boolean" : "string";
}

function typeKeyword(types: string[]): string | string[] {
  const t = types.includes("number") ? types.filter((x) => x !== "integer") : types;
  return t.length === 1 ? (t[0] as string) : t;
}

function literalSchema(values: unknown[]): JsonSchema {
  const types: string[] = [];
  for (const v of values) if (!types.includes(valueType(v))) types.push(valueType(v));
  return { type: typeKeyword(types), enum: values };
}

/** Keywords that constrain only one type: members of a union must agree on them to share a `type` list. */
const CONTAINER_KEYWORDS: ReadonlyArray<[string, readonly string[]]> = [
  ["array", ["items", "prefixItems", "minItems", "maxItems"]],
  ["object", ["additionalProperties"]],
];

/**
 * Union of schemas: one `type` list (with the containers' keywords, Literal values as one enum)
 * where that says exactly the same, else `anyOf`.
 */
function unionOf(parts: JsonSchema[]): JsonSchema {
  if (parts.length === 1) return parts[0] as JsonSchema;
  if (parts.some(isAny)) return ANY;
  let flat = parts.flatMap((p) => (Array.isArray(p.anyOf) ? (p.anyOf as JsonSchema[]) : [p]));
  const hasEnum = (p: JsonSchema): boolean => Array.isArray(p.enum);
  if (flat.some(hasEnum) && !flat.every(hasEnum)) {
    // None and bool are finite, so `Optional[Literal['a']]` is one enum; Literal values a plain member admits add nothing.
    const finite = flat.map((p) => (isExactly(p, "null") ? literalSchema([null]) : isExactly(p, "boolean") ? literalSchema([true, false]) : p));
    if (finite.every(hasEnum)) flat = finite;
    else {
      const plain = flat.filter((p) => !hasEnum(p)).flatMap(typesOf);
      const admitted = (v: unknown): boolean => plain.includes(valueType(v)) || (valueType(v) === "integer" && plain.includes("number"));
      flat = flat.filter((p) => !hasEnum(p) || !(p.enum as unknown[]).every(admitted));
    }
  }
  if (flat.length === 1) return flat[0] as JsonSchema;
  if (flat.every(hasEnum)) {
    const seen = new Set<string>();
    const values = flat.flatMap((p) => p.enum as unknown[]).filter((v) => !seen.has(JSON.stringify(v)) && seen.add(JSON.stringify(v)));
    return literalSchema(values);
  }
  if (flat.some(hasEnum)) return { anyOf: flat };
  const types: string[] = [];
  for (const p of flat) for (const t of typesOf(p)) if (!types.includes(t)) types.push(t);
  const out: JsonSchema = { type: typeKeyword(types) };
  for (const [type, keywords] of CONTAINER_KEYWORDS) {
    const bundles = flat.filter((p) => typesOf(p).includes(type)).map((p) => keywords.filter((k) => k in p).map((k) => [k, p[k]] as const));
    if (bundles.length === 0 || bundles.some((b) => b.length === 0)) continue; // a member without them leaves the container open
    const first = JSON.stringify(bundles[0]);
    if (!bundles.every((b) => JSON.stringify(b) === first)) return { anyOf: flat };
    for (const [k, v] of bundles[0] as ReadonlyArray<readonly [string, unknown]>) out[k] = v;
  }
  return out;
}
