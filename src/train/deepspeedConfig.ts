import type { RunConfig } from "./buildRunConfig.js";

/**
 * A DeepSpeed ZeRO-2 or ZeRO-3 config for the run, with every batch setting explicit (our loop feeds
 * micro-batches itself, so accelerate cannot fill "auto" values from a dataloader). Stage 2 follows
 * Hammer's `ds_z2_config.json` (overlapped communication, contiguous gradients, 5e8 buckets).
 */
export function deepspeedConfig(cfg: RunConfig): Record<string, unknown> {
  const stage = cfg.distributed.deepspeed ?? 2;
  const half = cfg.precision === "fp32" ? undefined : cfg.precision === "fp16" ? "fp16" : "bf16";
  const zero: Record<string, unknown> = {
    stage,
    overlap_comm: true,
    contiguous_gradients: true,
    reduce_bucket_size: 5e8,
  };
  if (stage === 2) Object.assign(zero, { allgather_partitions: true, allgather_bucket_size: 5e8, reduce_scatter: true });
  else Object.assign(zero, { stage3_gather_16bit_weights_on_model_save: true, sub_group_size: 1e9, stage3_prefetch_bucket_size: 5e8, stage3_param_persistence_threshold: 1e6 });
  return {
    train_micro_batch_size_per_gpu: cfg.optim.per_device_batch,
    gradient_accumulation_steps: cfg.optim.grad_accum,
    gradient_clipping: cfg.optim.max_grad_norm,
    zero_allow_untested_optimizer: true,
    bf16: { enabled: half === "bf16" },
    fp16: { enabled: half === "fp16" },
    zero_optimization: zero,
  };
}
