import type { FastifyInstance } from "fastify";
import { completionRequestSchema, type CompletionRequest } from "../protocol/completion.js";
import { contextOf } from "../contextOf.js";
import type { ServerState } from "../ServerState.js";
import { ServingCompletion } from "../serving/ServingCompletion.js";

export function registerCompletions(app: FastifyInstance, state: ServerState): void {
  const serving = new ServingCompletion(state);
  app.post<{ Body: CompletionRequest }>("/v1/completions", { schema: { body: completionRequestSchema } }, async (request, reply) => {
    await serving.handle(request.body, contextOf(request), reply);
    return reply;
  });
}
