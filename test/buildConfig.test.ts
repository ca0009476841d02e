import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/sharedData.js";

/** What `npm run build` compiles into `dist`: shipped code only, and shipped code never needs test tooling. */
function filesOf(config: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(REPO_ROOT, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  if (!parsed) throw new Error(`cannot read ${config}`);
  return parsed.fileNames.map((f) => path.relative(REPO_ROOT, f).split(path.sep).join("/"));
}

const isTestOnly = (f: string): boolean => f.endsWith(".test.ts") || f.split("/").includes("testing");

describe("build configuration", () => {
  const shipped = filesOf("tsconfig.build.json");

  it("leaves tests and test tooling (src/**/testing) out of dist", () => {
    expect(shipped.length).toBeGreaterThan(100);
    expect(shipped.filter(isTestOnly)).toEqual([]);
    expect(shipped).toContain("src/core/grammar/compileToolGrammar.ts");
  });

  it("the typecheck still sees the test tooling and the tests", () => {
    const checked = filesOf("tsconfig.test.json");
    expect(checked).toContain("src/core/grammar/testing/GbnfSampler.ts");
    expect(checked).toContain("src/core/grammar/grammar.property.test.ts");
  });

  it("no shipped file imports test-only code", () => {
    const offenders: string[] = [];
    for (const file of shipped) {
      const info = ts.preProcessFile(readFileSync(path.join(REPO_ROOT, file), "utf8"), true, true);
      for (const ref of info.importedFiles) {
        if (!ref.fileName.startsWith(".")) continue;
        const target = path.posix.join(path.posix.dirname(file), ref.fileName);
        if (isTestOnly(target.replace(/\.js$/, ".ts"))) offenders.push(`${file} → ${ref.fileName}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("the built CLI", () => {
  // npm links a package's own bin before `prepare` builds it, so the build must set the mode itself
  // (a fresh `npm ci` otherwise leaves `npx hammer` with "Permission denied").
  it("dist/cli/main.js is executable after npm run build", () => {
    const mode = statSync(path.join(REPO_ROOT, "dist/cli/main.js")).mode;
    expect(mode & 0o111).toBe(0o111);
  });
});
