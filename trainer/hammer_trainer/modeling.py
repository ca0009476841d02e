"""Base models: a Hugging Face causal-LM folder or a GGUF file (dequantised by transformers, converted once
and cached by the file's sha256), the tokenizer, added special tokens, and the method's trainable wrapper."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import torch

from .chat_templates import BUILTIN
from .dataset import file_sha256
from .events import TrainerError, events
from . import varlen_attention


def resolve_model_path(path: str, gguf_cache_dir: str | None) -> Path:
    """The HF folder to load: the folder itself, or the cached conversion of a GGUF file."""
    p = Path(path)
    if not p.exists():
        raise TrainerError("NOT_FOUND", "model not found", str(p))
    if p.is_file():
        if p.suffix.lower() != ".gguf":
            raise TrainerError("MODEL_INVALID", "a model is a Hugging Face model folder or a .gguf file", str(p))
        return _converted_gguf(p, gguf_cache_dir)
    if not (p / "config.json").is_file():
        raise TrainerError("MODEL_INVALID", "not a Hugging Face model folder: it has no config.json", str(p))
    return p


def _converted_gguf(gguf: Path, cache_dir: str | None) -> Path:
    with open(gguf, "rb") as f:
        if f.read(4) != b"GGUF":
            raise TrainerError("MODEL_INVALID", "not a GGUF file (bad magic)", str(gguf))
    root = Path(cache_dir) if cache_dir else default_models_dir() / "hf-from-gguf"
    out = root / file_sha256(gguf)[:16]
    if (out / ".complete").is_file():
        return out
    events.emit("status", message=f"converting {gguf.name} to a Hugging Face folder (once; cached in {out})")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tmp = root / f".{out.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    except Exception as e:
        raise TrainerError("MODEL_INVALID", f"transformers cannot load this GGUF: {e}", str(gguf)) from None
    _forget_gguf_quantizer(model)
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    (tmp / ".complete").write_text(json.dumps({"gguf": str(gguf)}))
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return out


def _forget_gguf_quantizer(model) -> None:
    # transformers dequantises GGUF weights to full precision but keeps a "gguf" quantizer marker, which
    # makes save_pretrained refuse; the weights are plain tensors, so the marker goes.
    model.hf_quantizer = None
    for obj in (model, model.config):
        if "quantization_config" in getattr(obj, "__dict__", {}):
            delattr(obj, "quantization_config")
    try:
        model.is_quantized = False
    except AttributeError:
        pass


def default_models_dir() -> Path:
    """As src/engine/model/modelsDir.ts: $HAMMER_MODELS_DIR, else hammer-fc/models in the user's cache folder."""
    if os.environ.get("HAMMER_MODELS_DIR"):
        return Path(os.environ["HAMMER_MODELS_DIR"]).resolve()
    if sys.platform == "darwin":
        cache = Path.home() / "Library" / "Caches"
    elif sys.platform == "win32":
        cache = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        cache = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return cache / "hammer-fc" / "models"


def load_tokenizer(folder: Path, chat_template: str | None):
    from transformers import AutoTokenizer

    try:
        tok = AutoTokenizer.from_pretrained(folder)
    except Exception as e:
        raise TrainerError("MODEL_INVALID", f"cannot load the model's tokenizer: {e}", str(folder)) from None
    template = resolve_template(chat_template)
    if template is not None:
        tok.chat_template = template
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


def resolve_template(chat_template: str | None) -> str | None:
    if chat_template is None:
        return None
    if chat_template in BUILTIN:
        return BUILTIN[chat_template]
    p = Path(chat_template)
    if not p.is_file():
        raise TrainerError("NOT_FOUND", f"chat template is neither a built-in ({', '.join(BUILTIN)}) nor a file", chat_template)
    return p.read_text(encoding="utf-8")


def load_model(folder: Path, *, dtype: torch.dtype, attn: str | None = None):
    from transformers import AutoModelForCausalLM

    attn = attn or varlen_attention.register()
    try:
        model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype, attn_implementation=attn)
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        raise TrainerError("MODEL_INVALID", f"cannot load the model: {_first_line(e)}", str(folder)) from None
    model.config.use_cache = False
    return model


def merge_adapters(model, adapters: list):
    """Merge earlier runs' LoRA adapters into the weights, in order (`--init-from` a LoRA run)."""
    from peft import PeftModel

    for a in adapters:
        if not Path(a, "adapter_config.json").is_file():
            raise TrainerError("NOT_FOUND", "no PEFT adapter here (adapter_config.json)", str(a))
        model = PeftModel.from_pretrained(model, a).merge_and_unload()
    return model


def add_tokens(model, tokenizer, tokens: list) -> list[int]:
    """Add tokens missing from the vocabulary; their embeddings (and output rows) start at the mean of the
    existing ones, as octupus initialises its tool-call tokens. Returns the new token ids."""
    new = [t for t in tokens if tokenizer.convert_tokens_to_ids(t) in (None, tokenizer.unk_token_id)]
    if not new:
        return []
    old_rows = model.get_input_embeddings().weight.shape[0]
    tokenizer.add_tokens(new, special_tokens=True)
    ids = [tokenizer.convert_tokens_to_ids(t) for t in new]
    # Qwen pads its embedding past the tokenizer: new ids may fall in rows that exist already. Never shrink.
    if len(tokenizer) > old_rows:
        model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    known = min(ids)
    with torch.no_grad():
        for emb in {id(m): m for m in (model.get_input_embeddings(), model.get_output_embeddings()) if m is not None}.values():
            w = emb.weight
            w[ids] = w[:known].mean(dim=0, keepdim=True).to(w.dtype)
    return ids


def _first_line(e: Exception) -> str:
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0]
