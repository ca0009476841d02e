import type { FastifyInstance } from "fastify";
import type { ServerState } from "../ServerState.js";

/** `GET /metrics`: Prometheus text format. */
export function registerMetrics(app: FastifyInstance, state: ServerState): void {
  app.get("/metrics", async (_request, reply) => reply.type("text/plain; version=0.0.4; charset=utf-8").send(state.metrics.render()));
}
