import type { FastifyInstance } from "fastify";
import { ApiError } from "../errors/ApiError.js";
import type { ModelList, ModelObject } from "../protocol/models.js";
import type { ServerState } from "../ServerState.js";

/** `GET /v1/models` lists the one served model; `GET /v1/models/{id}` finds it or 404s. */
export function registerModels(app: FastifyInstance, state: ServerState): void {
  const model = (): ModelObject => ({ id: state.ready().modelName, object: "model", created: state.created, owned_by: "hammer-fc" });
  app.get("/v1/models", async (): Promise<ModelList> => ({ object: "list", data: [model()] }));
  // A wildcard, not `:id`: upstream model ids often contain a slash (`MadeAgents/Hammer2.1-7b`).
  app.get<{ Params: { "*": string } }>("/v1/models/*", async (request): Promise<ModelObject> => {
    const m = model();
    const id = request.params["*"];
    if (id !== m.id) throw new ApiError(404, `The model '${id}' does not exist (this server serves '${m.id}').`, { param: "model", apiCode: "model_not_found" });
    return m;
  });
}
