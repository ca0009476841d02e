import type { AddressInfo } from "node:net";
import type { Engine } from "../../../src/engine/types.js";
import { createServer, type HammerServer, type ServerOptions } from "../../../src/server/index.js";
import type { RequestLogEntry } from "../../../src/server/index.js";

export interface RunningServer {
  server: HammerServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `<url>/v1`, for SDK clients. */
  baseURL: string;
  logs: RequestLogEntry[];
  close(): Promise<void>;
}

/** Start a server for `engine` on a free loopback port, collecting its request log. */
export async function startServer(engine: Engine | Promise<Engine>, options: ServerOptions = {}): Promise<RunningServer> {
  const logs: RequestLogEntry[] = [];
  const server = createServer(engine, { ...options, onRequestLog: (e) => logs.push(e) });
  await server.listen({ host: "127.0.0.1", port: 0 });
  const { port } = server.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return { server, url, baseURL: `${url}/v1`, logs, close: () => server.hammer.shutdown(1000) };
}

/** POST JSON (or a raw string body) and return status, headers and the parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

/** Read an SSE response body into its `data:` payloads (`[DONE]` kept as the string). */
export async function readSse(res: Response): Promise<Array<any>> {
  const text = await res.text();
  const out: unknown[] = [];
  for (const block of text.split("\n\n")) {
    const line = block.trim();
    if (line === "") continue;
    if (!line.startsWith("data: ")) throw new Error(`not an SSE data line: ${JSON.stringify(line)}`);
    const data = line.slice(6);
    out.push(data === "[DONE]" ? data : JSON.parse(data));
  }
  return out;
}

/** Read a named-event SSE body (the Responses API's): each event's name and parsed data. */
export async function readNamedSse(res: Response): Promise<Array<{ event: string; data: any }>> {
  const text = await res.text();
  const out: Array<{ event: string; data: any }> = [];
  for (const block of text.split("\n\n")) {
    if (block.trim() === "") continue;
    const lines = block.split("\n");
    const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
    const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
    if (event === undefined || data === undefined || lines.length !== 2) throw new Error(`not an event block: ${JSON.stringify(block)}`);
    out.push({ event, data: JSON.parse(data) });
  }
  return out;
}
