import { isUtf8Fragment, Utf8Tail } from "./Utf8Tail.js";
import { TOKEN_TYPE, type TokenVocabulary } from "./readVocabulary.js";

/** Token ids the guard bans in each situation (see core/grammar/README.md, "UTF-8"). */
export interface Utf8GuardSets {
  /** Always: tokens that are not a fragment of valid UTF-8 (hole 2), and control tokens that do not end generation. */
  always: number[];
  /** While the output ends in a lone E0: tokens starting with 80–9F (overlong, hole 1). */
  afterE0: number[];
  /** While the output ends in a lone F0: tokens starting with 80–8F (overlong, hole 1). */
  afterF0: number[];
  /** End-of-generation tokens, banned while a sequence is open (hole 3). */
  eog: number[];
}

/**
 * One vocabulary scan: which tokens to ban when. `isEog` says which ids end generation;
 * control tokens whose text appears in `keepTexts` (a format's call markers) stay allowed.
 */
export function utf8GuardSets(vocab: TokenVocabulary, isEog: (id: number) => boolean, keepTexts: readonly string[] = []): Utf8GuardSets {
  const sets: Utf8GuardSets = { always: [], afterE0: [], afterF0: [], eog: [] };
  const decoder = new TextDecoder();
  vocab.bytes.forEach((bytes, id) => {
    const type = vocab.types[id];
    if (isEog(id)) {
      sets.eog.push(id);
      return;
    }
    // Unused and unknown tokens write nothing (empty piece), which every grammar refuses; listing
    // them would make the bias huge for padded vocabularies (151k entries on a random Qwen-shaped model).
    if (type === TOKEN_TYPE.unused || type === TOKEN_TYPE.unknown) return;
    if (type === TOKEN_TYPE.control) {
      const text = decoder.decode(bytes);
      if (!keepTexts.some((k) => k.includes(text))) sets.always.push(id);
    } else if (type === TOKEN_TYPE.normal || type === TOKEN_TYPE.byte) {
      if (bytes.length === 0) return;
      if (!isUtf8Fragment(bytes)) sets.always.push(id);
      else {
        const first = bytes[0] as number;
        if (first >= 0x80 && first <= 0x9f) sets.afterE0.push(id);
        if (first >= 0x80 && first <= 0x8f) sets.afterF0.push(id);
      }
    }
  });
  return sets;
}

/**
 * Chooses, per sampling step, a precomputed ban set from the bytes generated so far. Generic
 * over the bias object so it can be tested without a model (`B` is node-llama-cpp's TokenBias
 * in the engine).
 */
export class Utf8TokenGuard<B> {
  private readonly base: B;
  private readonly open: B;
  private readonly e0: B;
  private readonly f0: B;

  constructor(
    readonly sets: Utf8GuardSets,
    readonly vocab: TokenVocabulary,
    makeBias: (banned: readonly number[]) => B,
  ) {
    this.base = makeBias(sets.always);
    this.open = makeBias([...sets.always, ...sets.eog]);
    this.e0 = makeBias([...sets.always, ...sets.afterE0, ...sets.eog]);
    this.f0 = makeBias([...sets.always, ...sets.afterF0, ...sets.eog]);
  }

  /** Per-generation state: feed every sampled token to `push`, ask `bias()` before each step. */
  track(): Utf8GuardState<B> {
    return new Utf8GuardState(this.vocab, { base: this.base, open: this.open, e0: this.e0, f0: this.f0 });
  }
}

export class Utf8GuardState<B> {
  private readonly tail = new Utf8Tail();

  constructor(
    private readonly vocab: TokenVocabulary,
    private readonly biases: { base: B; open: B; e0: B; f0: B },
  ) {}

  push(token: number): void {
    const bytes = this.vocab.bytes[token];
    if (bytes) this.tail.push(bytes);
  }

  /** Bytes of the UTF-8 sequence still open at the end of the output. */
  get pending(): readonly number[] {
    return this.tail.pending;
  }

  bias(): B {
    const p = this.tail.pending;
    if (p.length === 0) return this.biases.base;
    if (p.length === 1 && p[0] === 0xe0) return this.biases.e0;
    if (p.length === 1 && p[0] === 0xf0) return this.biases.f0;
    return this.biases.open;
  }
}
