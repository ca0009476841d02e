import { signalExitCode } from "../core/errorCodes.js";
import { HammerError } from "../core/errors.js";
import type { Engine } from "../engine/index.js";
import { createServer } from "./createServer.js";
import { formatRequestLog, type LogFormat } from "./formatRequestLog.js";
import { RejectionSummary } from "./RejectionSummary.js";
import type { ServerOptions } from "./ServerState.js";
import { findNpmLauncher, watchLauncher } from "./watchLauncher.js";

/** Where stop signals come from (`process`, or an EventEmitter in tests). */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

export interface RunServerOptions extends Omit<ServerOptions, "onRequestLog"> {
  /**
   * Check the model (download it, reach the upstream) and return what loads the engine. It runs
   * before the port is bound, so a bad reference fails with its own error and no port taken.
   */
  prepare: () => Promise<() => Promise<Engine>>;
  host: string;
  /** 0 = any free port. */
  port: number;
  /** On a stop signal: how long running requests may finish before they are aborted. */
  shutdownGraceMs: number;
  logFormat?: LogFormat;
  /** Status lines and the request log; default stdout. */
  print?: (line: string) => void;
  /** The forced-stop line; default stderr. */
  printError?: (line: string) => void;
  /** Default `process`. */
  signals?: SignalSource;
  /** A second signal while stopping ends the process at once; default `process.exit`. */
  forceExit?: (code: number) => void;
  /**
   * Stop when the npm process that started this one (`npx hammer serve`, `npm run …`) is gone:
   * npm forwards SIGTERM/SIGINT only to the shell it ran the command in, which does not pass them
   * on. Default: on when npm started this process.
   */
  stopWithLauncher?: boolean;
  /** Called once listening, with the URL (tests and embedders). */
  onListening?: (url: string) => void;
}

/**
 * `hammer serve`'s life: resolve the model, listen (/health answers `loading` meanwhile), load,
 * serve until SIGINT/SIGTERM (or npm going away), then stop gracefully — refuse new requests,
 * let running ones finish for the grace period, abort the rest, free the engine. A second signal
 * while stopping exits at once, as interrupted (130 for SIGINT, 143 for SIGTERM). Resolves with the exit code (0) once stopped; start-up
 * failures (a missing model, a port in use, the model failing to load) are thrown.
 */
export async function runServer(options: RunServerOptions): Promise<number> {
  const {
    prepare,
    host,
    port,
    shutdownGraceMs,
    logFormat = "pretty",
    print = stdoutPrinter(),
    printError = (line: string) => void process.stderr.write(`${line}\n`),
    signals = process,
    forceExit = (code: number) => process.exit(code),
    stopWithLauncher = true,
    onListening,
    ...serverOptions
  } = options;
  const started = performance.now();

  // From here on a stop request ends the server cleanly, whatever stage it is in. `on`, not
  // `once`: signal-exit (a node-llama-cpp dependency, imported when the model loads) re-raises a
  // signal it finds no other listener for, and a `once` listener is gone by the time it looks.
  let requestStop!: (reason: string) => void;
  const stop = new Promise<string>((resolve) => (requestStop = resolve));
  signals.on("SIGINT", () => requestStop("SIGINT"));
  signals.on("SIGTERM", () => requestStop("SIGTERM"));
  const launcher = stopWithLauncher ? findNpmLauncher() : undefined;
  const stopWatching = launcher ? watchLauncher(launcher, requestStop) : () => undefined;

  const log = new RejectionSummary((e) => print(formatRequestLog(e, logFormat)));
  let startLoading!: (load: () => Promise<Engine>) => void;
  const engine = new Promise<() => Promise<Engine>>((resolve) => (startLoading = resolve)).then((load) => load());
  // Created before the model is resolved so that bad options fail before any download.
  const server = createServer(engine, { ...serverOptions, onRequestLog: (e) => log.add(e) });

  const load = await Promise.race([prepare(), stop.then(() => null)]);
  if (load === null) {
    stopWatching();
    print("hammer serve: stopped before the model was ready (a partial download resumes next time)");
    return 0;
  }
  try {
    await server.listen({ host, port });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new HammerError("ENVIRONMENT", `cannot listen on ${host}:${port}: ${code === "EADDRINUSE" ? "the port is in use" : e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const address = server.server.address();
  const url = typeof address === "object" && address ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : String(address);
  print(`hammer serve: listening on ${url} (loading the model…)`);
  onListening?.(url);
  startLoading(load);

  const first = await Promise.race([engine.then(() => "loaded" as const, () => "failed" as const), stop]);
  if (first === "failed") {
    stopWatching();
    await server.hammer.shutdown(0);
    await engine; // throws the load error
  }
  if (first === "loaded") {
    const info = (await engine).info;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    print(
      `hammer serve: ready in ${seconds} s — model ${info.model} (${info.backend}, format ${info.format}, parallel ${info.parallel}${info.contextSize ? `, context ${info.contextSize}` : ""}${serverOptions.decoding === "free" ? ", free decoding (no grammar)" : ""})${serverOptions.apiKey ? ", API key required" : ""}`,
    );
  }
  const reason = await stop;
  stopWatching();
  print(`hammer serve: ${reason}, stopping (running requests have ${shutdownGraceMs / 1000} s to finish)`);
  const force = (again: "SIGINT" | "SIGTERM") => {
    printError("hammer serve: stopped without waiting");
    forceExit(signalExitCode(again)); // interrupted: 130 / 143
  };
  signals.on("SIGINT", () => force("SIGINT"));
  signals.on("SIGTERM", () => force("SIGTERM"));
  await server.hammer.shutdown(shutdownGraceMs);
  // Stopped while loading: let the load finish, then free it.
  await engine.then((e) => e.close(), () => undefined);
  log.flush();
  print("hammer serve: stopped");
  return 0;
}

/** Lines to stdout. A supervisor that stopped reading (EPIPE) must not crash a server that is stopping. */
function stdoutPrinter(): (line: string) => void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") process.stderr.write(`hammer serve: cannot write to stdout: ${e.message}\n`);
  });
  return (line) => void process.stdout.write(`${line}\n`);
}
