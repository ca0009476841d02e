import net from "node:net";

export interface RawExchange {
  socket: net.Socket;
  /** Everything the server sent. */
  received(): string;
  /** Bytes this side wrote. */
  sent(): number;
  /** Resolves when the server closed the connection (or it failed), with what was received. */
  closed: Promise<string>;
  /** Start writing `chunk` every `everyMs` until the connection closes. */
  trickle(chunk: string, everyMs: number): void;
  write(text: string): void;
}

/** A raw TCP connection to an HTTP server, to behave as no HTTP client library would (slowly, or not at all). */
export async function rawConnect(url: string): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let received = "";
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  socket.on("data", (d: Buffer) => (received += d.toString()));
  const closed = new Promise<string>((resolve) => {
    socket.on("error", () => undefined);
    socket.once("close", () => {
      if (timer) clearInterval(timer);
      resolve(received);
    });
  });
  const write = (text: string) => {
    if (socket.destroyed || !socket.writable) return;
    socket.write(text);
    sent += Buffer.byteLength(text);
  };
  return {
    socket,
    received: () => received,
    sent: () => sent,
    closed,
    write,
    trickle(chunk, everyMs) {
      timer = setInterval(() => write(chunk), everyMs);
    },
  };
}

/** Split a raw HTTP/1.1 response into status, lower-cased headers and body. */
export function parseRawResponse(text: string): { status: number; headers: Record<string, string>; body: string } {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`no complete HTTP response head in ${JSON.stringify(text)}`);
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
  const m = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? "");
  if (!m) throw new Error(`not an HTTP/1.1 status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body: text.slice(end + 4) };
}
