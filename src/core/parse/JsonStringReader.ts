const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * The inside of one JSON string (after its opening quote), read across chunks: decoded text goes
 * to `onPiece` in runs as long as the chunk allows, escapes one at a time (`\uXXXX` as one UTF-16
 * unit, so a surrogate pair arrives as two pieces). The closing quote sets {@link closedAt}.
 */
export class JsonStringReader {
  /** Stream offset of the closing quote once the string has ended; -1 before. */
  closedAt = -1;
  private mode: "chars" | "escape" | "hex" = "chars";
  private hex = "";

  constructor(
    private readonly onPiece: (text: string) => void,
    private readonly onFail: (message: string, at: number) => void,
  ) {}

  /** A new string starts (its opening quote was just read). */
  begin(): void {
    this.mode = "chars";
    this.hex = "";
    this.closedAt = -1;
  }

  /** Process chunk[i] onwards (chunk[i] is at stream offset `at`); returns the next index. */
  step(chunk: string, i: number, at: number): number {
    if (this.mode === "chars") return this.chars(chunk, i, at);
    const c = chunk.charAt(i);
    return this.mode === "escape" ? this.escape(i, c, at) : this.hexDigit(i, c, at);
  }

  private chars(chunk: string, i: number, at: number): number {
    let j = i;
    const n = chunk.length;
    while (j < n) {
      const code = chunk.charCodeAt(j);
      if (code === 34 || code === 92 || code < 32) break;
      j++;
    }
    if (j > i) this.onPiece(chunk.slice(i, j));
    if (j >= n) return j;
    const code = chunk.charCodeAt(j);
    if (code === 34) {
      this.closedAt = at + (j - i);
      return j + 1;
    }
    if (code === 92) {
      this.mode = "escape";
      return j + 1;
    }
    this.onFail("control character in string", at + (j - i));
    return j + 1;
  }

  private escape(i: number, c: string, at: number): number {
    if (c === "u") {
      this.mode = "hex";
      this.hex = "";
      return i + 1;
    }
    const e = SIMPLE_ESCAPES[c];
    if (e === undefined) {
      this.onFail("invalid escape in string", at - 1);
      return i + 1;
    }
    this.onPiece(e);
    this.mode = "chars";
    return i + 1;
  }

  private hexDigit(i: number, c: string, at: number): number {
    if (!/[0-9a-fA-F]/.test(c)) {
      this.onFail("invalid \\u escape", at);
      return i + 1;
    }
    this.hex += c;
    if (this.hex.length === 4) {
      this.onPiece(String.fromCharCode(parseInt(this.hex, 16)));
      this.mode = "chars";
    }
    return i + 1;
  }
}
