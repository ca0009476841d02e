import type { FastifyInstance } from "fastify";
import { contextOf } from "../contextOf.js";
import { responsesRequestSchema, type ResponsesRequest } from "../protocol/responsesRequest.js";
import type { ServerState } from "../ServerState.js";
import { ServingResponses } from "../serving/ServingResponses.js";

export function registerResponses(app: FastifyInstance, state: ServerState): void {
  const serving = new ServingResponses(state);
  app.post<{ Body: ResponsesRequest }>("/v1/responses", { schema: { body: responsesRequestSchema } }, async (request, reply) => {
    await serving.handle(request.body, contextOf(request), reply);
    return reply;
  });
}
