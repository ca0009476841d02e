import type { FastifySchemaValidationError } from "fastify";
import { ApiError } from "./ApiError.js";

/**
 * Turn ajv's errors for a request body into one 400 naming the field in OpenAI's `param` style
 * (`messages[0].content`). ajv reports an `if`/`then` failure after the inner error that caused
 * it, so the first other error is the precise one.
 */
export function fromValidationErrors(errors: readonly FastifySchemaValidationError[], dataVar: string): ApiError {
  const e = errors.find((x) => x.keyword !== "if") ?? errors[0];
  if (!e) return new ApiError(400, `invalid request ${dataVar}`);
  let path = pointerToParam(e.instancePath);
  if (e.keyword === "required" && typeof e.params.missingProperty === "string") {
    path = path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty;
    return new ApiError(400, `Missing required parameter: '${path}'.`, { param: path, apiCode: "missing_required_parameter" });
  }
  const what = describe(e);
  if (!path) return new ApiError(400, `Invalid request ${dataVar}: ${what}.`);
  return new ApiError(400, `Invalid value for '${path}': ${what}.`, { param: path, apiCode: "invalid_value" });
}

function describe(e: FastifySchemaValidationError): string {
  const p = e.params;
  switch (e.keyword) {
    case "type": {
      const types = String(p.type).split(",").map((t) => (t === "null" ? "null" : `${article(t)} ${t}`));
      return `expected ${types.join(" or ")}`;
    }
    case "enum":
      return `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `expected ${JSON.stringify(p.allowedValue)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${String(p.comparison)} ${String(p.limit)}`;
    case "minItems":
      return `expected at least ${String(p.limit)} item${p.limit === 1 ? "" : "s"}`;
    case "minLength":
      return `expected at least ${String(p.limit)} character${p.limit === 1 ? "" : "s"}`;
    default:
      return e.message ?? `fails ${e.keyword}`;
  }
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? "an" : "a";
}

/** `/messages/0/content` → `messages[0].content` (JSON-pointer escapes undone). */
export function pointerToParam(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(token)) out += `[${token}]`;
    else out += out ? `.${token}` : token;
  }
  return out;
}
