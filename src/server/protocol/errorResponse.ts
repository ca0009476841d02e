/** OpenAI's error body: the one shape every non-2xx response of the server has. */
export interface ErrorResponse {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}
