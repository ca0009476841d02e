// Lint: stage boundaries and promise hygiene. Type-aware (typescript-eslint's project service).
import tseslint from "typescript-eslint";

const STAGES = ["data", "engine", "server", "eval", "train", "export", "experiment"];

/** A stage's faces: index.js, and for the server also options.js (its flag parsers, without fastify). */
const FACES = "(index|options)\\.js$";

/** Inside stage `stage`: other stages only through their faces. */
function stageBoundary(stage) {
  return {
    files: [`src/${stage}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: STAGES.filter((s) => s !== stage).map((other) => ({
            regex: `^(\\.\\./)+${other}/(?!${FACES}).+`,
            message: `import the ${other} stage only through its face, ../${other}/index.js`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "bench/out/**", "**/*.mjs", "**/*.js", "trainer/**"] },
  {
    files: ["src/**/*.ts", "test/**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: ["./tsconfig.test.json"], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  {
    // core is shared by every stage and depends on none of them (its tests may use a stage's face).
    files: ["src/core/**/*.ts"],
    ignores: ["src/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: `^(\\.\\./)+(${STAGES.join("|")}|cli)/`, message: "core must not depend on a stage or the CLI" }] },
      ],
    },
  },
  ...STAGES.map(stageBoundary),
  {
    // The CLI meets stages only through their faces.
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: `^(\\.\\./)+(${STAGES.join("|")})/(?!${FACES}).+`, message: "the CLI uses a stage only through its faces (index.js)" }] },
      ],
    },
  },
);
