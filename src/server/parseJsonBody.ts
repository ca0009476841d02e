import type { FastifyInstance } from "fastify";
import { isHammerError } from "../core/errors.js";
import { parseJson } from "../core/json/index.js";
import { ApiError } from "./errors/ApiError.js";

/** Nesting allowed in a request body (tool schemas included); deeper is a 400, never a stack overflow. */
export const MAX_BODY_DEPTH = 256;

/**
 * Parse every body as JSON whatever its content type (curl -d sends form-urlencoded),
 * losslessly, so `5.0` in a tool schema or argument stays a float in the prompt.
 */
export function parseJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === "") {
      done(new ApiError(400, "The request body is empty; expected a JSON object.", { apiCode: "invalid_body" }), undefined);
      return;
    }
    try {
      done(null, parseJson(text, { maxDepth: MAX_BODY_DEPTH }));
    } catch (e) {
      const why = isHammerError(e) ? e.message : String(e);
      done(new ApiError(400, `We could not parse the JSON body of your request: ${why}.`, { apiCode: "invalid_json", hammerCode: "JSON_SYNTAX" }), undefined);
    }
  });
}
