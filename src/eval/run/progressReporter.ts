import cliProgress from "cli-progress";
import type { RunProgress } from "./runEval.js";

export interface ProgressReporter {
  update(p: RunProgress): void;
  stop(): void;
}

/**
 * Progress of an eval run on `stream`: a bar with ETA, running accuracy and error count on a
 * TTY; otherwise one line per tenth of the run (logs stay short).
 */
export function progressReporter(stream: NodeJS.WriteStream, label: string): ProgressReporter {
  const accuracy = (p: RunProgress) => (p.done === 0 ? "–" : `${((100 * p.correct) / p.done).toFixed(1)}%`);
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} {bar} {value}/{total} | ETA {eta_formatted} | accuracy {acc} | errors {errors}`, stream, etaBuffer: 50, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        if (!started) {
          bar.start(p.total, p.done, { acc: accuracy(p), errors: p.errors });
          started = true;
        } else bar.update(p.done, { acc: accuracy(p), errors: p.errors });
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let next = 0;
  return {
    update(p) {
      if (p.total === 0 || p.done < next) return;
      stream.write(`${label}: ${p.done}/${p.total} (${Math.floor((100 * p.done) / p.total)}%), accuracy ${accuracy(p)}, ${p.errors} error(s)${p.reused > 0 ? `, ${p.reused} reused` : ""}\n`);
      next = Math.min(p.total, (Math.floor((10 * p.done) / p.total) + 1) * Math.ceil(p.total / 10));
    },
    stop() {},
  };
}
