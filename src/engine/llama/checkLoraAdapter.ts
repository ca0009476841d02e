import { HammerError } from "../../core/errors.js";
import { readGgufHeader, type GgufSummary } from "../../core/gguf/index.js";

/**
 * Check a GGUF LoRA adapter against the base model before llama.cpp loads it: llama.cpp's own checks
 * end in one generic "failed to apply lora adapter". The file must be a LoRA adapter (`general.type =
 * adapter`, `adapter.type = lora`) for the base's architecture, and every `X.lora_a` / `X.lora_b` pair must
 * fit base tensor X (a: [in, r], b: [r, out]).
 */
export async function checkLoraAdapter(file: string, name: string, base: GgufSummary): Promise<void> {
  const header = await readGgufHeader(file);
  const bad = (what: string): never => {
    throw new HammerError("MODEL_INVALID", `LoRA adapter "${name}" (${file}): ${what}`, { location: file });
  };
  const str = (key: string) => {
    const v = header.metadata.get(key);
    return v?.type === "string" ? v.value : undefined;
  };
  if (str("general.type") !== "adapter" || str("adapter.type") !== "lora") bad("not a GGUF LoRA adapter (general.type adapter, adapter.type lora); write one with hammer export lora");
  const arch = str("general.architecture");
  if (arch !== base.architecture) bad(`made for architecture ${String(arch)}, but the model is ${base.architecture}`);
  const baseTensors = new Map(base.tensors.map((t) => [t.name, t.dims]));
  const pairs = new Map<string, { a?: number[]; b?: number[] }>();
  for (const t of header.tensors) {
    const m = /^(.+)\.lora_([ab])$/.exec(t.name);
    if (m === null) return bad(`tensor "${t.name}" is not a .lora_a / .lora_b matrix`);
    const pair = pairs.get(m[1] as string) ?? {};
    pair[m[2] as "a" | "b"] = t.dims;
    pairs.set(m[1] as string, pair);
  }
  if (pairs.size === 0) bad("holds no LoRA tensors");
  for (const [target, { a, b }] of pairs) {
    if (a === undefined || b === undefined) return bad(`"${target}" has only one of lora_a and lora_b`);
    const w = baseTensors.get(target);
    if (w === undefined) return bad(`changes "${target}", which the model does not have (an adapter for another base model?)`);
    if (a[0] !== w[0] || b[1] !== w[1] || a[1] !== b[0]) {
      bad(`lora_a [${a.join(", ")}] and lora_b [${b.join(", ")}] do not fit "${target}" [${w.join(", ")}] (an adapter for another base model?)`);
    }
  }
}
