import { isJsonObject, pointerToken } from "../tools/copyEntry.js";
import { SCHEMA_KEYWORDS, SCHEMA_LIST_KEYWORDS, SCHEMA_MAP_KEYWORDS } from "../tools/transformSchema.js";

/** Subschemas checked against the same value as their parent (the others descend into a property or item, or are definitions). */
const SAME_VALUE_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "dependencies"]);
/** Subschema maps that apply to nothing by themselves. */
const DEFINITION_KEYWORDS = new Set(["$defs", "definitions"]);
/** Base URI of a schema without `$id`, so relative `$ref`s resolve as they do in ajv (within the document). */
const DEFAULT_BASE = "hammer://schema/root";

type Schema = Record<string, unknown>;

/** Keys of references; only schemas holding one get `$ref` edges. */
const REF_KEYS = ["$ref", "$recursiveRef", "$dynamicRef"] as const;

interface NodeInfo {
  /** Where the walk first met it: parent, keyword and (for lists and maps) index or name; or a `#`-pointer (a root, a `$ref` target). */
  from: [Schema, string, string | number | undefined] | string;
  /** Base URI its `$ref`s resolve against (changed by a nested `$id`). */
  base: string;
  /** Subschemas applied to the same value: combinators and `$ref` targets. */
  same: Schema[];
  /** Subschemas applied to a property, item or key of the value. */
  child: Schema[];
}

/**
 * The `$ref` graph of a raw JSON Schema, resolved as ajv resolves it: JSON pointers, `$id` base
 * URIs (also nested ones), plain-name anchors (`$id: "#a"`, `$anchor`), and `$recursiveRef` /
 * `$dynamicRef` taken conservatively. Built without recursion, so any size or shape is safe.
 * What it answers: does some subschema reach itself without descending into a property or item
 * (ajv then loops forever on every value), and which `$ref`s resolve under a nested `$id`.
 */
export class SchemaRefGraph {
  private readonly nodes = new Map<Schema, NodeInfo>();
  private readonly resources = new Map<string, Schema>();
  private readonly anchors = new Map<string, Schema>();
  private readonly dynamicAnchors = new Map<string, Schema[]>();
  private readonly recursiveAnchors: Schema[] = [];
  /** Schemas holding a reference, in the order met. */
  private readonly refNodes: Schema[] = [];
  /** Some schema object was met twice by the walk (shared, or a cyclic JS object). */
  private shared = false;
  private readonly rootBase: string;

  constructor(private readonly root: unknown) {
    this.rootBase = isJsonObject(root) ? baseOf(root, DEFAULT_BASE) : DEFAULT_BASE;
    if (!SchemaRefGraph.mayRefer(root)) return;
    this.index(root, "#", DEFAULT_BASE);
    this.linkRefs();
  }

  /**
   * Could the schema hold a reference? Most tools have none, and without one no cycle is
   * possible: callers skip building the graph. The native serialiser makes this a cheap filter;
   * when it cannot tell (a cyclic object), the answer is yes.
   */
  static mayRefer(root: unknown): root is Schema {
    if (!isJsonObject(root)) return false;
    try {
      return /"\$(?:ref|recursiveRef|dynamicRef)"/.test(JSON.stringify(root));
    } catch {
      return true;
    }
  }

  /**
   * The first cycle of subschemas applied to one and the same value, reachable from the root, as
   * `#`-pointers with the first repeated at the end (`#/definitions/A → #/definitions/B → #/definitions/A`);
   * null when there is none.
   */
  findCycle(): string[] | null {
    // without references and shared objects the same-value edges form a tree
    if (this.refNodes.length === 0 && !this.shared) return null;
    const color = new Map<Schema, 1 | 2>();
    for (const start of this.reachable()) {
      if (color.has(start)) continue;
      const path: Schema[] = [start];
      const next: number[] = [0];
      color.set(start, 1);
      while (path.length > 0) {
        const top = path[path.length - 1] as Schema;
        const edges = (this.nodes.get(top) as NodeInfo).same;
        const i = next[next.length - 1] as number;
        if (i >= edges.length) {
          color.set(top, 2);
          path.pop();
          next.pop();
          continue;
        }
        next[next.length - 1] = i + 1;
        const to = edges[i] as Schema;
        const c = color.get(to);
        if (c === 1) return [...path.slice(path.indexOf(to)), to].map((n) => this.pointerOf(n));
        if (c === undefined) {
          color.set(to, 1);
          path.push(to);
          next.push(0);
        }
      }
    }
    return null;
  }

  /** `#`-pointers of reachable schemas whose `$ref` resolves against a nested `$id` rather than the root's base. */
  refsUnderNestedId(): string[] {
    const out: string[] = [];
    for (const node of this.reachable()) {
      const info = this.nodes.get(node) as NodeInfo;
      if (typeof node.$ref === "string" && info.base !== this.rootBase) out.push(this.pointerOf(node));
    }
    return out;
  }

  /** The `#`-pointer of a schema, built only when a message needs it. */
  private pointerOf(node: Schema): string {
    const tail: string[] = [];
    let info = this.nodes.get(node);
    for (let hops = 0; info && typeof info.from !== "string" && hops <= this.nodes.size; hops++) {
      const [parent, key, sub] = info.from;
      tail.push(sub === undefined ? `/${pointerToken(key)}` : `/${pointerToken(key)}/${pointerToken(sub)}`);
      info = this.nodes.get(parent);
    }
    const head = info && typeof info.from === "string" ? info.from : "#";
    return head + tail.reverse().join("");
  }

  /** Every subschema the root applies, directly or through `$ref`, in breadth-first order. */
  private reachable(): Schema[] {
    if (!isJsonObject(this.root) || !this.nodes.has(this.root)) return [];
    const root = this.root;
    const seen = new Set<Schema>([root]);
    const order: Schema[] = [root];
    for (let k = 0; k < order.length; k++) {
      const info = this.nodes.get(order[k] as Schema) as NodeInfo;
      for (const list of [info.same, info.child]) {
        for (const n of list) {
          if (!seen.has(n)) {
            seen.add(n);
            order.push(n);
          }
        }
      }
    }
    return order;
  }

  /** Walk the subschemas under `start`, recording pointers, base URIs, anchors and structural edges. */
  private index(start: Schema, pointer: string, base: string): void {
    const stack: Array<[Schema, NodeInfo["from"], string]> = [[start, pointer, base]];
    while (stack.length > 0) {
      const [node, from, parentBase] = stack.pop() as [Schema, NodeInfo["from"], string];
      if (this.nodes.has(node)) {
        this.shared = true;
        continue;
      }
      const own = baseOf(node, parentBase);
      if (own !== parentBase || node === this.root) this.resources.set(own, node);
      this.registerAnchors(node, own, parentBase);
      const info: NodeInfo = { from, base: own, same: [], child: [] };
      this.nodes.set(node, info);
      if (REF_KEYS.some((k) => typeof node[k] === "string")) this.refNodes.push(node);
      for (const key of Object.keys(node)) {
        const value = node[key];
        const edges = SAME_VALUE_KEYWORDS.has(key) ? info.same : DEFINITION_KEYWORDS.has(key) ? null : info.child;
        if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) this.push(stack, edges, value[i], [node, key, i], own);
        } else if (SCHEMA_KEYWORDS.has(key)) this.push(stack, edges, value, [node, key, undefined], own);
        else if (SCHEMA_MAP_KEYWORDS.has(key) && isJsonObject(value)) {
          for (const name of Object.keys(value)) this.push(stack, edges, value[name], [node, key, name], own);
        }
      }
    }
  }

  private push(stack: Array<[Schema, NodeInfo["from"], string]>, edges: Schema[] | null, sub: unknown, from: NodeInfo["from"], base: string): void {
    if (!isJsonObject(sub)) return;
    edges?.push(sub);
    stack.push([sub, from, base]);
  }

  private registerAnchors(node: Schema, own: string, parentBase: string): void {
    const id = node.$id;
    // draft-07 writes a plain-name anchor as `$id: "#name"`; `http://x/a#name` names one too
    if (typeof id === "string" && id.includes("#")) {
      const name = id.slice(id.indexOf("#") + 1);
      if (name !== "" && !name.startsWith("/")) this.anchors.set(`${id.startsWith("#") ? parentBase : own}#${name}`, node);
    }
    if (typeof node.$anchor === "string") this.anchors.set(`${own}#${node.$anchor}`, node);
    if (typeof node.$dynamicAnchor === "string") {
      this.anchors.set(`${own}#${node.$dynamicAnchor}`, node);
      const list = this.dynamicAnchors.get(node.$dynamicAnchor) ?? [];
      list.push(node);
      this.dynamicAnchors.set(node.$dynamicAnchor, list);
    }
    if (node.$recursiveAnchor === true) this.recursiveAnchors.push(node);
  }

  /** Add `$ref` edges; a target met only through a pointer (not a known subschema) is indexed then. */
  private linkRefs(): void {
    // resolving may index more schemas, and with them more references: the list grows as we go
    for (let k = 0; k < this.refNodes.length; k++) {
      const node = this.refNodes[k] as Schema;
      const info = this.nodes.get(node) as NodeInfo;
      for (const key of REF_KEYS) {
        const ref = node[key];
        if (typeof ref !== "string") continue;
        const target = this.resolve(ref, info.base);
        if (target) info.same.push(target);
        // resolved at run time against the dynamic scope: every candidate counts
        if (key === "$recursiveRef") info.same.push(...this.recursiveAnchors);
        if (key === "$dynamicRef") info.same.push(...(this.dynamicAnchors.get(ref.slice(ref.indexOf("#") + 1)) ?? []));
      }
    }
  }

  private resolve(ref: string, base: string): Schema | undefined {
    let uri: string;
    let fragment: string;
    try {
      if (ref.startsWith("#")) {
        uri = base; // the common case, without parsing a URL
        fragment = decodeURIComponent(ref.slice(1));
      } else {
        const url = new URL(ref, base);
        fragment = decodeURIComponent(url.hash.slice(1));
        url.hash = "";
        uri = url.href;
      }
    } catch {
      return undefined; // ajv reports a malformed or unresolvable reference itself
    }
    const resource = this.resources.get(uri);
    if (!resource) return undefined;
    if (fragment !== "" && !fragment.startsWith("/")) return this.anchors.get(`${uri}#${fragment}`);
    let cur: unknown = resource;
    for (const raw of fragment === "" ? [] : fragment.slice(1).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if ((!isJsonObject(cur) && !Array.isArray(cur)) || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
    if (!isJsonObject(cur)) return undefined;
    if (!this.nodes.has(cur)) this.index(cur, `${this.pointerOf(resource)}${fragment}`, uri);
    return cur;
  }
}

/** The base URI a schema sets for itself (`$id` without its fragment), else its parent's. */
function baseOf(node: Schema, parentBase: string): string {
  const id = node.$id;
  if (typeof id !== "string" || id.startsWith("#")) return parentBase;
  try {
    const url = new URL(id, parentBase);
    url.hash = "";
    return url.href;
  } catch {
    return parentBase;
  }
}
