import { ERROR_CODE_NAMES, ERROR_CODES, EXIT_CODE_MEANINGS } from "../core/errorCodes.js";

/** The exit-code section of `hammer --help`, from the error-code table. */
export function exitCodeHelp(): string {
  const lines = EXIT_CODE_MEANINGS.map(({ exitCode, meaning }) => {
    const codes = ERROR_CODE_NAMES.filter((c) => ERROR_CODES[c].exitCode === exitCode);
    return `  ${String(exitCode).padEnd(4)} ${meaning}${codes.length > 0 ? `\n       ${codes.join(", ")}` : ""}`;
  });
  return `\nExit codes (and the error codes behind them):\n${lines.join("\n")}\n`;
}
