import type { HammerErrorCode } from "../core/errors.js";

/** The progress protocol of the Python engine: one JSON object per stdout line (trainer/hammer_trainer/events.py). */
export interface StatusEvent {
  event: "status";
  message: string;
}
export interface DataEvent {
  event: "data";
  rows: number;
  examples: number;
  dropped_too_long: number;
  tokens: number;
  label_tokens: number;
  tasks: string[];
}
export interface StartEvent {
  event: "start";
  total_steps: number;
  steps_per_epoch: number;
  epochs: number;
  start_step: number;
  world_size: number;
  device: string;
  precision: string;
  trainable_params: number;
  total_params: number;
  global_batch: number;
  method: string;
}
export interface StepEvent {
  event: "step";
  step: number;
  total_steps: number;
  epoch: number;
  /** null when the loss is not finite (a diverged run). */
  loss: number | null;
  lr: number;
  grad_norm: number | null;
  tokens: number;
  label_tokens: number;
  tokens_per_s: number | null;
  step_s: number;
  elapsed_s: number;
  eta_s: number;
}
export interface CheckpointEvent {
  event: "checkpoint";
  step: number;
  path: string;
}
export interface StoppedEvent {
  event: "stopped";
  step: number;
  checkpoint: string;
}
export interface DoneEvent {
  event: "done";
  output: string;
  step?: number;
  tasks?: Record<string, string>;
}
export interface ErrorEvent {
  event: "error";
  code: HammerErrorCode;
  message: string;
  location: string | null;
}
export interface EnvEvent {
  event: "env";
  [key: string]: unknown;
}
export type TrainerEvent = StatusEvent | DataEvent | StartEvent | StepEvent | CheckpointEvent | StoppedEvent | DoneEvent | ErrorEvent | EnvEvent;

const REQUIRED: Record<TrainerEvent["event"], Record<string, "number" | "string" | "object">> = {
  status: { message: "string" },
  data: { rows: "number", examples: "number", dropped_too_long: "number" },
  start: { total_steps: "number", start_step: "number", world_size: "number" },
  step: { step: "number", total_steps: "number", lr: "number" },
  checkpoint: { step: "number", path: "string" },
  stopped: { step: "number", checkpoint: "string" },
  done: { output: "string" },
  error: { code: "string", message: "string" },
  env: {},
};

/**
 * One stdout line → an event, or undefined for anything else (a launcher's own output). A line that
 * claims to be an event but lacks its fields is also undefined: it is logged, never trusted.
 */
export function parseTrainerEvent(line: string): TrainerEvent | undefined {
  if (!line.startsWith("{")) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const kind = o.event;
  if (typeof kind !== "string" || !(kind in REQUIRED)) return undefined;
  for (const [key, type] of Object.entries(REQUIRED[kind as TrainerEvent["event"]])) if (typeof o[key] !== type) return undefined;
  return o as unknown as TrainerEvent;
}
