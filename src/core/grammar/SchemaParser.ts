import { ToolSchemaError } from "../errors.js";
import { assertNoRefCycle, SchemaRefGraph } from "../validate/index.js";
import { GrammarLimitError } from "./errors.js";
import { findLeftRecursion } from "./findLeftRecursion.js";
import { Inhabitation } from "./Inhabitation.js";
import type { DefEntry, SchemaNode } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { mergeAllOf, type MergeHooks } from "./mergeAllOf.js";
import { pairwiseDisjoint } from "./pairwiseDisjoint.js";
import { parseArrayNode } from "./parseArrayNode.js";
import { parseConstNode } from "./parseConstNode.js";
import type { ParseContext, SchemaScope } from "./ParseContext.js";
import { parseNumericNode } from "./parseNumericNode.js";
import { parseObjectNode } from "./parseObjectNode.js";
import { parseStringNode } from "./parseStringNode.js";
import { schemaKinds } from "./schemaKinds.js";
import { describeValue, expandTypeString, hasConstraints, isPlainObject, stableKey } from "./schemaKeywords.js";

export type { SchemaScope } from "./ParseContext.js";
export type { DefEntry } from "./ir.js";

const ANY: SchemaNode = { kind: "any" };
const NEVER: SchemaNode = { kind: "never" };
const NULL: SchemaNode = { kind: "null" };
const BOOLEAN: SchemaNode = { kind: "boolean" };

/** Constraints the grammar cannot express: dropped (the language widens) and reported. */
const UNSUPPORTED = [
  "not", "if", "then", "else", "dependentSchemas", "dependencies", "dependentRequired", "patternProperties",
  "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contains", "minContains", "maxContains",
  "uniqueItems", "multipleOf", "pattern",
];

/**
 * Pass 1 of the compiler: validates a JSON Schema once and turns it into the IR. Malformed
 * schemas throw {@link ToolSchemaError} naming the tool and JSON pointer; constraints the grammar
 * cannot express widen the language and are reported once each in {@link warnings}. Recursion
 * goes through {@link defs}; a schema whose recursion never ends in a value, or has no finite
 * instance, is refused, and parts without a finite instance are pruned.
 */
export class SchemaParser {
  readonly defs = new Map<string, DefEntry>();
  private readonly warningSet = new Set<string>();
  /** `allOf`s with a `$ref` being parsed, by content: meeting one again inside itself is recursion. */
  private readonly allOfInProgress = new Map<string, { id: string; recursive: boolean }>();
  private lastContext: ParseContext | null = null;
  private nodeCount = 0;
  private allOfCount = 0;

  get warnings(): string[] {
    return [...this.warningSet];
  }

  /** Parse the schema at a scope's root. */
  parseRoot(scope: SchemaScope): SchemaNode {
    if (SchemaRefGraph.mayRefer(scope.root)) {
      const graph = new SchemaRefGraph(scope.root);
      assertNoRefCycle(scope.root, scope.toolName, scope.basePath, graph);
      const nested = graph.refsUnderNestedId()[0];
      if (nested !== undefined) {
        throw this.invalid(scope, `${scope.basePath}${nested.slice(1)}/$ref`, "$ref under a nested $id (a new base URI) is not supported", "SCHEMA_UNSUPPORTED");
      }
    }
    const known = this.defs.size;
    const node = this.parse(scope.root, scope.basePath, 0, scope);
    // Without definitions the parse has already dropped or refused every part that admits nothing.
    if (this.defs.size === known) return node;
    const fresh = [...this.defs.keys()].slice(known);
    const cycle = findLeftRecursion(this.defs, fresh);
    if (cycle) throw this.invalid(scope, cycle[0] as string, `$ref cycle that never reaches a value (left recursion): ${this.pointers(scope, cycle)}`);
    const inhabitation = new Inhabitation(this.defs, fresh);
    if (node.kind !== "never" && !inhabitation.holds(node)) {
      const chain = inhabitation.blockingPath(node);
      throw this.invalid(scope, chain[0] ?? scope.basePath, `admits no finite value: it must contain itself again without end (${this.pointers(scope, chain)})`);
    }
    inhabitation.pruneDefinitions(fresh);
    return inhabitation.prune(node);
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

  /** Tool paths as `$ref` pointers (`/parameters/definitions/A` → `#/definitions/A`), joined by arrows. */
  private pointers(scope: SchemaScope, paths: readonly string[]): string {
    return paths.map((p) => `#${p.startsWith(scope.basePath) ? p.slice(scope.basePath.length) : p}`).join(" → ");
  }

  private context(scope: SchemaScope): ParseContext {
    if (this.lastContext?.scope === scope) return this.lastContext;
    const ctx: ParseContext = {
      scope,
      parse: (schema, path, depth) => this.parse(schema, path, depth, scope),
      warn: (path, message) => this.warn(scope, path, message),
      invalid: (path, message, code) => this.invalid(scope, path, message, code),
      count: (s, key, path) => {
        const v = s[key];
        if (v === undefined) return undefined;
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw this.invalid(scope, `${path}/${key}`, `${key} must be a non-negative integer`);
        return v;
      },
    };
    this.lastContext = ctx;
    return ctx;
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
    if (!isPlainObject(s)) throw this.invalid(scope, path, `a schema must be an object or a boolean, got ${describeValue(s)}`);
    const dynamic = "$recursiveRef" in s ? "$recursiveRef" : "$dynamicRef" in s ? "$dynamicRef" : null;
    // resolved against the dynamic scope at validation time: no static grammar can follow them
    if (dynamic) throw this.invalid(scope, `${path}/${dynamic}`, `${dynamic} (resolved at validation time) is not supported`, "SCHEMA_UNSUPPORTED");

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
    const ctx = this.context(scope);
    let node: SchemaNode;
    if ("enum" in schema || "const" in schema) node = parseConstNode(schema, path, depth, ctx);
    else node = anyOf(schemaKinds(schema, path, ctx).map((k) => this.parseKind(k, schema, path, depth, ctx)));
    if (schema.nullable === true && node.kind !== "const") node = anyOf([node, NULL]);
    return node;
  }

  private parseKind(kind: string, s: Record<string, unknown>, path: string, depth: number, ctx: ParseContext): SchemaNode {
    switch (kind) {
      case "null":
        return NULL;
      case "boolean":
        return BOOLEAN;
      case "integer":
      case "number":
        return parseNumericNode(kind, s, path, ctx);
      case "string":
        return parseStringNode(s, path, ctx);
      case "array":
        return parseArrayNode(s, path, depth, ctx);
      case "object":
        return parseObjectNode(s, path, depth, ctx);
      default:
        return ANY;
    }
  }

  private schemaList(v: unknown, path: string, scope: SchemaScope): unknown[] {
    if (!Array.isArray(v) || v.length === 0) throw this.invalid(scope, path, "must be a non-empty array of schemas");
    if (v.length > GRAMMAR_LIMITS.maxAlternatives) {
      throw new GrammarLimitError("number of schemas in a combinator", GRAMMAR_LIMITS.maxAlternatives, `${scope.toolName}${path}`);
    }
    v.forEach((x, i) => {
      if (!isPlainObject(x) && typeof x !== "boolean") throw this.invalid(scope, `${path}/${i}`, `a schema must be an object or a boolean, got ${describeValue(x)}`);
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

  /**
   * `allOf` parts merged into one schema. The merge inlines `$ref` targets, so a recursive one
   * (`{"allOf": [{"$ref": "#"}]}` under a property) would unfold forever: while such an `allOf`
   * is being parsed, meeting the same parts again refers back to it as a definition.
   */
  private parseAllOf(parts: unknown[], path: string, depth: number, scope: SchemaScope): SchemaNode {
    if (!mentionsRef(parts)) return this.mergeAndParse(parts, path, depth, scope);
    const key = scope.refPrefix + stableKey(parts);
    const open = this.allOfInProgress.get(key);
    if (open) {
      open.recursive = true;
      return { kind: "ref", id: open.id };
    }
    const id = `${scope.refPrefix}&allOf${++this.allOfCount}:${path}`;
    const entry: DefEntry = { id, path, hint: `${scope.hint}-${path.split("/").pop() || "root"}`, node: null };
    const state = { id, recursive: false };
    this.allOfInProgress.set(key, state);
    this.defs.set(id, entry);
    let node: SchemaNode;
    try {
      node = this.mergeAndParse(parts, path, depth, scope);
    } finally {
      this.allOfInProgress.delete(key);
    }
    if (!state.recursive) {
      this.defs.delete(id);
      return node;
    }
    entry.node = node;
    return { kind: "ref", id };
  }

  private mergeAndParse(parts: unknown[], path: string, depth: number, scope: SchemaScope): SchemaNode {
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

  private warnUnsupported(s: Record<string, unknown>, path: string, scope: SchemaScope): void {
    for (const k of UNSUPPORTED) {
      if (!(k in s)) continue;
      if (k === "uniqueItems" && s[k] === false) continue;
      this.warn(scope, `${path}/${k}`, `${k} is not enforced by the grammar (widened)`);
    }
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

/** Does a part (or an `allOf` nested in one) hold a `$ref`, which the merge would inline? */
function mentionsRef(parts: readonly unknown[]): boolean {
  const stack = [...parts];
  while (stack.length > 0) {
    const p = stack.pop();
    if (!isPlainObject(p)) continue;
    if ("$ref" in p) return true;
    if (Array.isArray(p.allOf)) stack.push(...(p.allOf as unknown[]));
  }
  return false;
}
