"""A finished run's model, loaded again: its base (with earlier stages merged in) plus its adapter."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import torch

from . import modeling
from .cgc import CgcLoraConfig, TaskRouter, cgc_config
from .config import RunConfig, load_config
from .events import TrainerError


def run_config(run_dir: str | Path) -> RunConfig:
    return load_config(Path(run_dir) / "config.json")


def output_dir(cfg: RunConfig) -> Path:
    out = cfg.run_path / ("model" if cfg.method == "full" else "adapter")
    if not out.is_dir():
        raise TrainerError("NOT_FOUND", "the run has not finished: its final output is missing (resume it first)", str(out))
    return out


def load_base_for(cfg: RunConfig, adapter_dir: Path | None, *, dtype=torch.float32):
    """The base model as the run trained it (vocabulary resized, earlier adapters merged) and its tokenizer."""
    base = modeling.resolve_model_path(cfg.model.path, cfg.model.gguf_cache_dir)
    tok = modeling.load_tokenizer(adapter_dir if adapter_dir is not None else base, None)
    model = modeling.load_model(base, dtype=dtype, attn="sdpa")
    if len(tok) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tok), mean_resizing=False)
    model = modeling.merge_adapters(model, cfg.model.merge_adapters)
    return model, tok


def load_cgc_adapter(model, adapter_dir: Path):
    """A CGC-LoRA adapter folder onto `model`: (peft model, router, task names)."""
    from peft import get_peft_model, set_peft_model_state_dict
    from safetensors.torch import load_file

    raw = json.loads((adapter_dir / "adapter_config.json").read_text())
    known = {f.name for f in fields(CgcLoraConfig)}
    kw = {k: v for k, v in raw.items() if k in known}
    router = TaskRouter()
    cfg = cgc_config(tasks=kw.pop("cgc_tasks"), r=kw.pop("r"), alpha=kw.pop("lora_alpha"), dropout=kw.pop("lora_dropout"),
                     target_modules=kw.pop("target_modules"), common_experts=kw.pop("cgc_common_experts"),
                     task_experts=kw.pop("cgc_task_experts"), task_expert_rank=kw.pop("cgc_task_expert_rank"),
                     embedding_dim=kw.pop("cgc_task_embedding_dim"), router=router,
                     **({"trainable_token_indices": kw["trainable_token_indices"]} if kw.get("trainable_token_indices") else {}))
    peft_model = get_peft_model(model, cfg)
    result = set_peft_model_state_dict(peft_model, load_file(str(adapter_dir / "adapter_model.safetensors")))
    missing = [k for k in result.missing_keys if "lora_" in k]
    if missing:
        raise TrainerError("MODEL_INVALID", f"the CGC-LoRA adapter lacks weights such as {missing[0]}", str(adapter_dir))
    return peft_model, router, cfg.cgc_tasks


def is_cgc(adapter_dir: Path) -> bool:
    raw = json.loads((adapter_dir / "adapter_config.json").read_text())
    return "cgc_tasks" in raw
