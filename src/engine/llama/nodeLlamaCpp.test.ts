import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));

// A resolve hook that refuses node-llama-cpp: any static import of it fails the import.
const hook = `export async function resolve(s, c, next) { if (s === "node-llama-cpp") throw new Error("node-llama-cpp was imported"); return next(s, c); }`;
const script = `
import { register } from "node:module";
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});
await import("./src/engine/index.ts");
await import("./src/data/index.ts");
console.log("engine imported");
const { loadNodeLlamaCpp } = await import("./src/engine/llama/nodeLlamaCpp.ts");
await loadNodeLlamaCpp().then(() => console.log("loaded"), (e) => console.log("refused:", e.message));
`;

describe("node-llama-cpp is imported on first use", () => {
  it("importing the engine and data stages does not load it; loadNodeLlamaCpp() does", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(out).toBe("engine imported\nrefused: node-llama-cpp was imported\n");
  });
});
