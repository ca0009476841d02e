/** `GET /v1/models` and `GET /v1/models/{id}`. */
export interface ModelObject {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

export interface ModelList {
  object: "list";
  data: ModelObject[];
}
