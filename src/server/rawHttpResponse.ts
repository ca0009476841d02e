import { STATUS_CODES } from "node:http";
import type { ApiError } from "./errors/ApiError.js";

/**
 * A complete HTTP/1.1 response carrying `e` as OpenAI's error body, for a socket node's HTTP
 * layer does not (or no longer) write to: a refused connection, a client error before or while
 * its request was read. It always closes the connection.
 */
export function rawHttpResponse(e: ApiError): string {
  const body = JSON.stringify(e.toResponse());
  const headers = Object.entries(e.headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return (
    `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status] ?? "Error"}\r\n` +
    `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`
  );
}
