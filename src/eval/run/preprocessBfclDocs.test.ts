import { describe, expect, it } from "vitest";
import { fromBfclFunctions } from "../../core/tools/index.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../../../test/support/sharedData.js";
import type { BfclFunctionDoc } from "../bfcl/types.js";
import { loadBfclCategory } from "../datasets/loadBfclCategory.js";
import { preprocessBfclDocs } from "./preprocessBfclDocs.js";

const doc = (properties: Record<string, unknown>): BfclFunctionDoc =>
  ({ name: "f", description: "Does f.", parameters: { type: "dict", properties, required: Object.keys(properties) } }) as BfclFunctionDoc;

describe("preprocessBfclDocs (BFCL's func_doc_language_specific_pre_processing)", () => {
  it("Python: only the description hint; the source docs are not modified", () => {
    const source = doc({ x: { type: "integer", description: "X." } });
    const [out] = preprocessBfclDocs([source], "Python");
    expect(out?.description).toBe("Does f. Note that the provided function is in Python 3 syntax.");
    expect(out?.parameters.properties.x).toEqual({ type: "integer", description: "X." });
    expect(source.description).toBe("Does f.");
  });

  it("Java: every parameter becomes a string with its Java type noted; list items move into the description", () => {
    const [out] = preprocessBfclDocs(
      [doc({ n: { type: "long", description: "Count." }, xs: { type: "ArrayList", description: "Names.", items: { type: "String" } }, o: { type: "any", description: "Thing." } })],
      "Java",
    );
    expect(out?.description).toBe("Does f. Note that the provided function is in Java 8 SDK syntax.");
    expect(out?.parameters.properties).toEqual({
      n: { type: "string", description: "Count. This is Java long type parameter in string representation." },
      xs: {
        type: "string",
        description: "Names. This is Java ArrayList type parameter in string representation. The list elements are of type String; they are not in string representation.",
      },
      o: { type: "string", description: "Thing. This parameter can be of any type of Java object in string representation." },
    });
  });

  it("JavaScript: arrays and dicts are described in text (dict schema as Python's json.dumps)", () => {
    const [out] = preprocessBfclDocs(
      [doc({ a: { type: "array", description: "A.", items: { type: "integer" } }, d: { type: "dict", description: "D.", properties: { k: { type: "String", description: "é" } } } })],
      "JavaScript",
    );
    expect(out?.description).toBe("Does f. Note that the provided function is in JavaScript syntax.");
    expect(out?.parameters.properties.a).toEqual({
      type: "string",
      description: "A. This is JavaScript array type parameter in string representation. The list elements are of type integer; they are not in string representation.",
    });
    expect(out?.parameters.properties.d).toEqual({
      type: "string",
      description:
        'D. This is JavaScript dict type parameter in string representation. The dictionary entries have the following schema; they are not in string representation. {"k": {"type": "String", "description": "\\u00e9"}}',
    });
  });

  it("where BFCL would crash (no description, a list without items) the missing part counts as empty", () => {
    const [out] = preprocessBfclDocs([doc({ xs: { type: "Array" } })], "Java");
    expect(out?.parameters.properties.xs).toEqual({ type: "string", description: " This is Java Array type parameter in string representation." });
  });

  it.skipIf(!HAS_SHARED_DATA)("every shared java and javascript doc converts to canonical tools afterwards", () => {
    for (const category of ["java", "javascript"] as const) {
      const loaded = loadBfclCategory(SHARED_DATA, category);
      expect(loaded?.samples.length).toBeGreaterThan(0);
      for (const s of loaded?.samples ?? []) {
        const { tools } = fromBfclFunctions(preprocessBfclDocs(s.functions, category === "java" ? "Java" : "JavaScript"));
        for (const t of tools) for (const p of Object.values(t.parameters.properties)) expect(p.type).toBe("string");
      }
    }
  });
  if (!HAS_SHARED_DATA) it.skip(`shared BFCL docs (${SKIP_SHARED_REASON})`, () => {});
});
