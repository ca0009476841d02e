/** What the server reports about each finished request (one log line). */
export interface RequestLogEntry {
  time: Date;
  method: string;
  path: string;
  status: number;
  /** Arrival to last byte (or to the client leaving). */
  ms: number;
  stream: boolean;
  promptTokens?: number;
  completionTokens?: number;
  /** Why it ended early: `client_closed`, `timeout`, `shutdown`. */
  aborted?: string;
  error?: string;
  /** A summary line (RejectionSummary): this many rejections like this one arrived over `windowMs`, the fields are the last one's. */
  count?: number;
  windowMs?: number;
}

export type LogFormat = "pretty" | "json";

/** One line, no trailing newline. `json` is a JSON object per line (for log shippers). */
export function formatRequestLog(e: RequestLogEntry, format: LogFormat): string {
  if (format === "json") {
    return JSON.stringify({
      time: e.time.toISOString(),
      method: e.method,
      path: e.path,
      status: e.status,
      ms: Math.round(e.ms * 10) / 10,
      stream: e.stream,
      prompt_tokens: e.promptTokens,
      completion_tokens: e.completionTokens,
      aborted: e.aborted,
      error: e.error,
      count: e.count,
      window_ms: e.windowMs,
    });
  }
  if (e.count !== undefined) {
    return `${e.time.toISOString()} ${e.method} ${e.path} ${e.status} ×${e.count} in ${((e.windowMs ?? 0) / 1000).toFixed(1)} s${e.error ? ` — last: ${e.error.replace(/\s+/g, " ")}` : ""}`;
  }
  const tokens = e.promptTokens !== undefined ? ` ${e.promptTokens}+${e.completionTokens ?? 0} tok` : "";
  const extra = `${e.stream ? " stream" : ""}${e.aborted ? ` aborted:${e.aborted}` : ""}${e.error ? ` — ${e.error.replace(/\s+/g, " ")}` : ""}`;
  return `${e.time.toISOString()} ${e.method} ${e.path} ${e.status}${tokens} ${e.ms.toFixed(1)}ms${extra}`;
}
