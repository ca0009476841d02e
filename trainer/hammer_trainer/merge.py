"""`hammer train merge`: the run's adapter merged into its base, written as a complete Hugging Face folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import torch

from .adapters import is_cgc, load_base_for, output_dir, run_config
from .events import TrainerError, events


def merge_run(run_dir: str | Path, out: str | Path, *, task: str | None = None, dtype: str = "fp32") -> Path:
    from peft import PeftModel

    cfg = run_config(run_dir)
    final = output_dir(cfg)
    out = Path(out)
    torch_dtype = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[dtype]
    if cfg.method == "full":
        from transformers import AutoModelForCausalLM, AutoTokenizer

        model = AutoModelForCausalLM.from_pretrained(final, dtype=torch_dtype)
        tok = AutoTokenizer.from_pretrained(final)
    else:
        events.emit("status", message="loading the base model")
        model, tok = load_base_for(cfg, final)
        if is_cgc(final):
            if task is None:
                raise TrainerError("USAGE", "a cgc-lora run has one model per task: pass --task NAME", str(run_dir))
            from .export_tasks import _safe, export_tasks

            with tempfile.TemporaryDirectory() as tmp:
                written = export_tasks(run_dir, tmp)
                if task not in written:
                    raise TrainerError("USAGE", f"unknown task {task!r}: the run's tasks are {', '.join(written)}", "--task")
                model = PeftModel.from_pretrained(model, Path(tmp) / _safe(task)).merge_and_unload()
        else:
            if task is not None:
                raise TrainerError("USAGE", "--task is for cgc-lora runs", "--task")
            model = PeftModel.from_pretrained(model, final).merge_and_unload()
        model = model.to(torch_dtype)
    model.config._attn_implementation = "sdpa"
    model.save_pretrained(out)
    tok.save_pretrained(out)
    events.emit("done", output=str(out))
    return out
