import { cloneJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import type { BfclLanguage } from "../bfcl/categories.js";
import type { BfclFunctionDoc } from "../bfcl/types.js";

const HINT: Readonly<Record<BfclLanguage, string>> = {
  Python: " Note that the provided function is in Python 3 syntax.",
  Java: " Note that the provided function is in Java 8 SDK syntax.",
  JavaScript: " Note that the provided function is in JavaScript syntax.",
};

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * BFCL v3's `func_doc_language_specific_pre_processing`, applied to a copy of a sample's docs
 * before they are shown to the model: every description gets the language hint; for Java and
 * JavaScript every top-level parameter becomes type `string` (the model writes Java/JS source
 * text, which the checker converts back), with its original type noted in the description, and
 * list `items` (JavaScript dict `properties`) moved into the description. Where BFCL would crash
 * (a parameter without a description, a list without `items`) the missing part counts as empty.
 */
export function preprocessBfclDocs(docs: readonly BfclFunctionDoc[], language: BfclLanguage): BfclFunctionDoc[] {
  return docs.map((source) => {
    const doc = cloneJson(source);
    doc.description = (typeof doc.description === "string" ? doc.description : "") + HINT[language];
    if (language === "Python" || !isObj(doc.parameters) || !isObj(doc.parameters.properties)) return doc;
    for (const value of Object.values(doc.parameters.properties)) {
      if (!isObj(value)) continue;
      const type = String(value.type);
      const lang = language === "Java" ? "Java" : "JavaScript";
      let description = typeof value.description === "string" ? value.description : "";
      description +=
        type === "any" ? ` This parameter can be of any type of ${lang} object in string representation.` : ` This is ${lang} ${type} type parameter in string representation.`;
      const isList = language === "Java" ? type === "ArrayList" || type === "Array" : type === "array";
      if (isList) {
        if (isObj(value.items)) description += ` The list elements are of type ${String(value.items.type)}; they are not in string representation.`;
        delete value.items;
      }
      if (language === "JavaScript" && type === "dict" && value.properties !== undefined) {
        description += ` The dictionary entries have the following schema; they are not in string representation. ${pyJsonDumps(value.properties)}`;
        delete value.properties;
      }
      value.description = description;
      value.type = "string";
    }
    return doc;
  });
}
