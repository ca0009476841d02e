import path from "node:path";

/** The name a local model is reported under when none is given: its file name without `.gguf`. */
export function modelNameOf(file: string): string {
  return path.basename(file).replace(/\.gguf$/i, "");
}
