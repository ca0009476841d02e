import { HammerError } from "../../core/errors.js";
import type { ValidationIssue } from "../../core/validate/index.js";

/**
 * A produced call (or JSON answer) does not satisfy its schema. Code `INTERNAL` when our grammar
 * guaranteed validity (a bug), `CALL_INVALID` when it could not: the schema was widened (the
 * grammar's `warnings` say where) or the output came from a remote model without our grammar.
 */
export class InvalidCallError extends HammerError {
  constructor(
    code: "INTERNAL" | "CALL_INVALID",
    /** The call's tool name, or the response_format name for a JSON answer. */
    readonly target: string,
    /** The arguments (or answer) text as generated. */
    readonly text: string,
    readonly issues: readonly ValidationIssue[],
    /** Grammar warnings about this tool: why the grammar could not enforce its schema. */
    readonly warnings: readonly string[],
  ) {
    const first = issues[0];
    const why = first ? `${first.path || "/"}: ${first.message}` : "invalid";
    const prefix = code === "INTERNAL" ? "bug: the grammar let through an invalid" : "invalid";
    const note = warnings.length > 0 ? ` (the grammar widened this schema: ${warnings.join("; ")})` : "";
    super(code, `${prefix} ${JSON.stringify(target)} output ${clip(text)}: ${why}${note}`, { location: target });
  }
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
