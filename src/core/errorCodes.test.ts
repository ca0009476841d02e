import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CODE_NAMES, ERROR_CODES, EXIT_CODE_MEANINGS, EXIT_CODES, exitCodeOf } from "./errorCodes.js";
import { HammerError, type HammerErrorCode } from "./errors.js";
import { fromSystemError, systemErrorCode } from "./fromSystemError.js";

const exitOf = (code: HammerErrorCode) => ERROR_CODES[code].exitCode;

describe("the error-code table", () => {
  it("gives every code an exit code with a documented meaning, an HTTP error status, an OpenAI type and a meaning", () => {
    expect(ERROR_CODE_NAMES).toHaveLength(18);
    const documented = new Set(EXIT_CODE_MEANINGS.map((m) => m.exitCode));
    for (const code of ERROR_CODE_NAMES) {
      const info = ERROR_CODES[code];
      expect(documented.has(info.exitCode), code).toBe(true);
      expect(info.exitCode, code).not.toBe(0);
      expect(info.httpStatus >= 400 && info.httpStatus <= 599, code).toBe(true);
      expect(info.apiType, code).toMatch(/^[a-z_]+_error$/);
      expect(info.apiCode === null || /^[a-z_]+$/.test(info.apiCode), code).toBe(true);
      expect(info.meaning.length, code).toBeGreaterThan(10);
    }
    // every documented exit code but success is some code's
    for (const { exitCode } of EXIT_CODE_MEANINGS) if (exitCode !== 0) expect(ERROR_CODE_NAMES.some((c) => exitOf(c) === exitCode), String(exitCode)).toBe(true);
  });

  it("tells the classes apart: usage, bad input, model, network, environment, internal, failed check, interrupted", () => {
    const classes = { USAGE: 2, INPUT_INVALID: 3, MODEL_INVALID: 4, NETWORK: 5, ENVIRONMENT: 6, INTERNAL: 70, CHECK_FAILED: 1, ABORTED: 130 } as const;
    for (const [code, exit] of Object.entries(classes)) expect(exitOf(code as HammerErrorCode), code).toBe(exit);
    expect(new Set(Object.values(classes)).size).toBe(Object.keys(classes).length);
    for (const c of ["JSON_SYNTAX", "SCHEMA_INVALID", "SCHEMA_UNSUPPORTED", "NOT_FOUND", "LIMIT_EXCEEDED", "CONTEXT_LENGTH_EXCEEDED"] as const) expect(exitOf(c), c).toBe(3);
    for (const c of ["OUTPUT_PARSE", "CALL_INVALID"] as const) expect(exitOf(c), c).toBe(4);
    expect(exitOf("TIMEOUT")).toBe(5);
    expect(exitOf("RESOURCE_EXHAUSTED")).toBe(6);
  });

  it("keeps the server's statuses: model output 422, upstream 502, timeout 504, only bugs and broken models 500", () => {
    const status = (c: HammerErrorCode) => ERROR_CODES[c].httpStatus;
    expect(ERROR_CODE_NAMES.filter((c) => status(c) === 500).sort()).toEqual(["INTERNAL", "MODEL_INVALID"]);
    expect([status("OUTPUT_PARSE"), status("CALL_INVALID"), status("NETWORK"), status("TIMEOUT"), status("NOT_FOUND")]).toEqual([422, 422, 502, 504, 404]);
    expect(ERROR_CODES.CONTEXT_LENGTH_EXCEEDED).toMatchObject({ httpStatus: 400, apiCode: "context_length_exceeded", apiType: "invalid_request_error" });
  });

  it("exitCodeOf: a HammerError's code decides; anything else is internal", () => {
    expect(exitCodeOf(new HammerError("NOT_FOUND", "x"))).toBe(3);
    expect(exitCodeOf(new Error("boom"))).toBe(EXIT_CODES.internal);
    expect(exitCodeOf("a string")).toBe(70);
    expect(exitCodeOf(Object.assign(new Error("looks like one"), { code: "USAGE" }))).toBe(70);
  });

  it("is the table the README documents", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Exit codes"));
    for (const { exitCode } of EXIT_CODE_MEANINGS) {
      const codes = ERROR_CODE_NAMES.filter((c) => exitOf(c) === exitCode);
      const line = section.split("\n").find((l) => l.startsWith(`| ${exitCode} |`));
      expect(line, `README row for exit code ${exitCode}`).toBeDefined();
      for (const c of codes) expect(line, `${c} in the README row of ${exitCode}`).toContain(`\`${c}\``);
    }
  });
});

describe("fromSystemError", () => {
  const sys = (code: string, message: string) => Object.assign(new Error(message), { code, syscall: "open" });

  it("classifies by errno and says why in words, with the path as location", () => {
    const e = fromSystemError(sys("EISDIR", "EISDIR: illegal operation on a directory, read"), "cannot read the input", "/data");
    expect(e).toMatchObject({ code: "INPUT_INVALID", location: "/data", message: "cannot read the input: illegal operation on a directory (EISDIR)" });
    expect(e.describe()).toBe("/data: cannot read the input: illegal operation on a directory (EISDIR)");
    expect(systemErrorCode(sys("ENOENT", ""))).toBe("NOT_FOUND");
    expect(systemErrorCode(sys("ENOSPC", ""))).toBe("ENVIRONMENT");
    expect(systemErrorCode(sys("ENOMEM", ""))).toBe("RESOURCE_EXHAUSTED");
    expect(systemErrorCode(sys("ECONNREFUSED", ""))).toBe("NETWORK");
    expect(systemErrorCode(sys("EWHATEVER", ""))).toBe("ENVIRONMENT");
    expect(systemErrorCode(new Error("no errno"))).toBe("INTERNAL");
    const h = new HammerError("LIMIT_EXCEEDED", "kept");
    expect(fromSystemError(h, "x", "y")).toBe(h);
  });
});
