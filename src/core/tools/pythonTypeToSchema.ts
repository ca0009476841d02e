import { ToolSchemaError } from "../errors.js";
import type { JsonSchema } from "../types.js";
import { ownValue } from "./copyEntry.js";
import { TOOL_LIMITS } from "./limits.js";

/**
 * Python-style type strings of the flat tool formats (xLAM, API-Bank, Seal-Tools, ToolAlpaca) to
 * JSON Schema. Accepted: builtin and `typing` names (`str`, `int`, `float`, `bool`, `list`,
 * `dict`, `tuple`, `set`, `Any`, `None`, `Callable`), generics in brackets or API-Bank's parens
 * (`List[int]`, `list(str)`, `Dict[str, Any]`, `Tuple[float, float]`, `Optional[str]`,
 * `Union[int, str]`, `Literal['a', 'b']`, `Callable[[float], float]`), PEP 604 unions
 * (`int | None`), JSON Schema names (`string`, `integer`, `number`, …) and the suffixes
 * `, optional`, `, default=…` and ` (optional)`.
 *
 * Mapping: str→string, int→integer, float→number, bool→boolean, list/tuple/set→array (with
 * `items` when the element type is known and not Any), dict→object (with `additionalProperties`
 * for `Dict[str, V]` when V is not Any), Any→no `type` (anything), None→null, Literal→enum,
 * Callable→string (code passed as text). Unions merge their types; where two members constrain
 * the same container differently (`Union[List[int], List[str]]`) the element schema is dropped,
 * so the result may accept more than the Python type but never less.
 *
 * Optionality (the xLAM `required` rule): a parameter is optional when its type string says so:
 * a `, optional` or `(optional)` suffix, a `default=` suffix, or a top-level type that admits None
 * (`Optional[X]`, `Union[X, None]`, `X | None`). A `default` *key* beside the type does not make a
 * parameter optional: xLAM puts example values there even on required parameters.
 */
export interface PythonTypeInfo {
  /** JSON Schema keywords: `type` first, then `items` / `additionalProperties` / `enum`. `{}` means any value. */
  schema: JsonSchema;
  /** The type string marks the parameter optional (see the module comment). */
  optional: boolean;
}

export interface PythonTypeOptions {
  /** What an unknown type name (`np.ndarray`, `Foo`) becomes: a ToolSchemaError (default) or any value. */
  unknownType?: "error" | "any";
}

type Shape = { any: true } | { any?: false; types: string[]; items?: JsonSchema | null; additional?: JsonSchema | null; enum?: unknown[] | null };

const ANY: Shape = { any: true };

interface Parsed {
  shape: Shape;
  /** The type admits None (`None`, `Optional[X]`, `X | None`): at top level, the parameter is optional. */
  admitsNone: boolean;
  /** The `...` of `Tuple[X, ...]`. */
  ellipsis?: boolean;
}

const SIMPLE: Record<string, string> = {
  str: "string", string: "string", char: "string", bytes: "string", bytearray: "string", text: "string",
  datetime: "string", date: "string", time: "string", path: "string",
  int: "integer", integer: "integer", long: "integer",
  float: "number", number: "number", double: "number", decimal: "number",
  bool: "boolean", boolean: "boolean",
  none: "null", nonetype: "null", null: "null",
  callable: "string", function: "string", lambda: "string",
};
const ARRAYS = new Set(["list", "array", "tuple", "set", "frozenset", "sequence", "iterable", "collection"]);
const OBJECTS = new Set(["dict", "object", "mapping", "json", "ordereddict", "defaultdict"]);

export function pythonTypeToSchema(typeStr: string, label: string, path: string, options: PythonTypeOptions = {}): PythonTypeInfo {
  if (typeStr.length > TOOL_LIMITS.maxTypeStringLength) {
    throw new ToolSchemaError(label, path, `type string longer than ${TOOL_LIMITS.maxTypeStringLength} characters`, "SCHEMA_UNSUPPORTED");
  }
  // "str (optional)": a parenthesised note, not API-Bank's list(str) generic
  const note = /\s*\(\s*optional\s*\)\s*$/i.exec(typeStr);
  const body = note ? typeStr.slice(0, note.index) : typeStr;
  const info = new TypeParser(body, typeStr, label, path, options).parseFull();
  return note ? { schema: info.schema, optional: true } : info;
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
  ) {}

  private fail(msg: string): never {
    throw new ToolSchemaError(this.label, this.path, `${msg} in type ${JSON.stringify(this.source)}`, "SCHEMA_UNSUPPORTED");
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
    // Suffixes after a top-level comma: ", optional", ", default=<anything>", ", required".
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
    return { schema: shapeToSchema(top.shape), optional };
  }

  /** `a | b | c` */
  private parseUnion(): Parsed {
    const parts = [this.parsePrimary()];
    while (this.peek() === "|") {
      this.i++;
      parts.push(this.parsePrimary());
    }
    if (parts.length === 1) return parts[0] as Parsed;
    return { shape: mergeShapes(parts.map((p) => p.shape)), admitsNone: parts.some((p) => p.admitsNone) };
  }

  private parsePrimary(): Parsed {
    if (++this.depth > 32) this.fail("type nested too deeply");
    try {
      const c = this.peek();
      if (c === "[") {
        // Callable's parameter list: `[[int, str], bool]`: consumed, not mapped.
        this.i++;
        if (this.peek() !== "]") this.parseArgs("]");
        else this.i++;
        return { shape: ANY, admitsNone: false };
      }
      if (this.s.startsWith("...", this.i)) {
        this.i += 3;
        return { shape: ANY, admitsNone: false, ellipsis: true };
      }
      if (this.inLiteral) {
        const lit = this.tryLiteral();
        if (lit !== undefined) return { shape: literalShape([lit.value]), admitsNone: lit.value === null };
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
      return { shape: mergeShapes([(a[0] as Parsed).shape, { types: ["null"] }]), admitsNone: true };
    }
    if (name === "union") {
      if (a.length === 0) this.fail("Union needs types");
      return { shape: mergeShapes(a.map((x) => x.shape)), admitsNone: a.some((x) => x.admitsNone) };
    }
    if (name === "literal") {
      const values: unknown[] = [];
      for (const x of a) {
        const sh = x.shape;
        if (!sh.any && Array.isArray(sh.enum)) values.push(...sh.enum);
        else if (!sh.any && sh.types.length === 1 && sh.types[0] === "null") values.push(null);
        else this.fail("Literal takes literal values");
      }
      return { shape: literalShape(values), admitsNone: values.includes(null) };
    }
    if (name === "any") return { shape: ANY, admitsNone: false };
    if (ARRAYS.has(name)) {
      // One element type: List[X], Set[X], Tuple[X, ...], Tuple[X, X]. Mixed tuples and Any stay open.
      const elems = a.filter((x) => !x.ellipsis);
      const schemas = elems.map((x) => (x.shape.any ? null : JSON.stringify(shapeToSchema(x.shape))));
      const first = schemas[0];
      const items = first != null && schemas.every((x) => x === first) ? (JSON.parse(first) as JsonSchema) : undefined;
      return { shape: items ? { types: ["array"], items } : { types: ["array"] }, admitsNone: false };
    }
    if (OBJECTS.has(name)) {
      const v = a.length === 2 ? (a[1] as Parsed).shape : ANY;
      return { shape: v.any ? { types: ["object"] } : { types: ["object"], additional: shapeToSchema(v) }, admitsNone: false };
    }
    const simple = ownValue(SIMPLE, name);
    if (simple !== undefined) return { shape: { types: [simple] }, admitsNone: simple === "null" };
    if (this.options.unknownType === "any") return { shape: ANY, admitsNone: false };
    this.fail(`unknown type name ${JSON.stringify(raw)}`);
  }
}

function literalShape(values: unknown[]): Shape {
  const types: string[] = [];
  for (const v of values) {
    const t = v === null ? "null" : typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v === "boolean" ? "boolean" : "string";
    if (!types.includes(t)) types.push(t);
  }
  if (types.includes("integer") && types.includes("number")) types.splice(types.indexOf("integer"), 1);
  return { types, enum: values };
}

/** Union of shapes; sub-schemas that disagree are dropped (accept more, never less). */
function mergeShapes(shapes: Shape[]): Shape {
  if (shapes.some((s) => s.any)) return ANY;
  const out: { types: string[]; items?: JsonSchema | null; additional?: JsonSchema | null; enum?: unknown[] | null } = { types: [] };
  const allEnums = shapes.every((s) => !s.any && Array.isArray(s.enum));
  for (const s of shapes as Array<Exclude<Shape, { any: true }>>) {
    for (const t of s.types) if (!out.types.includes(t)) out.types.push(t);
    if (s.types.includes("array")) out.items = mergeSub(out.items, s.items ?? null);
    if (s.types.includes("object")) out.additional = mergeSub(out.additional, s.additional ?? null);
  }
  if (out.types.includes("integer") && out.types.includes("number")) out.types.splice(out.types.indexOf("integer"), 1);
  if (allEnums) out.enum = shapes.flatMap((s) => (s.any ? [] : (s.enum ?? [])));
  return out;
}

/** Two constraints on the same container type: keep one only when they agree (null = unconstrained). */
function mergeSub(a: JsonSchema | null | undefined, b: JsonSchema | null): JsonSchema | null {
  if (a === undefined) return b;
  if (a === null || b === null) return null;
  return JSON.stringify(a) === JSON.stringify(b) ? a : null;
}

function shapeToSchema(shape: Shape): JsonSchema {
  if (shape.any) return {};
  const out: JsonSchema = { type: shape.types.length === 1 ? shape.types[0] : [...shape.types] };
  if (shape.items) out.items = shape.items;
  if (shape.additional) out.additionalProperties = shape.additional;
  if (shape.enum) out.enum = shape.enum;
  return out;
}
