"""Everything a run needs before its first step: device and precision, tokenizer, tokenised data, the
model wrapped for its method (LoRA, full, CGC-LoRA), optimizer and schedule."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from . import modeling
from .batching import StepPlan
from .cgc import TaskRouter, cgc_config
from .config import RunConfig
from .dataset import TokenizedData, build_dataset, cache_key, file_sha256
from .events import TrainerError, events


@dataclass
class Run:
    cfg: RunConfig
    tokenizer: object
    data: TokenizedData
    model: torch.nn.Module  # the PEFT / plain model (unwrapped)
    router: TaskRouter | None
    new_token_ids: list
    base_folder: Path
    label_counts: np.ndarray
    token_counts: np.ndarray


def choose_device(cfg: RunConfig) -> tuple[bool, str]:
    """(cpu, mixed precision) for the Accelerator; a missing CUDA is an ENVIRONMENT error."""
    cuda = torch.cuda.is_available()
    if (cfg.device == "cuda" or cfg.distributed.gpus > 0) and not cuda:
        raise TrainerError("ENVIRONMENT", "CUDA was asked for (--device cuda / --gpus) but torch sees no CUDA device", None)
    if cfg.distributed.gpus > torch.cuda.device_count() and cuda:
        raise TrainerError("ENVIRONMENT", f"--gpus {cfg.distributed.gpus} but this machine has {torch.cuda.device_count()} CUDA device(s)", None)
    cpu = cfg.device == "cpu" or not cuda
    precision = cfg.precision
    if precision == "auto":
        precision = "bf16" if (not cpu and torch.cuda.is_bf16_supported()) else "fp32"
    if precision in ("bf16", "fp16") and cpu:
        # CPU autocast is slow on most CPUs and fp16 needs a GPU: say so rather than crawl.
        raise TrainerError("USAGE", f"--precision {precision} needs a CUDA device; on CPU use fp32 (or auto)", None)
    if precision == "bf16" and not torch.cuda.is_bf16_supported():
        raise TrainerError("ENVIRONMENT", "this GPU does not support bf16: use --precision fp16 or fp32", None)
    return cpu, {"fp32": "no", "bf16": "bf16", "fp16": "fp16"}[precision]


def prepare_data(cfg: RunConfig, tokenizer, task_names: list | None, acc=None) -> TokenizedData:
    sha = file_sha256(cfg.data.path) if Path(cfg.data.path).is_file() else ""
    if not sha:
        raise TrainerError("NOT_FOUND", "data file not found", cfg.data.path)
    if cfg.data.sha256 and cfg.data.sha256 != sha:
        raise TrainerError("INPUT_INVALID", "the data file changed since the run started (sha256 differs)", cfg.data.path)
    template = tokenizer.chat_template
    key = cache_key(sha, tokenizer, template, max_len=cfg.data.max_len, task_field=cfg.data.task_field, system=cfg.data.system, tasks=task_names)
    cache = cfg.run_path / "cache" / f"tokens-{key}.npz"
    main = acc is None or acc.is_local_main_process
    data = None
    if main and not cache.is_file():
        events.emit("status", message=f"tokenising {cfg.data.path}")
        data = build_dataset(cfg.data.path, tokenizer, template, max_len=cfg.data.max_len, task_field=cfg.data.task_field,
                             system=cfg.data.system, task_names=task_names)
        cache.parent.mkdir(parents=True, exist_ok=True)
        data.save(cache)
    if acc is not None:
        acc.wait_for_everyone()  # the other processes of this machine read what the first one tokenised
    return data if data is not None else TokenizedData.load(cache)


def build_run(cfg: RunConfig, *, dtype: torch.dtype, resume_tasks: list | None = None, acc=None) -> Run:
    events.emit("status", message="loading the model")
    base = modeling.resolve_model_path(cfg.model.path, cfg.model.gguf_cache_dir)
    # An earlier stage's adapter folder carries its tokenizer (with any tokens that stage added).
    tok_source = Path(cfg.model.merge_adapters[-1]) if cfg.model.merge_adapters and Path(cfg.model.merge_adapters[-1], "tokenizer_config.json").is_file() else base
    tokenizer = modeling.load_tokenizer(tok_source, cfg.model.chat_template)
    model = modeling.load_model(base, dtype=dtype, attn=cfg.model.attn_implementation)
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    model = modeling.merge_adapters(model, cfg.model.merge_adapters)
    new_ids = modeling.add_tokens(model, tokenizer, cfg.model.add_special_tokens)
    data = prepare_data(cfg, tokenizer, resume_tasks, acc)
    events.emit("data", rows=data.stats["rows"], examples=data.stats["examples"], dropped_too_long=data.stats["dropped_too_long"],
                tokens=data.stats["tokens"], label_tokens=data.stats["label_tokens"], tasks=data.task_names)
    torch.manual_seed(cfg.seed)  # adapter initialisation, identical on every rank
    router = None
    if cfg.method == "full":
        for p in model.parameters():
            p.requires_grad_(True)
    else:
        from peft import LoraConfig, get_peft_model

        extra = {}
        if new_ids:
            extra["trainable_token_indices"] = new_ids
        if cfg.method == "lora":
            pcfg = LoraConfig(r=cfg.lora.r, lora_alpha=cfg.lora.alpha, lora_dropout=cfg.lora.dropout,
                              target_modules=cfg.lora.target_modules, task_type="CAUSAL_LM", **extra)
        else:
            router = TaskRouter()
            try:
                pcfg = cgc_config(tasks=data.task_names, r=cfg.lora.r, alpha=cfg.lora.alpha, dropout=cfg.lora.dropout,
                                  target_modules=cfg.lora.target_modules, common_experts=cfg.cgc.common_experts,
                                  task_experts=cfg.cgc.task_experts, task_expert_rank=cfg.cgc.task_expert_rank or 0,
                                  embedding_dim=cfg.cgc.task_embedding_dim, router=router, **extra)
            except ValueError as e:
                raise TrainerError("USAGE", str(e), "--lora-r") from None
        try:
            model = get_peft_model(model, pcfg)
        except ValueError as e:
            raise TrainerError("USAGE", f"cannot apply the adapter: {e}", "--target-modules") from None
    if cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        if hasattr(model, "enable_input_require_grads"):
            model.enable_input_require_grads()
    lengths = np.diff(data.offsets)
    labels = np.add.reduceat(data.is_label.astype(np.int64), data.offsets[:-1]) if len(data) else np.zeros(0, np.int64)
    return Run(cfg, tokenizer, data, model, router, new_ids, base, labels, lengths)


def make_optimizer(cfg: RunConfig, model: torch.nn.Module) -> torch.optim.Optimizer:
    decay, no_decay = [], []
    for _, p in model.named_parameters():
        if p.requires_grad:
            (decay if p.ndim >= 2 else no_decay).append(p)  # no decay for biases and norms, as HF's Trainer
    groups = [{"params": decay, "weight_decay": cfg.optim.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW([g for g in groups if g["params"]], lr=cfg.optim.lr, betas=(cfg.optim.adam_beta1, cfg.optim.adam_beta2), eps=cfg.optim.adam_eps)


def make_scheduler(cfg: RunConfig, optimizer, total_steps: int):
    from transformers import get_scheduler

    warmup = cfg.optim.warmup_steps if cfg.optim.warmup_steps is not None else math.ceil(total_steps * cfg.optim.warmup_ratio)
    return get_scheduler(cfg.optim.scheduler, optimizer, num_warmup_steps=warmup, num_training_steps=total_steps)


def make_plan(cfg: RunConfig, n: int, world: int) -> StepPlan:
    return StepPlan(n=n, per_device=cfg.optim.per_device_batch, grad_accum=cfg.optim.grad_accum, world=world,
                    sampler=cfg.sampler, seed=cfg.seed, epochs=cfg.optim.epochs, max_steps=cfg.optim.max_steps)


def write_json(path: Path, obj) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2))
    tmp.replace(path)
