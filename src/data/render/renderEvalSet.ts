import { HammerError } from "../../core/errors.js";
import { GENERATE_REQUEST_LINE } from "../../core/formats/hammerText.js";
import type { RawTurn } from "../../core/formats/types.js";
import { renderEvalRecord, type EvalRecord, type EvalTemplate } from "./renderEvalRecord.js";

/** A record that could not be rendered: its 0-based index, where in it, and why. */
export interface RenderReject {
  index: number;
  location: string;
  reason: string;
}

export interface RenderedSet {
  records: EvalRecord[];
  rejects: RenderReject[];
}

/**
 * Render a whole set. Records that do not fit the neutral layout are collected as rejects (with
 * their index), so `records.length + rejects.length` always equals the input count. For the
 * `hammer` template, turns trimmed in the neutral files are restored first (restoreTrimmedTurns).
 */
export function renderEvalSet(input: readonly unknown[], template: EvalTemplate): RenderedSet {
  const restorer = template === "hammer" ? TrimmedTurnRestorer.fromRecords(input) : undefined;
  const records: EvalRecord[] = [];
  const rejects: RenderReject[] = [];
  input.forEach((raw, index) => {
    try {
      records.push(renderEvalRecord(raw, template, restorer && ((turns) => restorer.restore(turns))));
    } catch (e) {
      if (!(e instanceof HammerError)) throw e;
      rejects.push({ index, location: e.location ?? "/", reason: e.message });
    }
  });
  return { records, rejects };
}

const GENERATE_SUFFIX = `\n${GENERATE_REQUEST_LINE}`;

/**
 * Hammer's neutral `original/` files store dialogue turns trimmed, but its `hammer/` files were
 * rendered from the untrimmed texts. API-Bank sets hold several snapshots of one dialogue, and
 * a snapshot's final turn keeps its whitespace (the "Generate API Request:" line follows it).
 * So when a history turn equals, once trimmed, the final turn of another record with the same
 * turns before it, that record's untrimmed text is the original one and is used instead.
 * (In the released sets this restores one trailing space, in apibank_l1 record 263.)
 */
export class TrimmedTurnRestorer {
  // Prefix trie over (role, content): a prefix of turns gets an id; 0 is the empty prefix.
  private readonly prefixIds = new Map<string, number>();
  private readonly untrimmed = new Map<string, string>();

  static fromRecords(records: readonly unknown[]): TrimmedTurnRestorer {
    const r = new TrimmedTurnRestorer();
    for (const rec of records) {
      const turns = turnsOf(rec);
      if (turns) r.learn(turns);
    }
    return r;
  }

  /** Remember the untrimmed text of a final turn that carries surrounding whitespace. */
  learn(turns: readonly RawTurn[]): void {
    const last = turns[turns.length - 1];
    if (!last?.content.endsWith(GENERATE_SUFFIX)) return;
    const text = last.content.slice(0, -GENERATE_SUFFIX.length);
    const trimmed = text.trim();
    if (text === trimmed) return;
    let id = 0;
    for (const t of turns.slice(0, -1)) id = this.idOf(id, t, true) as number;
    this.untrimmed.set(key(id, last.role, trimmed), text);
  }

  /** The turns with every history turn (not the final one) replaced by its untrimmed text if known. */
  restore(turns: readonly RawTurn[]): RawTurn[] {
    const out = [...turns];
    let id: number | undefined = 0;
    for (let i = 0; i < turns.length - 1 && id !== undefined; i++) {
      const t = turns[i] as RawTurn;
      const text = this.untrimmed.get(key(id, t.role, t.content));
      if (text !== undefined) out[i] = { role: t.role, content: text };
      id = this.idOf(id, t, false);
    }
    return out;
  }

  private idOf(parent: number, turn: RawTurn, create: boolean): number | undefined {
    const k = key(parent, turn.role, turn.content);
    let id = this.prefixIds.get(k);
    if (id === undefined && create) {
      id = this.prefixIds.size + 1;
      this.prefixIds.set(k, id);
    }
    return id;
  }
}

function key(prefixId: number, role: string, content: string): string {
  return `${prefixId}\u0000${role}\u0000${content}`;
}

/** The turns of a record that has well-formed query turns, else undefined (it is validated later). */
function turnsOf(rec: unknown): RawTurn[] | undefined {
  if (typeof rec !== "object" || rec === null) return undefined;
  const q = (rec as { query?: unknown }).query;
  if (!Array.isArray(q)) return undefined;
  const ok = q.every((t) => typeof t === "object" && t !== null && typeof t.role === "string" && typeof t.content === "string");
  return ok ? (q as RawTurn[]) : undefined;
}
