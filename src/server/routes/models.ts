import type { FastifyInstance } from "fastify";
import { ApiError } from "../errors/ApiError.js";
import type { ModelList, ModelObject } from "../protocol/models.js";
import type { ServerState } from "../ServerState.js";

/**
 * `GET /v1/models` lists the served model, then its LoRA adapters (a request selects one by its `model`);
 * `GET /v1/models/{id}` finds one or 404s.
 */
export function registerModels(app: FastifyInstance, state: ServerState): void {
  const models = (): ModelObject[] => {
    const ready = state.ready();
    return [ready.modelName, ...ready.adapters].map((id) => ({ id, object: "model", created: state.created, owned_by: "hammer-fc" }));
  };
  app.get("/v1/models", async (): Promise<ModelList> => ({ object: "list", data: models() }));
  // A wildcard, not `:id`: upstream model ids often contain a slash (`MadeAgents/Hammer2.1-7b`).
  app.get<{ Params: { "*": string } }>("/v1/models/*", async (request): Promise<ModelObject> => {
    const all = models();
    const id = request.params["*"];
    const m = all.find((x) => x.id === id);
    if (m === undefined) throw new ApiError(404, `The model '${id}' does not exist (this server serves ${all.map((x) => `'${x.id}'`).join(", ")}).`, { param: "model", apiCode: "model_not_found" });
    return m;
  });
}
