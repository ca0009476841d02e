import type { FastifyInstance } from "fastify";
import { chatCompletionRequestSchema, type ChatCompletionRequest } from "../protocol/chatCompletionRequest.js";
import { contextOf } from "../contextOf.js";
import type { ServerState } from "../ServerState.js";
import { ServingChat } from "../serving/ServingChat.js";

export function registerChatCompletions(app: FastifyInstance, state: ServerState): void {
  const serving = new ServingChat(state);
  app.post<{ Body: ChatCompletionRequest }>("/v1/chat/completions", { schema: { body: chatCompletionRequestSchema } }, async (request, reply) => {
    await serving.handle(request.body, contextOf(request), reply);
    return reply;
  });
}
