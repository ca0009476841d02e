import { describe, expect, it } from "vitest";
import type { RunConfig } from "./buildRunConfig.js";
import { deepspeedConfig } from "./deepspeedConfig.js";
import { launchCommand } from "./launchCommand.js";

const cfg = (d: Partial<RunConfig["distributed"]>, precision = "auto"): RunConfig =>
  ({
    precision,
    optim: { per_device_batch: 4, grad_accum: 2, max_grad_norm: 1 },
    distributed: { gpus: 0, nodes: 1, machine_rank: 0, main_process_ip: null, main_process_port: null, deepspeed: null, deepspeed_config: null, ...d },
  }) as unknown as RunConfig;

describe("launchCommand", () => {
  it("runs one process directly and several through accelerate launch", () => {
    expect(launchCommand(cfg({}), "py", "/r/config.json", false)).toEqual({ command: "py", args: ["-m", "hammer_trainer", "train", "--config", "/r/config.json"], localProcesses: 1 });
    expect(launchCommand(cfg({ gpus: 1 }), "py", "c", true).args).toEqual(["-m", "hammer_trainer", "train", "--config", "c", "--resume"]);
    const multi = launchCommand(cfg({ gpus: 4, nodes: 2, machine_rank: 1, main_process_ip: "10.0.0.1", main_process_port: 29500 }, "bf16"), "py", "c", false);
    expect(multi.localProcesses).toBe(4);
    expect(multi.args.join(" ")).toBe(
      "-m accelerate.commands.launch --num_processes 8 --num_machines 2 --machine_rank 1 --main_process_ip 10.0.0.1 --main_process_port 29500 --multi_gpu --mixed_precision bf16 --module hammer_trainer train --config c",
    );
    const ds = launchCommand(cfg({ gpus: 2, deepspeed: 2, deepspeed_config: "/r/deepspeed.json" }), "py", "c", false);
    expect(ds.args).toEqual(expect.arrayContaining(["--use_deepspeed", "--deepspeed_config_file", "/r/deepspeed.json"]));
    expect(ds.args).not.toContain("--multi_gpu");
  });

  it("writes ZeRO-2 (Hammer's settings) and ZeRO-3 configs with explicit batch sizes", () => {
    const z2 = deepspeedConfig(cfg({ deepspeed: 2 }, "bf16"));
    expect(z2).toMatchObject({ train_micro_batch_size_per_gpu: 4, gradient_accumulation_steps: 2, gradient_clipping: 1, bf16: { enabled: true }, fp16: { enabled: false } });
    expect(z2.zero_optimization).toMatchObject({ stage: 2, overlap_comm: true, contiguous_gradients: true, allgather_bucket_size: 5e8, reduce_bucket_size: 5e8 });
    const z3 = deepspeedConfig(cfg({ deepspeed: 3 }, "fp32"));
    expect(z3).toMatchObject({ bf16: { enabled: false }, zero_optimization: { stage: 3, stage3_gather_16bit_weights_on_model_save: true } });
  });
});
