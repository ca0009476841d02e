import type { DefEntry, PropertyNode, SchemaNode } from "./ir.js";

const NEVER: SchemaNode = { kind: "never" };

/**
 * Which parts of a recursive IR have a finite instance. A definition that can only be satisfied by
 * containing itself again (`{"properties": {"a": {"$ref": "#"}}, "required": ["a"]}`) has none: a
 * grammar for it would let the model write forever. Decided as a least fixpoint over the
 * definitions (none holds until one of its finite alternatives is shown to); then {@link prune}
 * drops optional parts that have no finite instance, so every rule of the grammar can be finished.
 */
export class Inhabitation {
  private readonly holdsDef = new Map<string, boolean>();
  /** Answers of {@link holds}, kept once the fixpoint is reached (before, they may still change). */
  private readonly known = new WeakMap<SchemaNode, boolean>();
  private settled = false;

  /** `ids`: the definitions to decide (those of one schema root); others are taken as already pruned. */
  constructor(
    private readonly defs: ReadonlyMap<string, DefEntry>,
    ids: readonly string[],
  ) {
    const dependents = new Map<string, string[]>();
    for (const id of ids) {
      this.holdsDef.set(id, false);
      for (const target of refsIn(this.nodeOf(id))) {
        const list = dependents.get(target) ?? [];
        list.push(id);
        dependents.set(target, list);
      }
    }
    const queue = [...ids];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (this.holdsDef.get(id) || !this.holds(this.nodeOf(id))) continue;
      this.holdsDef.set(id, true);
      queue.push(...(dependents.get(id) ?? []));
    }
    this.settled = true;
  }

  /** Has the node a finite instance? */
  holds(n: SchemaNode): boolean {
    if (!this.settled) return this.decide(n);
    let answer = this.known.get(n);
    if (answer === undefined) {
      answer = this.decide(n);
      this.known.set(n, answer);
    }
    return answer;
  }

  private decide(n: SchemaNode): boolean {
    switch (n.kind) {
      case "never":
        return false;
      case "ref":
        return this.defHolds(n.id);
      case "anyOf":
        return n.options.some((o) => this.holds(o));
      case "array": {
        for (let i = 0; i < Math.min(n.minItems, n.prefix.length); i++) if (!this.holds(n.prefix[i] as SchemaNode)) return false;
        return n.minItems <= n.prefix.length || (n.items !== null && this.holds(n.items));
      }
      case "object":
        return n.properties.every((p) => !p.required || this.holds(p.node)) && (n.minExtra === 0 || (n.additional !== null && this.holds(n.additional)));
      default:
        return true;
    }
  }

  /** The node without the parts that have no finite instance; `never` when it has none itself. */
  prune(n: SchemaNode): SchemaNode {
    if (!this.holds(n)) return NEVER;
    switch (n.kind) {
      case "anyOf": {
        const options = n.options.filter((o) => this.holds(o)).map((o) => this.prune(o));
        if (options.length === 1) return options[0] as SchemaNode;
        return sameNodes(options, n.options) ? n : { kind: "anyOf", options };
      }
      case "array": {
        const cut = n.prefix.findIndex((p) => !this.holds(p));
        // no array reaches past a position that has no value
        const prefix = (cut < 0 ? n.prefix : n.prefix.slice(0, cut)).map((p) => this.prune(p));
        const items = cut >= 0 || n.items === null || !this.holds(n.items) ? null : this.prune(n.items);
        return items === n.items && sameNodes(prefix, n.prefix) ? n : { ...n, prefix, items };
      }
      case "object": {
        const kept = n.properties.filter((p) => this.holds(p.node));
        const properties = kept.map((p) => {
          const node = this.prune(p.node);
          return node === p.node ? p : { ...p, node };
        });
        const additional = n.additional === null || !this.holds(n.additional) ? null : this.prune(n.additional);
        if (additional === n.additional && properties.length === n.properties.length && properties.every((p, i) => p === n.properties[i])) return n;
        const dropped = n.properties.filter((p) => !this.holds(p.node)).map((p) => p.name);
        return { ...n, properties, additional, forbidden: [...n.forbidden, ...dropped] };
      }
      default:
        return n;
    }
  }

  /** Rewrite the decided definitions: pruned, or `never`. */
  pruneDefinitions(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.defs.get(id) as DefEntry;
      if (entry.node) entry.node = this.prune(entry.node);
    }
  }

  /**
   * Why a node has no finite instance: the JSON pointers of the required properties and the
   * definitions it must pass through, until one repeats (`…/properties/a → … → …/properties/a`).
   */
  blockingPath(n: SchemaNode): string[] {
    const chain: string[] = [];
    let cur: SchemaNode | null = n;
    const step = (path: string): boolean => {
      const repeated = chain.includes(path);
      chain.push(path);
      return repeated;
    };
    for (let guard = 0; cur !== null && guard <= this.defs.size * 2 + 256; guard++) {
      const node: SchemaNode = cur;
      cur = null;
      if (node.kind === "ref") {
        const entry = this.defs.get(node.id);
        if (!entry || step(entry.path)) break;
        cur = entry.node;
      } else if (node.kind === "anyOf") cur = node.options[0] ?? null;
      else if (node.kind === "array") {
        const needed: SchemaNode | undefined = node.prefix.slice(0, node.minItems).find((p) => !this.holds(p));
        cur = needed ?? (node.minItems > node.prefix.length ? node.items : null);
      } else if (node.kind === "object") {
        const prop: PropertyNode | undefined = node.properties.find((p) => p.required && !this.holds(p.node));
        if (prop) {
          if (step(prop.path)) break;
          cur = prop.node;
        } else cur = node.additional;
      }
    }
    return chain;
  }

  private defHolds(id: string): boolean {
    return this.holdsDef.get(id) ?? this.defs.get(id)?.node?.kind !== "never";
  }

  private nodeOf(id: string): SchemaNode {
    return this.defs.get(id)?.node ?? NEVER;
  }
}

/** Definition ids a node refers to directly (not through other definitions). */
function refsIn(root: SchemaNode): string[] {
  const out: string[] = [];
  const stack: SchemaNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as SchemaNode;
    if (n.kind === "ref") out.push(n.id);
    else if (n.kind === "anyOf") stack.push(...n.options);
    else if (n.kind === "array") stack.push(...n.prefix, ...(n.items ? [n.items] : []));
    else if (n.kind === "object") stack.push(...n.properties.map((p) => p.node), ...(n.additional ? [n.additional] : []));
  }
  return out;
}

function sameNodes(a: readonly SchemaNode[], b: readonly SchemaNode[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
