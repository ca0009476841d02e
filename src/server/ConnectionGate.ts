import type { Server } from "node:http";
import type { Socket } from "node:net";
import { ApiError } from "./errors/ApiError.js";
import { rawHttpResponse } from "./rawHttpResponse.js";

/** How long a refused connection may keep sending before it is cut (its request is read and dropped meanwhile). */
const REFUSED_LINGER_MS = 2_000;

/**
 * A cap on open connections, in front of node's HTTP parser. A connection over the cap gets a
 * complete `503` (OpenAI's error body, `Retry-After`, `Connection: close`) and is closed, instead
 * of `server.maxConnections`' silent reset that clients report as a network failure. What it sends
 * meanwhile is read and dropped, so the close is a FIN and the client can read the 503.
 */
export class ConnectionGate {
  private readonly accepted = new WeakMap<Socket, number>();
  private readonly refusedSockets = new Set<Socket>();
  private live = 0;

  constructor(
    server: Server,
    private readonly maxConnections: number,
    private readonly onRefused: (e: ApiError) => void,
  ) {
    // node's HTTP server takes sockets through its one 'connection' listener: only admitted ones reach it.
    const httpListeners = server.listeners("connection") as Array<(socket: Socket) => void>;
    server.removeAllListeners("connection");
    server.on("connection", (socket: Socket) => {
      if (this.maxConnections > 0 && this.live >= this.maxConnections) {
        this.refuse(socket);
        return;
      }
      this.live++;
      this.accepted.set(socket, performance.now());
      socket.once("close", () => this.live--);
      for (const listener of httpListeners) listener.call(server, socket);
    });
  }

  /** Connections admitted and still open. */
  get open(): number {
    return this.live;
  }

  /** Milliseconds since `socket` was admitted (0 when unknown). */
  ageMs(socket: Socket): number {
    const t = this.accepted.get(socket);
    return t === undefined ? 0 : performance.now() - t;
  }

  /** Cut refused connections still lingering (shutdown). */
  destroyRefused(): void {
    for (const s of this.refusedSockets) s.destroy();
  }

  private refuse(socket: Socket): void {
    this.refusedSockets.add(socket);
    socket.once("close", () => this.refusedSockets.delete(socket));
    socket.on("error", () => undefined);
    const e = new ApiError(503, `The server has ${this.maxConnections} open connections, its limit (--max-connections); retry shortly.`, {
      apiCode: "too_many_connections",
      headers: { "retry-after": "1" },
    });
    socket.end(rawHttpResponse(e));
    socket.resume();
    socket.setTimeout(REFUSED_LINGER_MS, () => socket.destroy());
    this.onRefused(e);
  }
}
