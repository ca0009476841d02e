import { Ajv, type Options } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsModule, { type FormatsPlugin } from "ajv-formats";
import { isFloatAt } from "../json/index.js";

/** Keyword the compiler adds beside an `integer`-only `type`: rejects numbers parseJson marked as floats (`5.0`). */
export const STRICT_INTEGER_KEYWORD = "x-hammer-int";

export type JsonSchemaDraft = "draft-07" | "2019-09" | "2020-12";

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats: FormatsPlugin = (formatsModule as unknown as { default?: FormatsPlugin }).default ?? (formatsModule as unknown as FormatsPlugin);

/**
 * Settings: tool authors write loose schemas, so unknown keywords (`optional`, `example`,
 * `x-hammer-*`) and unknown formats (BFCL's `"float"`) are ignored (`strict: false`) rather than
 * fatal; the meta-schema still rejects malformed keywords. No coercion, no defaults filled in.
 */
const OPTIONS: Options = { strict: false, allErrors: true, verbose: true, logger: false };

const instances = new Map<JsonSchemaDraft, Ajv>();

/** The shared ajv instance for a draft (created on first use, with formats and the strict-integer keyword). */
export function ajvFor(draft: JsonSchemaDraft): Ajv {
  let ajv = instances.get(draft);
  if (!ajv) {
    ajv = draft === "2020-12" ? new Ajv2020(OPTIONS) : draft === "2019-09" ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS);
    addFormats(ajv);
    ajv.addKeyword({
      keyword: STRICT_INTEGER_KEYWORD,
      type: "number",
      schemaType: "boolean",
      errors: false,
      // Python-typed tools (and BFCL's checker) treat 5.0 as a float: not an int.
      // Only integral values: 5.5 already fails `type`.
      validate: (on: boolean, data: unknown, _parent: unknown, cxt?: { parentData: object; parentDataProperty: string | number }) =>
        !on || !Number.isInteger(data) || cxt === undefined || cxt.parentData === undefined || !isFloatAt(cxt.parentData, cxt.parentDataProperty),
    });
    instances.set(draft, ajv);
  }
  return ajv;
}
