"""`hammer train export-tasks`: one standard PEFT LoRA adapter per task of a CGC-LoRA run.

Task t's gate weights are constants after training, so its mixture Σ ω_{t,i} B_i A_i is one LoRA pair of
rank (common ranks + t's expert ranks), exported with lora_alpha = r so PEFT's scaling is 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import save_file

from .adapters import load_base_for, load_cgc_adapter, output_dir, run_config
from .cgc import cgc_layers, task_lora
from .events import TrainerError, events


def export_tasks(run_dir: str | Path, out: str | Path) -> dict:
    cfg = run_config(run_dir)
    if cfg.method != "cgc-lora":
        raise TrainerError("USAGE", f"export-tasks needs a cgc-lora run; this run's method is {cfg.method}", str(run_dir))
    adapter = output_dir(cfg)
    events.emit("status", message="loading the base model and the CGC-LoRA adapter")
    model, tok = load_base_for(cfg, adapter)
    peft_model, _, tasks = load_cgc_adapter(model, adapter)
    peft_model.eval()
    layers = list(cgc_layers(peft_model))
    out = Path(out)
    written = {}
    for t, name in enumerate(tasks):
        tensors = {}
        rank = None
        for module_name, layer in layers:
            a, b = task_lora(layer, t)
            rank = a.shape[0]
            key = module_name.removeprefix("base_model.model.")
            tensors[f"base_model.model.{key}.lora_A.weight"] = a
            tensors[f"base_model.model.{key}.lora_B.weight"] = b
        target = sorted({n.rsplit(".", 1)[-1] for n, _ in layers})
        folder = out / _safe(name)
        folder.mkdir(parents=True, exist_ok=True)
        adapter_config = {
            "peft_type": "LORA",
            "task_type": "CAUSAL_LM",
            "base_model_name_or_path": str(cfg.model.path),
            "r": rank,
            "lora_alpha": rank,  # scaling 1: the gate weights and alpha / r are folded into B
            "lora_dropout": 0.0,
            "target_modules": target,
            "bias": "none",
            "fan_in_fan_out": False,
            "inference_mode": True,
            "init_lora_weights": True,
            "modules_to_save": None,
        }
        (folder / "adapter_config.json").write_text(json.dumps(adapter_config, indent=2))
        save_file({k: v.to(torch.float32).contiguous() for k, v in tensors.items()}, str(folder / "adapter_model.safetensors"))
        tok.save_pretrained(folder)
        written[name] = str(folder)
    events.emit("done", output=str(out), tasks=written)
    return written


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip(".")
    return keep or "task"
