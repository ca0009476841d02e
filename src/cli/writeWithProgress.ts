import cliProgress from "cli-progress";

/** What a long file write reports: bytes written so far of the total. */
export type ByteProgress = (written: number, total: number) => void;

/**
 * Runs a file-writing job with a megabyte progress bar on a terminal (none when stderr is piped or `show` is false),
 * then prints its result as one JSON line with `seconds` rounded to milliseconds.
 */
export async function writeWithProgress<R extends { seconds: number }>(
  verb: string,
  show: boolean,
  job: (onProgress: ByteProgress | undefined) => Promise<R>,
): Promise<void> {
  const bar = show && process.stderr.isTTY ? new cliProgress.SingleBar({ format: `${verb} {bar} {percentage}% {value}/{total} MB` }) : undefined;
  const mb = (n: number) => Math.round(n / 1e6);
  let started = false;
  try {
    const result = await job(
      bar
        ? (written, total) => {
            if (!started) bar.start(mb(total), 0);
            started = true;
            bar.update(mb(written));
          }
        : undefined,
    );
    bar?.stop();
    process.stdout.write(`${JSON.stringify({ ...result, seconds: Number(result.seconds.toFixed(3)) })}\n`);
  } finally {
    bar?.stop();
  }
}
