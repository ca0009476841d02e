import { compileJsonObjectGrammar, compileSchemaGrammar, type CompiledGrammar } from "../../core/grammar/index.js";
import type { RequestPlan } from "./planRequest.js";

/** The grammar of a `response_format` answer: any JSON object, or JSON valid for the schema. */
export function jsonAnswerGrammar(json: NonNullable<RequestPlan["json"]>): CompiledGrammar {
  return json.kind === "json_object" ? compileJsonObjectGrammar() : compileSchemaGrammar(json.schema, { name: json.name });
}
