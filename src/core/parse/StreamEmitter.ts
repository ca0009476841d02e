import type { CallStreamEvent } from "./createCallStreamParser.js";

function isWs(c: string): boolean {
  return c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\f";
}

function endsInHighSurrogate(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * Collects a stream parser's events: merges adjacent text and argument pieces into one delta
 * per push, holds back a trailing high surrogate until its pair arrives, and shapes prose like
 * parseToolCalls' `content` (each piece between call blocks trimmed, pieces joined by "\n").
 */
export class StreamEmitter {
  private events: CallStreamEvent[] = [];
  private text = "";
  private args = "";
  private argsIndex = -1;
  /** Whitespace seen inside the current prose piece, emitted only if more text follows. */
  private pendingWs = "";
  private pieceStarted = false;
  private anyPiece = false;
  /** No non-whitespace character has been seen in the whole stream yet. */
  onlyWsSoFar = true;

  /** One character of prose. */
  proseChar(c: string): void {
    if (isWs(c)) {
      if (this.pieceStarted) this.pendingWs += c;
      return;
    }
    this.onlyWsSoFar = false;
    if (!this.pieceStarted) {
      if (this.anyPiece) this.addText("\n");
      this.pieceStarted = true;
    } else if (this.pendingWs !== "") {
      this.addText(this.pendingWs);
      this.pendingWs = "";
    }
    this.addText(c);
  }

  proseText(s: string): void {
    for (const c of s) this.proseChar(c);
  }

  /** A call block begins: the current prose piece ends (its trailing whitespace is dropped). */
  breakProse(): void {
    if (this.pieceStarted) this.anyPiece = true;
    this.pieceStarted = false;
    this.pendingWs = "";
    this.onlyWsSoFar = false;
  }

  private addText(s: string): void {
    if (this.args !== "") this.flushArgs(false);
    this.text += s;
  }

  /** Raw argument text of call `index` (already started). */
  addArgs(index: number, s: string): void {
    if (s === "") return;
    if (this.text !== "") this.flushText(false);
    if (this.argsIndex !== index) this.flushArgs(false);
    this.argsIndex = index;
    this.args += s;
  }

  emit(e: CallStreamEvent): void {
    this.flushText(false);
    this.flushArgs(false);
    this.events.push(e);
  }

  /** Events so far; `final` also releases a held-back high surrogate. */
  take(final: boolean): CallStreamEvent[] {
    this.flushText(!final);
    this.flushArgs(!final);
    const out = this.events;
    this.events = [];
    return out;
  }

  private flushText(holdSurrogate: boolean): void {
    let s = this.text;
    let keep = "";
    if (holdSurrogate && endsInHighSurrogate(s)) {
      keep = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (s !== "") this.events.push({ type: "text", delta: s });
    this.text = keep;
  }

  private flushArgs(holdSurrogate: boolean): void {
    let s = this.args;
    let keep = "";
    if (holdSurrogate && endsInHighSurrogate(s)) {
      keep = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (s !== "") this.events.push({ type: "arguments", index: this.argsIndex, delta: s });
    this.args = keep;
  }
}
