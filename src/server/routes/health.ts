import type { FastifyInstance } from "fastify";
import type { ServerState } from "../ServerState.js";

/** `GET /health`: 200 `{status: "ok"}` once the model is loaded, 503 while loading, failed or shutting down. No auth. */
export function registerHealth(app: FastifyInstance, state: ServerState): void {
  app.get("/health", async (_request, reply) => {
    if (state.closing) return reply.code(503).send({ status: "shutting_down" });
    const status = state.status;
    if (status === "ok") return { status };
    if (status === "loading") return reply.code(503).header("retry-after", "1").send({ status });
    return reply.code(503).send({ status, error: state.loadErrorMessage });
  });
}
