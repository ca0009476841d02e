/** One open JSON value, innermost last on the cursor's stack. */
export type JsonFrame =
  | { kind: "array"; start: number; elements: string[]; elementStart: number }
  | { kind: "object"; start: number }
  | { kind: "string"; start: number; escape: boolean };

/**
 * Follows the JSON structure of generated text as it arrives, one character at a time: which
 * values are open (arrays, objects, strings) and, for each open array, the text of its finished
 * elements. It starts at the first `[` or `{` and starts over once that value closes. It never
 * throws: text that is not JSON (a pass without grammar) only makes its picture less exact, and
 * it is only read for loop detection.
 */
export class JsonCursor {
  private buf = "";
  private readonly stack: JsonFrame[] = [];

  /** The JSON text since the outermost open value began ("" when none is open). */
  get text(): string {
    return this.buf;
  }

  get frames(): readonly JsonFrame[] {
    return this.stack;
  }

  push(delta: string): void {
    for (const ch of delta) this.step(ch);
  }

  private step(ch: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      if (ch !== "[" && ch !== "{") return;
      this.buf = "";
    }
    const i = this.buf.length;
    this.buf += ch;
    if (top?.kind === "string") {
      if (top.escape) top.escape = false;
      else if (ch === "\\") top.escape = true;
      else if (ch === '"') this.close();
      return;
    }
    switch (ch) {
      case '"':
        this.stack.push({ kind: "string", start: i, escape: false });
        break;
      case "[":
        this.stack.push({ kind: "array", start: i, elements: [], elementStart: i + 1 });
        break;
      case "{":
        this.stack.push({ kind: "object", start: i });
        break;
      case ",":
        if (top?.kind === "array") {
          top.elements.push(this.buf.slice(top.elementStart, i).trim());
          top.elementStart = i + 1;
        }
        break;
      case "]":
        if (top?.kind === "array") this.close();
        break;
      case "}":
        if (top?.kind === "object") this.close();
        break;
    }
  }

  private close(): void {
    this.stack.pop();
    if (this.stack.length === 0) this.buf = "";
  }
}
