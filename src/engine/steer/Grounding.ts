/**
 * The values a request gives: the text a pass's prompt was rendered from (messages, tools),
 * against which an array element is judged invented — a scalar that occurs nowhere in it. Lenient
 * on purpose (a value that might be there counts as there): numbers match by value (`3.0` is `3`,
 * `1,000` is `1000`, the sign is ignored), strings by case-insensitive substring, and `true`,
 * `false`, `null` and `""` are never invented.
 */
export class Grounding {
  private readonly lower: string;
  private readonly numbers = new Set<number>();
  private readonly seen = new Map<string, boolean | null>();

  constructor(text: string) {
    this.lower = text.toLowerCase();
    for (const m of text.matchAll(/\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) this.numbers.add(Number(m[0]));
    for (const m of text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?/g)) this.numbers.add(Number(m[0].replace(/,/g, "")));
  }

  /** Whether an array element's JSON text is a scalar that occurs nowhere in the request; null when it is not a scalar (object, array, or not JSON). */
  invents(element: string): boolean | null {
    let known = this.seen.get(element);
    if (known === undefined) {
      known = this.judge(element);
      this.seen.set(element, known);
    }
    return known;
  }

  private judge(element: string): boolean | null {
    if (element === "true" || element === "false" || element === "null") return false;
    if (/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(element)) return !this.numbers.has(Math.abs(Number(element)));
    if (element.length < 2 || !element.startsWith('"') || !element.endsWith('"')) return null;
    let content: unknown;
    try {
      content = JSON.parse(element);
    } catch {
      return null; // an escape cut short: no judgement
    }
    if (typeof content !== "string" || content === "") return false;
    // The prompt may show the value decoded (a message) or JSON-escaped (a tool's doc).
    return !this.lower.includes(content.toLowerCase()) && !this.lower.includes(element.slice(1, -1).toLowerCase());
  }
}
