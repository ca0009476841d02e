import cliProgress from "cli-progress";

export type ProgressOption = boolean | ((downloaded: number, total: number) => void);

export interface ProgressSink {
  update(done: number, total: number): void;
  stop(): void;
}

/** A download progress sink: true → a bar on stderr, a function → called with bytes, default → a bar when stderr is a TTY. */
export function progressSink(progress: ProgressOption | undefined, label = "downloading"): ProgressSink | null {
  if (typeof progress === "function") return { update: progress, stop: () => undefined };
  if (!(progress ?? process.stderr.isTTY)) return null;
  const mb = (n: number): number => Math.round(n / 1e6);
  const bar = new cliProgress.SingleBar({ format: `${label} {bar} {percentage}% {value}/{total} MB`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(mb(total), 0);
      started = true;
      bar.setTotal(mb(total));
      bar.update(mb(done));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
