import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL } from "./defaultModel.js";
import { defaultModelsDir } from "./modelsDir.js";
import { parseHfRef } from "./parseHfRef.js";

describe("parseHfRef", () => {
  it("reads owner, repo, file path and branch", () => {
    expect(parseHfRef(DEFAULT_MODEL.ref)).toEqual({ owner: "Nekuromento", repo: "Hammer2.1-1.5b-Q8_0-GGUF", file: "hammer2.1-1.5b-q8_0.gguf", branch: "main" });
    expect(parseHfRef("hf:a/b/sub/dir/m.gguf#dev")).toEqual({ owner: "a", repo: "b", file: "sub/dir/m.gguf", branch: "dev" });
  });

  it.each(["hf:a/b", "hf:a/b/model.bin", "hf:/b/m.gguf", "hf:a/b/../m.gguf", "hf:a/b/m.gguf#", "hf:a b/c/m.gguf"])("rejects %s", (ref) => {
    expect(() => parseHfRef(ref)).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });
});

describe("defaultModelsDir", () => {
  it("prefers $HAMMER_MODELS_DIR, else the platform's user cache", () => {
    expect(defaultModelsDir({ HAMMER_MODELS_DIR: "/m" }, "linux")).toBe(path.resolve("/m"));
    expect(defaultModelsDir({ XDG_CACHE_HOME: "/c" }, "linux")).toBe(path.join("/c", "hammer-fc", "models"));
    expect(defaultModelsDir({}, "darwin")).toMatch(/Library[/\\]Caches[/\\]hammer-fc[/\\]models$/);
  });
});
