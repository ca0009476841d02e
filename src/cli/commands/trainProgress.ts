import cliProgress from "cli-progress";
import type { TrainerEvent } from "../../train/index.js";

const n = (x: number): string => x.toLocaleString("en-US");

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * What `hammer train` shows on stderr: the engine's status lines, then a progress bar with live loss,
 * learning rate, tokens/s and ETA on a terminal — or one line every `every` steps (and the last) when
 * stderr is a file or pipe.
 */
export class TrainProgress {
  private bar: cliProgress.SingleBar | undefined;
  private lastLine = 0;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly every = 10,
  ) {}

  onEvent(e: TrainerEvent): void {
    switch (e.event) {
      case "status":
        this.line(`hammer train: ${e.message}`);
        break;
      case "data":
        this.line(
          `hammer train: ${n(e.examples)} of ${n(e.rows)} rows to train on (${n(e.tokens)} tokens, ${n(e.label_tokens)} learnt)` +
            (e.dropped_too_long ? `; ${n(e.dropped_too_long)} over --max-len dropped` : "") +
            (e.tasks.length ? `; tasks ${e.tasks.join(", ")}` : ""),
        );
        break;
      case "start":
        this.line(
          `hammer train: ${e.method} on ${e.device} (${e.precision}, ${e.world_size} process${e.world_size > 1 ? "es" : ""}), ` +
            `${n(e.trainable_params)} of ${n(e.total_params)} parameters trained, ${e.global_batch} rows per step, ` +
            (e.start_step > 0 ? `resuming at step ${e.start_step} of ${e.total_steps}` : `${n(e.total_steps)} steps`),
        );
        if (this.out.isTTY) {
          this.bar = new cliProgress.SingleBar(
            { stream: this.out, hideCursor: true, format: "training |{bar}| {value}/{total} | loss {loss} | lr {lr} | {tps} tok/s | epoch {epoch} | ETA {eta_t}" },
            cliProgress.Presets.shades_classic,
          );
          this.bar.start(e.total_steps, e.start_step, { loss: "-", lr: "-", tps: "-", epoch: "0", eta_t: "?" });
        }
        break;
      case "step": {
        const fields = {
          loss: e.loss === null ? "nan" : e.loss.toFixed(4),
          lr: e.lr.toExponential(2),
          tps: e.tokens_per_s === null ? "-" : n(Math.round(e.tokens_per_s)),
          epoch: e.epoch.toFixed(2),
          eta_t: duration(e.eta_s),
        };
        if (this.bar) this.bar.update(e.step, fields);
        else if (e.step - this.lastLine >= this.every || e.step === e.total_steps || this.lastLine === 0) {
          this.lastLine = e.step;
          this.line(`step ${e.step}/${e.total_steps}  loss ${fields.loss}  lr ${fields.lr}  ${fields.tps} tok/s  epoch ${fields.epoch}  ETA ${fields.eta_t}`);
        }
        break;
      }
      case "checkpoint":
        if (!this.bar) this.line(`hammer train: checkpoint at step ${e.step}: ${e.path}`);
        break;
      default:
        break;
    }
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  line(text: string): void {
    if (this.bar) {
      // keep the bar below the message
      this.out.write(`\r\x1b[2K${text}\n`);
      return;
    }
    this.out.write(`${text}\n`);
  }
}
