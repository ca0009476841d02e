// Moved to test/support (every CLI test uses it).
export { runCli, startCli, type CliResult } from "../../support/runCli.js";
