import type { FastifyInstance } from "fastify";
import { ApiError } from "./errors/ApiError.js";
import type { ServerState } from "./ServerState.js";

/** After the grace period, how long aborted requests get to end before connections are cut. */
const ABORT_WAIT_MS = 2_000;

/**
 * Stop gracefully: refuse new and queued requests (503), stop listening, let running requests
 * finish for `graceMs`, then abort them (streams end with an error event, others get 503) and
 * close every connection.
 */
export async function shutdownServer(app: FastifyInstance, state: ServerState, graceMs: number, dropRefused: () => void = () => undefined): Promise<void> {
  state.closing = true;
  const refuse = new ApiError(503, "The server is shutting down.", { apiCode: "shutting_down" });
  state.readyOrUndefined?.scheduler.rejectWaiting(refuse);
  const closed = app.close();
  if (!(await drained(state, graceMs))) {
    for (const ctx of state.contexts) ctx.abort("shutdown", refuse);
    await drained(state, ABORT_WAIT_MS);
  }
  app.server.closeAllConnections();
  dropRefused();
  await closed;
}

/** Wait until no request is live, at most `ms`; true when drained. */
async function drained(state: ServerState, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (state.contexts.size > 0) {
    if (performance.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
