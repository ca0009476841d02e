import type { RunConfig } from "./buildRunConfig.js";

export interface LaunchCommand {
  command: string;
  args: string[];
  /** Processes this machine runs (threads are shared among them). */
  localProcesses: number;
}

/**
 * One process runs the engine directly; several GPUs or machines go through `accelerate launch`
 * (data-parallel, optionally DeepSpeed with the config we wrote), which starts one process per GPU.
 */
export function launchCommand(cfg: RunConfig, python: string, configPath: string, resume: boolean): LaunchCommand {
  const engine = ["train", "--config", configPath, ...(resume ? ["--resume"] : [])];
  const d = cfg.distributed;
  const local = Math.max(1, d.gpus);
  if (local === 1 && d.nodes === 1) return { command: python, args: ["-m", "hammer_trainer", ...engine], localProcesses: 1 };
  const args = ["-m", "accelerate.commands.launch", "--num_processes", String(local * d.nodes), "--num_machines", String(d.nodes), "--machine_rank", String(d.machine_rank)];
  if (d.main_process_ip) args.push("--main_process_ip", d.main_process_ip);
  if (d.main_process_port !== null) args.push("--main_process_port", String(d.main_process_port));
  if (d.deepspeed !== null && d.deepspeed_config) args.push("--use_deepspeed", "--deepspeed_config_file", d.deepspeed_config);
  else args.push("--multi_gpu");
  if (cfg.precision === "bf16" || cfg.precision === "fp16") args.push("--mixed_precision", cfg.precision);
  args.push("--module", "hammer_trainer", ...engine);
  return { command: python, args, localProcesses: local };
}
