import type { AssistantTurn, EngineEvent, GenerateRequest } from "../types.js";
import { EventQueue } from "./EventQueue.js";

/**
 * `Engine.stream` on top of a backend's `run(request, emit)`: events are yielded as the backend
 * emits them, then `done` with the turn; errors are rethrown to the consumer. A consumer that
 * stops iterating early aborts the generation.
 */
export async function* streamTurn(
  request: GenerateRequest,
  run: (request: GenerateRequest, emit: (event: EngineEvent) => void) => Promise<AssistantTurn>,
): AsyncIterable<EngineEvent> {
  const queue = new EventQueue<EngineEvent>();
  const stop = new AbortController();
  const signal = request.signal ? AbortSignal.any([request.signal, stop.signal]) : stop.signal;
  const done = run({ ...request, signal }, (e) => queue.push(e)).then(
    (turn) => {
      queue.push({ type: "done", turn });
      queue.end();
    },
    (e: unknown) => queue.fail(e),
  );
  try {
    yield* queue;
  } finally {
    stop.abort();
    await done;
  }
}
