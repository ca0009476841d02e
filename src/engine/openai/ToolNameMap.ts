import { hashString } from "../../core/rng.js";

/** OpenAI's rule for function names. */
export const OPENAI_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Reversible renaming of tool names OpenAI rejects (BFCL's `math.factorial`, spaces, long names):
 * invalid characters become `_`, long names are cut and get a hash suffix, clashes get one too.
 * Names that are already valid are kept. `toWire` for requests, `fromWire` for responses.
 */
export class ToolNameMap {
  private readonly wire = new Map<string, string>();
  private readonly original = new Map<string, string>();

  constructor(names: Iterable<string>) {
    const all = [...new Set(names)];
    const taken = new Set(all.filter((n) => OPENAI_NAME.test(n)));
    for (const name of all) {
      if (OPENAI_NAME.test(name)) this.add(name, name);
    }
    for (const name of all) {
      if (OPENAI_NAME.test(name)) continue;
      const base = (name.replace(/[^a-zA-Z0-9_-]/g, "_") || "f").slice(0, 64);
      let candidate = base;
      for (let k = 0; taken.has(candidate); k++) {
        const suffix = `_${hashString(`${name}#${k}`).toString(36)}`;
        candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
      }
      taken.add(candidate);
      this.add(name, candidate);
    }
  }

  toWire(name: string): string {
    return this.wire.get(name) ?? name;
  }

  fromWire(name: string): string {
    return this.original.get(name) ?? name;
  }

  private add(name: string, wire: string): void {
    this.wire.set(name, wire);
    this.original.set(wire, name);
  }
}
