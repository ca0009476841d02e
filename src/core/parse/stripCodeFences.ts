/**
 * Remove every ``` fence marker, with the language tag of an opening fence (```json always, as
 * Hammer's evaluate.py does; other tags only when a line break follows, so "```Done here" keeps
 * its text), and trim. What Hammer's and BFCL's own decoders do before `json.loads`.
 */
export function stripCodeFences(text: string): string {
  return text.replace(/```(?:json|[A-Za-z][\w+.-]{0,31}(?=\r?\n))?/g, "").trim();
}
