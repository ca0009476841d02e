import type { Engine, FinishReason } from "../../../src/engine/index.js";

export interface Outcome {
  /** `stopped`: the consumer left the stream before its done event, which stops the engine. */
  finishReason: FinishReason | "stopped";
  completionTokens: number | undefined;
}

/** Wrap an engine, recording how each generation ended (the server still talks to the real one). */
export function recordingEngine(engine: Engine, outcomes: Outcome[]): Engine {
  return {
    info: engine.info,
    async generate(request) {
      const turn = await engine.generate(request);
      outcomes.push({ finishReason: turn.finishReason, completionTokens: turn.usage.completionTokens });
      return turn;
    },
    async *stream(request) {
      let done = false;
      try {
        for await (const ev of engine.stream(request)) {
          if (ev.type === "done") {
            done = true;
            outcomes.push({ finishReason: ev.turn.finishReason, completionTokens: ev.turn.usage.completionTokens });
          }
          yield ev;
        }
      } finally {
        // Runs after the engine's own stream has returned, i.e. after it stopped generating.
        if (!done) outcomes.push({ finishReason: "stopped", completionTokens: undefined });
      }
    },
    complete: (request) => engine.complete(request),
    countTokens: (text) => engine.countTokens(text),
    close: () => engine.close(),
  };
}
