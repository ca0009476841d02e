/** Upper bounds (seconds) of the request-latency histogram. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * The server's counters, rendered in Prometheus' text exposition format (version 0.0.4).
 * Gauges that belong to someone else (queue depth, in-flight) are read through callbacks at
 * scrape time so they can never drift.
 */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private promptTokens = 0;
  private completionTokens = 0;
  private readonly rejectedConnections = new Map<string, number>();

  constructor(private readonly gauges: () => { queueDepth: number; inFlight: number; parallel: number; connections: number }) {}

  /** One finished request. `errorType` is the OpenAI error type when status ≥ 400. */
  observe(route: string, status: number, seconds: number, errorType?: string): void {
    inc(this.requests, labels({ route, status: String(status) }));
    if (errorType !== undefined) inc(this.errors, labels({ route, type: errorType }));
    let h = this.latency.get(route);
    if (!h) {
      h = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(route, h);
    }
    LATENCY_BUCKETS.forEach((b, i) => {
      if (seconds <= b) (h as Histogram).counts[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
  }

  /** A connection turned away before it made a request (over the cap, headers too slow, not HTTP), by the error code it got. */
  rejectConnection(reason: string): void {
    inc(this.rejectedConnections, labels({ reason }));
  }

  addTokens(prompt: number, completion: number): void {
    this.promptTokens += prompt;
    this.completionTokens += completion;
  }

  render(): string {
    const g = this.gauges();
    const out: string[] = [];
    const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family("hammer_requests_total", "counter", "HTTP requests by route and status.");
    for (const [l, v] of this.requests) out.push(`hammer_requests_total{${l}} ${v}`);
    family("hammer_request_errors_total", "counter", "Requests answered with an error, by route and OpenAI error type.");
    for (const [l, v] of this.errors) out.push(`hammer_request_errors_total{${l}} ${v}`);
    family("hammer_prompt_tokens_total", "counter", "Prompt tokens processed.");
    out.push(`hammer_prompt_tokens_total ${this.promptTokens}`);
    family("hammer_completion_tokens_total", "counter", "Completion tokens generated.");
    out.push(`hammer_completion_tokens_total ${this.completionTokens}`);
    family("hammer_queue_depth", "gauge", "Requests waiting for a free sequence.");
    out.push(`hammer_queue_depth ${g.queueDepth}`);
    family("hammer_requests_in_flight", "gauge", "Requests being generated now.");
    out.push(`hammer_requests_in_flight ${g.inFlight}`);
    family("hammer_parallel_sequences", "gauge", "Sequences the engine decodes in parallel.");
    out.push(`hammer_parallel_sequences ${g.parallel}`);
    family("hammer_connections_open", "gauge", "Open client connections (--max-connections caps them).");
    out.push(`hammer_connections_open ${g.connections}`);
    family("hammer_connections_rejected_total", "counter", "Connections turned away before a request: over the cap, headers too slow, malformed HTTP.");
    for (const [l, v] of this.rejectedConnections) out.push(`hammer_connections_rejected_total{${l}} ${v}`);
    family("hammer_request_duration_seconds", "histogram", "Request latency, arrival to last byte.");
    for (const [route, h] of this.latency) {
      const r = labels({ route });
      LATENCY_BUCKETS.forEach((b, i) => out.push(`hammer_request_duration_seconds_bucket{${r},le="${b}"} ${h.counts[i]}`));
      out.push(`hammer_request_duration_seconds_bucket{${r},le="+Inf"} ${h.count}`);
      out.push(`hammer_request_duration_seconds_sum{${r}} ${h.sum}`);
      out.push(`hammer_request_duration_seconds_count{${r}} ${h.count}`);
    }
    return `${out.join("\n")}\n`;
  }
}

function inc(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");
}
