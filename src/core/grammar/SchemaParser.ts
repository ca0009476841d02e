import { ToolSchemaError } from "../errors.js";
import { isFloatAt } from "../json/index.js";
import { GrammarLimitError } from "./errors.js";
import type { ArrayNode, ConstValue, ObjectNode, PropertyNode, SchemaNode, StringFormat } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { mergeAllOf, type MergeHooks } from "./mergeAllOf.js";
import { constTypes, pairwiseDisjoint } from "./pairwiseDisjoint.js";
import { expandTypeString, hasConstraints, isPlainObject, JSON_TYPES, stableKey } from "./schemaKeywords.js";

/** Where a schema lives: its tool (for messages), its JSON pointer, and the root its `$ref`s resolve against. */
export interface SchemaScope {
  toolName: string;
  /** Pointer of the schema root inside the tool, e.g. `/parameters`. */
  basePath: string;
  root: unknown;
  /** Unique per root, so equal pointers of two tools stay apart. */
  refPrefix: string;
  /** Rule-name stem for this root's definitions. */
  hint: string;
}

/** A `$ref` target, parsed once; recursion goes through its id. */
export interface DefEntry {
  id: string;
  path: string;
  hint: string;
  /** null while it is being parsed (a recursive reference sees it so). */
  node: SchemaNode | null;
}

const ANY: SchemaNode = { kind: "any" };
const NEVER: SchemaNode = { kind: "never" };
const NULL: SchemaNode = { kind: "null" };
const BOOLEAN: SchemaNode = { kind: "boolean" };

const FORMATS: ReadonlySet<string> = new Set(["date", "time", "date-time", "uuid", "email"]);
/** Constraints the grammar cannot express: dropped (the language widens) and reported. */
const UNSUPPORTED = [
  "not", "if", "then", "else", "dependentSchemas", "dependencies", "dependentRequired", "patternProperties",
  "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contains", "minContains", "maxContains",
  "uniqueItems", "multipleOf", "pattern",
];
const OBJECT_KEYS = ["properties", "additionalProperties", "required", "patternProperties", "minProperties", "maxProperties", "propertyNames"];
const ARRAY_KEYS = ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "contains", "uniqueItems"];
const STRING_KEYS = ["minLength", "maxLength", "pattern", "format"];
const NUMBER_KEYS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
/** Largest integer the digit cap lets the grammar write. */
const INT_CAP = 10n ** BigInt(GRAMMAR_LIMITS.maxIntegerDigits) - 1n;

/**
 * Pass 1 of the compiler: validates a JSON Schema once and turns it into the IR. Malformed
 * schemas throw {@link ToolSchemaError} naming the tool and JSON pointer; constraints the grammar
 * cannot express widen the language and are reported once each in {@link warnings}.
 */
export class SchemaParser {
  readonly defs = new Map<string, DefEntry>();
  private readonly warningSet = new Set<string>();
  private nodeCount = 0;

  get warnings(): string[] {
    return [...this.warningSet];
  }

  /** Parse the schema at a scope's root (or `schema`, which must live under that root). */
  parseRoot(scope: SchemaScope, schema: unknown = scope.root): SchemaNode {
    const node = this.parse(schema, scope.basePath, 0, scope);
    this.checkRefCycles(scope);
    return node;
  }

  warn(scope: SchemaScope, path: string, message: string): void {
    this.warningSet.add(`${scope.toolName}${path}: ${message}`);
  }

  /** Follow refs to a concrete node (null while a target is still being parsed). */
  resolve(node: SchemaNode): SchemaNode | null {
    let n: SchemaNode | null = node;
    for (let hops = 0; n && n.kind === "ref"; hops++) {
      if (hops > this.defs.size) return null;
      n = this.defs.get(n.id)?.node ?? null;
    }
    return n;
  }

  private invalid(scope: SchemaScope, path: string, message: string, code: "SCHEMA_INVALID" | "SCHEMA_UNSUPPORTED" = "SCHEMA_INVALID"): ToolSchemaError {
    return new ToolSchemaError(scope.toolName, path, message, code);
  }

  private parse(s: unknown, path: string, depth: number, scope: SchemaScope): SchemaNode {
    if (++this.nodeCount > GRAMMAR_LIMITS.maxSchemaNodes) {
      throw new GrammarLimitError("number of schema nodes", GRAMMAR_LIMITS.maxSchemaNodes, `${scope.toolName}${path}`);
    }
    if (depth > GRAMMAR_LIMITS.maxSchemaDepth) {
      throw new GrammarLimitError("schema nesting depth", GRAMMAR_LIMITS.maxSchemaDepth, `${scope.toolName}${path}`);
    }
    if (s === true) return ANY;
    if (s === false) return NEVER;
    if (!isPlainObject(s)) throw this.invalid(scope, path, `a schema must be an object or a boolean, got ${describe(s)}`);

    if ("$ref" in s) {
      if (typeof s.$ref !== "string") throw this.invalid(scope, `${path}/$ref`, "$ref must be a string");
      if (hasConstraints(s, ["$ref"])) {
        const { $ref, ...rest } = s;
        return this.parseAllOf([{ $ref }, rest], path, depth, scope);
      }
      return this.ref(s.$ref, `${path}/$ref`, depth, scope);
    }
    if ("allOf" in s) {
      const parts = this.schemaList(s.allOf, `${path}/allOf`, scope);
      const { allOf: _drop, ...rest } = s;
      return this.parseAllOf([rest, ...parts], path, depth, scope);
    }
    const typed = expandTypeString(s);
    if (typed.unknown.length > 0) {
      this.warn(scope, `${path}/type`, `unknown type ${typed.unknown.map((u) => JSON.stringify(u)).join(", ")}; any value accepted (widened)`);
    }
    const schema = typed.schema;
    if (schema !== s) return this.parse(schema, path, depth + 1, scope);
    if ("anyOf" in schema || "oneOf" in schema) return this.parseAlternatives(schema, path, depth, scope);

    this.warnUnsupported(schema, path, scope);
    let node: SchemaNode;
    if ("enum" in schema || "const" in schema) node = this.parseConst(schema, path, depth, scope);
    else node = anyOf(this.kinds(schema, path, scope).map((k) => this.parseKind(k, schema, path, depth, scope)));
    if (schema.nullable === true && node.kind !== "const") node = anyOf([node, NULL]);
    return node;
  }

  private schemaList(v: unknown, path: string, scope: SchemaScope): unknown[] {
    if (!Array.isArray(v) || v.length === 0) throw this.invalid(scope, path, "must be a non-empty array of schemas");
    if (v.length > GRAMMAR_LIMITS.maxAlternatives) {
      throw new GrammarLimitError("number of schemas in a combinator", GRAMMAR_LIMITS.maxAlternatives, `${scope.toolName}${path}`);
    }
    v.forEach((x, i) => {
      if (!isPlainObject(x) && typeof x !== "boolean") throw this.invalid(scope, `${path}/${i}`, `a schema must be an object or a boolean, got ${describe(x)}`);
    });
    return v;
  }

  private hooks(path: string, scope: SchemaScope): MergeHooks {
    return {
      resolve: (ref) => {
        const pointer = this.pointerOf(ref, `${path}/$ref`, scope);
        return { schema: this.target(pointer, `${path}/$ref`, scope), id: scope.refPrefix + pointer };
      },
      warn: (keyword, message) => this.warn(scope, `${path}/${keyword}`, message),
    };
  }

  private parseAllOf(parts: unknown[], path: string, depth: number, scope: SchemaScope): SchemaNode {
    const merged = mergeAllOf(parts, this.hooks(path, scope));
    if (merged === false) return NEVER;
    return this.parse(merged, path, depth + 1, scope);
  }

  private pointerOf(ref: string, path: string, scope: SchemaScope): string {
    if (!ref.startsWith("#")) throw this.invalid(scope, path, `only local $ref ("#/…") is supported, got ${JSON.stringify(ref)}`, "SCHEMA_UNSUPPORTED");
    let pointer: string;
    try {
      pointer = decodeURIComponent(ref.slice(1));
    } catch {
      throw this.invalid(scope, path, `malformed $ref ${JSON.stringify(ref)}`);
    }
    if (pointer !== "" && !pointer.startsWith("/")) {
      throw this.invalid(scope, path, `$ref anchors are not supported (${JSON.stringify(ref)})`, "SCHEMA_UNSUPPORTED");
    }
    return pointer;
  }

  private target(pointer: string, path: string, scope: SchemaScope): unknown {
    let cur: unknown = scope.root;
    for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if ((isPlainObject(cur) || Array.isArray(cur)) && Object.prototype.hasOwnProperty.call(cur, key)) {
        cur = (cur as Record<string, unknown>)[key];
      } else throw this.invalid(scope, path, `$ref "#${pointer}" points to nothing`);
    }
    return cur;
  }

  private ref(ref: string, path: string, depth: number, scope: SchemaScope): SchemaNode {
    const pointer = this.pointerOf(ref, path, scope);
    const id = scope.refPrefix + pointer;
    if (!this.defs.has(id)) {
      const target = this.target(pointer, path, scope);
      const last = pointer.split("/").pop() || "root";
      const entry: DefEntry = { id, path: scope.basePath + pointer, hint: `${scope.hint}-${last}`, node: null };
      this.defs.set(id, entry);
      entry.node = this.parse(target, entry.path, depth + 1, scope);
    }
    return { kind: "ref", id };
  }

  private parseAlternatives(s: Record<string, unknown>, path: string, depth: number, scope: SchemaScope): SchemaNode {
    if ("anyOf" in s && "oneOf" in s) {
      const { anyOf: a, oneOf: o, ...rest } = s;
      return this.parseAllOf([rest, { anyOf: a }, { oneOf: o }], path, depth, scope);
    }
    const key = "anyOf" in s ? "anyOf" : "oneOf";
    const list = this.schemaList(s[key], `${path}/${key}`, scope);
    const { [key]: _drop, ...base } = s;
    const constrained = hasConstraints(base, []);
    const options = list.map((o, i) => {
      const p = `${path}/${key}/${i}`;
      return constrained ? this.parseAllOf([base, o], p, depth + 1, scope) : this.parse(o, p, depth + 1, scope);
    });
    if (key === "oneOf" && !pairwiseDisjoint(options, (n) => this.resolve(n))) {
      this.warn(scope, `${path}/oneOf`, "oneOf options may overlap; treated as anyOf (widened)");
    }
    return anyOf(options);
  }

  private parseConst(s: Record<string, unknown>, path: string, depth: number, scope: SchemaScope): SchemaNode {
    let values: ConstValue[];
    if ("enum" in s) {
      if (!Array.isArray(s.enum)) throw this.invalid(scope, `${path}/enum`, "enum must be an array");
      if (s.enum.length > GRAMMAR_LIMITS.maxEnumValues) {
        throw new GrammarLimitError("number of enum values", GRAMMAR_LIMITS.maxEnumValues, `${scope.toolName}${path}/enum`);
      }
      const e = s.enum as unknown[];
      values = e.map((v, i) => this.toConst(v, e, i, `${path}/enum/${i}`, scope, 0));
      if ("const" in s) {
        const c = stableKey(s.const);
        values = values.filter((_, i) => stableKey(e[i]) === c);
      }
    } else values = [this.toConst(s.const, s, "const", `${path}/const`, scope, 0)];
    const kinds = s.type === undefined ? null : this.kinds(s, path, scope);
    if (kinds) {
      const typed = values.filter((v) => kinds.includes("any") || kinds.some((k) => constHasType(v, k)));
      if (typed.length === 0 && values.length > 0) return this.enumTypeMismatch(s, path, depth, scope, kinds);
      values = typed;
    }
    if (s.nullable === true && !values.includes(null)) values.push(null);
    const seen = new Set<string>();
    values = values.filter((v) => {
      const k = stableKey(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return values.length === 0 ? NEVER : { kind: "const", values };
  }

  /**
   * Real tools write enums that contradict their type (BFCL: `{"type": "integer", "enum": ["1", …]}`,
   * an array whose enum lists item values). Strictly that admits nothing; we repair the array
   * case (the enum applies to the items) and otherwise keep the type and drop the enum, with a warning.
   */
  private enumTypeMismatch(s: Record<string, unknown>, path: string, depth: number, scope: SchemaScope, kinds: string[]): SchemaNode {
    const { enum: e, const: c, ...rest } = s;
    const values: unknown[] = "enum" in s ? (e as unknown[]) : [c];
    if (kinds.length === 1 && kinds[0] === "array" && values.every((v) => !Array.isArray(v))) {
      this.warn(scope, `${path}/enum`, "enum of an array lists item values; applied to the items");
      const items = rest.items === undefined ? { enum: values } : { allOf: [rest.items, { enum: values }] };
      return this.parse({ ...rest, items }, path, depth + 1, scope);
    }
    this.warn(scope, `${path}/enum`, `no enum value has type ${kinds.join("/")}; enum ignored (widened)`);
    return this.parse(rest, path, depth + 1, scope);
  }

  private toConst(v: unknown, container: object, key: string | number, path: string, scope: SchemaScope, depth: number): ConstValue {
    if (depth > GRAMMAR_LIMITS.maxSchemaDepth) {
      throw new GrammarLimitError("nesting depth of a const/enum value", GRAMMAR_LIMITS.maxSchemaDepth, `${scope.toolName}${path}`);
    }
    if (v === null || typeof v === "boolean") return v;
    if (typeof v === "string") {
      if (!isWellFormed(v)) throw this.invalid(scope, path, "string holds a lone surrogate");
      return v;
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw this.invalid(scope, path, "number must be finite");
      return { num: v, float: isFloatAt(container, key) };
    }
    if (Array.isArray(v)) return v.map((x, i) => this.toConst(x, v, i, `${path}/${i}`, scope, depth + 1));
    if (isPlainObject(v)) {
      return {
        obj: Object.keys(v).map((k): [string, ConstValue] => {
          if (!isWellFormed(k)) throw this.invalid(scope, path, "key holds a lone surrogate");
          return [k, this.toConst(v[k], v, k, `${path}/${escapePointer(k)}`, scope, depth + 1)];
        }),
      };
    }
    throw this.invalid(scope, path, `not a JSON value: ${describe(v)}`);
  }

  /** The JSON types a schema admits; missing `type` is inferred from the keywords present. */
  private kinds(s: Record<string, unknown>, path: string, scope: SchemaScope): string[] {
    let kinds: string[];
    if (s.type === undefined) {
      // a boolean `required` is Seal-Tools' property marker, not the object keyword
      const has = (keys: string[]): boolean => keys.some((k) => k in s && !(k === "required" && typeof s[k] === "boolean"));
      kinds = [];
      if (has(OBJECT_KEYS)) kinds.push("object");
      if (has(ARRAY_KEYS)) kinds.push("array");
      if (has(STRING_KEYS)) kinds.push("string");
      if (has(NUMBER_KEYS)) kinds.push("number");
      if (kinds.length === 0) kinds.push("any");
    } else {
      const list = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : null;
      if (list === null || list.length === 0 || !list.every((t) => typeof t === "string" && JSON_TYPES.includes(t))) {
        throw this.invalid(scope, `${path}/type`, `type must be a JSON type or a non-empty list of them, got ${describe(s.type)}`);
      }
      kinds = [...new Set(list as string[])];
    }
    if (kinds.includes("number")) kinds = kinds.filter((k) => k !== "integer");
    return kinds;
  }

  private parseKind(kind: string, s: Record<string, unknown>, path: string, depth: number, scope: SchemaScope): SchemaNode {
    switch (kind) {
      case "null":
        return NULL;
      case "boolean":
        return BOOLEAN;
      case "integer":
        return this.parseInteger(s, path, scope);
      case "number":
        return this.parseNumber(s, path, scope);
      case "string":
        return this.parseString(s, path, scope);
      case "array":
        return this.parseArray(s, path, depth, scope);
      case "object":
        return this.parseObject(s, path, depth, scope);
      default:
        return ANY;
    }
  }

  private num(s: Record<string, unknown>, key: string, path: string, scope: SchemaScope): number | boolean | undefined {
    const v = s[key];
    if (v === undefined) return undefined;
    if (typeof v === "boolean" && (key === "exclusiveMinimum" || key === "exclusiveMaximum")) return v;
    if (typeof v !== "number" || !Number.isFinite(v)) throw this.invalid(scope, `${path}/${key}`, `${key} must be a finite number`);
    return v;
  }

  private parseInteger(s: Record<string, unknown>, path: string, scope: SchemaScope): SchemaNode {
    const min = this.num(s, "minimum", path, scope) as number | undefined;
    const max = this.num(s, "maximum", path, scope) as number | undefined;
    const xmin = this.num(s, "exclusiveMinimum", path, scope);
    const xmax = this.num(s, "exclusiveMaximum", path, scope);
    let lo: bigint | null = null;
    let hi: bigint | null = null;
    const raise = (v: bigint): void => {
      lo = lo === null || v > lo ? v : lo;
    };
    const lower = (v: bigint): void => {
      hi = hi === null || v < hi ? v : hi;
    };
    // draft-04 writes exclusiveness as a boolean beside minimum/maximum
    if (min !== undefined) raise(xmin === true ? BigInt(Math.floor(min)) + 1n : BigInt(Math.ceil(min)));
    if (typeof xmin === "number") raise(BigInt(Math.floor(xmin)) + 1n);
    if (max !== undefined) lower(xmax === true ? BigInt(Math.ceil(max)) - 1n : BigInt(Math.floor(max)));
    if (typeof xmax === "number") lower(BigInt(Math.ceil(xmax)) - 1n);
    const l = lo as bigint | null;
    const h = hi as bigint | null;
    if (l !== null && h !== null && l > h) throw this.invalid(scope, path, `no integer satisfies the bounds [${l}, ${h}]`);
    if ((l !== null && l > INT_CAP) || (h !== null && h < -INT_CAP)) {
      throw this.invalid(scope, path, `integer bounds lie beyond the ${GRAMMAR_LIMITS.maxIntegerDigits}-digit limit`, "SCHEMA_UNSUPPORTED");
    }
    return { kind: "integer", min: l !== null && l > -INT_CAP ? l : null, max: h !== null && h < INT_CAP ? h : null };
  }

  private parseNumber(s: Record<string, unknown>, path: string, scope: SchemaScope): SchemaNode {
    const min = this.num(s, "minimum", path, scope) as number | undefined;
    const xmin = this.num(s, "exclusiveMinimum", path, scope);
    const hasMax = this.num(s, "maximum", path, scope) !== undefined || this.num(s, "exclusiveMaximum", path, scope) !== undefined;
    let sign: "any" | "nonNegative" | "positive" = "any";
    let exact = true;
    const floor = typeof xmin === "number" ? xmin : min;
    const strict = typeof xmin === "number" || xmin === true;
    if (floor !== undefined) {
      if (floor === 0) sign = strict ? "positive" : "nonNegative";
      else if (floor > 0) {
        sign = "positive"; // a superset of [floor, ∞)
        exact = false;
      } else exact = false;
    }
    if (hasMax) exact = false;
    if (!exact) this.warn(scope, path, "numeric bounds other than minimum 0 are not enforced on numbers (widened)");
    return { kind: "number", sign };
  }

  private count(s: Record<string, unknown>, key: string, path: string, scope: SchemaScope): number | undefined {
    const v = s[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw this.invalid(scope, `${path}/${key}`, `${key} must be a non-negative integer`);
    return v;
  }

  private parseString(s: Record<string, unknown>, path: string, scope: SchemaScope): SchemaNode {
    let min = this.count(s, "minLength", path, scope) ?? 0;
    let max: number | null = this.count(s, "maxLength", path, scope) ?? null;
    if (max !== null && min > max) throw this.invalid(scope, path, `minLength ${min} exceeds maxLength ${max}`);
    let format: StringFormat | null = null;
    if (s.format !== undefined) {
      if (typeof s.format !== "string") throw this.invalid(scope, `${path}/format`, "format must be a string");
      if (FORMATS.has(s.format)) format = s.format as StringFormat;
      else this.warn(scope, `${path}/format`, `format ${JSON.stringify(s.format)} is not enforced (widened)`);
    }
    if (format !== null) {
      if (s.minLength !== undefined || s.maxLength !== undefined) this.warn(scope, path, `minLength/maxLength are not enforced together with format ${format} (widened)`);
      return { kind: "string", minLength: 0, maxLength: null, format };
    }
    const bound = GRAMMAR_LIMITS.maxStringLengthBound;
    if (max !== null && max > bound) {
      this.warn(scope, `${path}/maxLength`, `maxLength ${max} is above the grammar's bound of ${bound}; not enforced (widened)`);
      max = null;
    }
    if (min > bound) {
      this.warn(scope, `${path}/minLength`, `minLength ${min} is above the grammar's bound of ${bound}; enforced as ${bound} (widened)`);
      min = bound;
    }
    return { kind: "string", minLength: min, maxLength: max, format: null };
  }

  private parseArray(s: Record<string, unknown>, path: string, depth: number, scope: SchemaScope): SchemaNode {
    let prefixRaw: unknown[] = [];
    let prefixPath = `${path}/prefixItems`;
    let restRaw: unknown = true;
    let restPath = `${path}/items`;
    if (s.prefixItems !== undefined) {
      if (!Array.isArray(s.prefixItems)) throw this.invalid(scope, prefixPath, "prefixItems must be an array of schemas");
      prefixRaw = s.prefixItems;
      if (s.items !== undefined) restRaw = s.items;
    } else if (Array.isArray(s.items)) {
      prefixRaw = s.items; // draft-07 tuple form
      prefixPath = `${path}/items`;
      restPath = `${path}/additionalItems`;
      if (s.additionalItems !== undefined) restRaw = s.additionalItems;
    } else if (s.items !== undefined) restRaw = s.items;
    let min = this.count(s, "minItems", path, scope) ?? 0;
    let max: number | null = this.count(s, "maxItems", path, scope) ?? null;
    if (max !== null && min > max) throw this.invalid(scope, path, `minItems ${min} exceeds maxItems ${max}`);
    const bound = GRAMMAR_LIMITS.maxItemsBound;
    if (max !== null && max > bound) {
      this.warn(scope, `${path}/maxItems`, `maxItems ${max} is above the grammar's bound of ${bound}; not enforced (widened)`);
      max = null;
    }
    if (min > bound) {
      this.warn(scope, `${path}/minItems`, `minItems ${min} is above the grammar's bound of ${bound}; enforced as ${bound} (widened)`);
      min = bound;
    }
    if (prefixRaw.length > GRAMMAR_LIMITS.maxItemsBound) {
      throw new GrammarLimitError("number of prefixItems", GRAMMAR_LIMITS.maxItemsBound, `${scope.toolName}${prefixPath}`);
    }
    const prefix: SchemaNode[] = [];
    let rest: SchemaNode | null = this.parse(restRaw, restPath, depth + 1, scope);
    for (let i = 0; i < prefixRaw.length && (max === null || i < max); i++) {
      const node = this.parse(prefixRaw[i], `${prefixPath}/${i}`, depth + 1, scope);
      if (node.kind === "never") {
        rest = null; // no array can reach past a position that admits nothing
        break;
      }
      prefix.push(node);
    }
    if (rest !== null && rest.kind === "never") rest = null;
    if (rest === null && min > prefix.length) throw this.invalid(scope, path, `minItems ${min} cannot be met: at most ${prefix.length} items are allowed`);
    const node: ArrayNode = { kind: "array", prefix, items: rest, minItems: min, maxItems: max };
    return node;
  }

  private parseObject(s: Record<string, unknown>, path: string, depth: number, scope: SchemaScope): SchemaNode {
    const propsRaw = s.properties;
    if (propsRaw !== undefined && !isPlainObject(propsRaw)) throw this.invalid(scope, `${path}/properties`, "properties must be an object");
    const names = propsRaw ? Object.keys(propsRaw) : [];
    if (names.length > GRAMMAR_LIMITS.maxProperties) {
      throw new GrammarLimitError("number of properties", GRAMMAR_LIMITS.maxProperties, `${scope.toolName}${path}/properties`);
    }
    const required = new Set<string>();
    if (Array.isArray(s.required)) {
      s.required.forEach((r, i) => {
        if (typeof r !== "string") throw this.invalid(scope, `${path}/required/${i}`, "required must list property names");
        required.add(r);
      });
    } else if (s.required !== undefined && typeof s.required !== "boolean") {
      throw this.invalid(scope, `${path}/required`, "required must be an array of property names");
    }
    const properties: PropertyNode[] = [];
    for (const name of names) {
      const p = `${path}/properties/${escapePointer(name)}`;
      this.checkName(name, p, scope);
      const raw = (propsRaw as Record<string, unknown>)[name];
      // Seal-Tools/OpenAPI-2 style: `"required": true` on the property itself
      if (isPlainObject(raw) && raw.required === true) required.add(name);
      const node = this.parse(raw, p, depth + 1, scope);
      if (node.kind === "never") {
        if (required.has(name)) throw this.invalid(scope, p, "required property admits no value");
        continue;
      }
      properties.push({ name, node, required: required.has(name) });
    }
    let additional: SchemaNode | null;
    const ap = s.additionalProperties;
    // Absent with declared properties: no extra keys (a model should not invent arguments);
    // absent without any: a free-form dict (BFCL's `dict`, headers, params).
    if (ap === undefined) additional = propsRaw === undefined ? ANY : null;
    else if (ap === true) additional = ANY;
    else if (ap === false) additional = null;
    else if (isPlainObject(ap)) additional = this.parse(ap, `${path}/additionalProperties`, depth + 1, scope);
    else throw this.invalid(scope, `${path}/additionalProperties`, "additionalProperties must be a boolean or a schema");
    if (additional !== null && additional.kind === "never") additional = null;

    const declared = new Set(properties.map((p) => p.name));
    for (const name of required) {
      if (declared.has(name) || names.includes(name)) continue;
      this.checkName(name, `${path}/required`, scope);
      if (ap === false || (isPlainObject(ap) && additional === null)) {
        throw this.invalid(scope, `${path}/required`, `required property ${JSON.stringify(name)} is not allowed by additionalProperties`);
      }
      properties.push({ name, node: additional ?? ANY, required: true });
    }

    const minP = this.count(s, "minProperties", path, scope);
    const maxP = this.count(s, "maxProperties", path, scope);
    let minExtra = 0;
    let maxExtra: number | null = null;
    if (properties.length === 0 && additional !== null) {
      if (minP !== undefined && minP > 1) {
        this.warn(scope, `${path}/minProperties`, "minProperties above 1 is enforced as 1 (widened)");
      }
      minExtra = Math.min(minP ?? 0, 1);
      if (maxP !== undefined) {
        if (maxP > GRAMMAR_LIMITS.maxItemsBound) this.warn(scope, `${path}/maxProperties`, `maxProperties ${maxP} is above the grammar's bound; not enforced (widened)`);
        else maxExtra = maxP;
      }
      if (maxExtra !== null && minExtra > maxExtra) throw this.invalid(scope, path, "minProperties exceeds maxProperties");
      if (maxExtra === 0) additional = null;
    } else {
      const requiredCount = properties.filter((p) => p.required).length;
      if (minP !== undefined && minP > requiredCount) this.warn(scope, `${path}/minProperties`, "minProperties is not enforced (widened)");
      if (maxP !== undefined && (additional !== null || maxP < properties.length)) {
        if (maxP < requiredCount) throw this.invalid(scope, path, "maxProperties is below the number of required properties");
        this.warn(scope, `${path}/maxProperties`, "maxProperties is not enforced (widened)");
      }
    }
    const node: ObjectNode = { kind: "object", properties, additional, minExtra, maxExtra };
    return node;
  }

  private checkName(name: string, path: string, scope: SchemaScope): void {
    if (!isWellFormed(name)) throw this.invalid(scope, path, "property name holds a lone surrogate");
    if (name.length > GRAMMAR_LIMITS.maxNameLength) {
      throw new GrammarLimitError("property name length", GRAMMAR_LIMITS.maxNameLength, `${scope.toolName}${path}`);
    }
  }

  private warnUnsupported(s: Record<string, unknown>, path: string, scope: SchemaScope): void {
    for (const k of UNSUPPORTED) {
      if (!(k in s)) continue;
      if (k === "uniqueItems" && s[k] === false) continue;
      this.warn(scope, `${path}/${k}`, `${k} is not enforced by the grammar (widened)`);
    }
  }

  /** A `$ref` cycle that never passes through a value (`A = anyOf[A, …]`) is left recursion. */
  private checkRefCycles(scope: SchemaScope): void {
    const leading = (n: SchemaNode): string[] =>
      n.kind === "ref" ? [n.id] : n.kind === "anyOf" ? n.options.flatMap(leading) : [];
    const state = new Map<string, 1 | 2>();
    const visit = (id: string): void => {
      const st = state.get(id);
      if (st === 2) return;
      const entry = this.defs.get(id);
      if (st === 1) throw this.invalid(scope, entry?.path ?? "", "$ref cycle that never reaches a value (left recursion)");
      state.set(id, 1);
      if (entry?.node) for (const next of leading(entry.node)) visit(next);
      state.set(id, 2);
    };
    for (const id of this.defs.keys()) visit(id);
  }
}

function anyOf(options: SchemaNode[]): SchemaNode {
  const flat: SchemaNode[] = [];
  for (const o of options) {
    if (o.kind === "never") continue;
    if (o.kind === "any") return ANY;
    if (o.kind === "anyOf") flat.push(...o.options);
    else flat.push(o);
  }
  if (flat.length === 0) return NEVER;
  if (flat.length === 1) return flat[0] as SchemaNode;
  return { kind: "anyOf", options: flat };
}

function constHasType(v: ConstValue, kind: string): boolean {
  if (kind === "integer") return typeof v === "object" && v !== null && "num" in v && Number.isInteger(v.num);
  return constTypes(v)[0] === kind;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "string" ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : typeof v;
}
