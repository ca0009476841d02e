"""The run config (`RUN_DIR/config.json`): written by `hammer train`, read here, checked once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Optional, get_args, get_origin, get_type_hints

from .events import TrainerError

METHODS = ("lora", "full", "cgc-lora")
SAMPLERS = ("sequential", "random")
PRECISIONS = ("auto", "fp32", "bf16", "fp16")
DEVICES = ("auto", "cpu", "cuda")
SCHEDULERS = ("cosine", "linear", "constant", "constant_with_warmup")


@dataclass
class ModelSection:
    path: str = ""
    # Adapters merged into the base first, in order (`--init-from` a LoRA run).
    merge_adapters: list = field(default_factory=list)
    gguf_cache_dir: Optional[str] = None
    chat_template: Optional[str] = None  # built-in name ("chatml") or a template file
    add_special_tokens: list = field(default_factory=list)
    attn_implementation: Optional[str] = None  # default: padding-free varlen attention


@dataclass
class DataSection:
    path: str = ""
    task_field: Optional[str] = None
    max_len: int = 2048
    system: Optional[str] = None  # system prompt for alpaca rows without one
    sha256: Optional[str] = None


@dataclass
class LoraSection:
    r: int = 32
    alpha: float = 64
    dropout: float = 0.0
    target_modules: Any = "all-linear"


@dataclass
class CgcSection:
    common_experts: int = 2
    task_experts: int = 1
    task_expert_rank: Optional[int] = None
    task_embedding_dim: int = 64


@dataclass
class OptimSection:
    lr: float = 5e-5
    scheduler: str = "cosine"
    warmup_ratio: float = 0.00833
    warmup_steps: Optional[int] = None
    weight_decay: float = 0.01
    epochs: float = 1.0
    max_steps: Optional[int] = None
    per_device_batch: int = 4
    grad_accum: int = 2
    max_grad_norm: float = 1.0
    adam_beta1: float = 0.9
    adam_beta2: float = 0.999
    adam_eps: float = 1e-8


@dataclass
class DistributedSection:
    gpus: int = 0  # 0: whatever `device` gives one process
    nodes: int = 1
    machine_rank: int = 0
    main_process_ip: Optional[str] = None
    main_process_port: Optional[int] = None
    deepspeed: Optional[int] = None  # ZeRO stage 2 or 3
    deepspeed_config: Optional[str] = None


@dataclass
class RunConfig:
    run_dir: str = ""
    method: str = "lora"
    model: ModelSection = field(default_factory=ModelSection)
    data: DataSection = field(default_factory=DataSection)
    lora: LoraSection = field(default_factory=LoraSection)
    cgc: CgcSection = field(default_factory=CgcSection)
    optim: OptimSection = field(default_factory=OptimSection)
    distributed: DistributedSection = field(default_factory=DistributedSection)
    sampler: str = "sequential"
    seed: int = 42
    precision: str = "auto"
    device: str = "auto"
    gradient_checkpointing: bool = False
    save_steps: int = 500
    save_total_limit: int = 2
    init_from: Optional[str] = None
    version: int = 1

    @property
    def run_path(self) -> Path:
        return Path(self.run_dir)


def _build(cls, data: Any, where: str):
    if not isinstance(data, dict):
        raise TrainerError("INPUT_INVALID", f"expected an object, got {type(data).__name__}", where)
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise TrainerError("INPUT_INVALID", f"unknown key(s) {', '.join(unknown)}", where)
    values = {}
    for name, value in data.items():
        hint = hints[name]
        if is_dataclass(hint):
            values[name] = _build(hint, value, f"{where}.{name}")
        else:
            values[name] = _check(hint, value, f"{where}.{name}")
    return cls(**values)


def _check(hint, value, where):
    if get_origin(hint) is Optional or (get_origin(hint) is not None and type(None) in get_args(hint)):
        if value is None:
            return None
        hint = next(a for a in get_args(hint) if a is not type(None))
    if hint is Any:
        return value
    ok = {
        int: isinstance(value, int) and not isinstance(value, bool),
        float: isinstance(value, (int, float)) and not isinstance(value, bool),
        str: isinstance(value, str),
        bool: isinstance(value, bool),
        list: isinstance(value, list),
    }.get(hint, True)
    if not ok:
        raise TrainerError("INPUT_INVALID", f"expected {getattr(hint, '__name__', hint)}, got {json.dumps(value)}", where)
    return float(value) if hint is float else value


def validate(cfg: RunConfig) -> RunConfig:
    def bad(what: str, key: str):
        raise TrainerError("INPUT_INVALID", what, f"config.json:{key}")

    if cfg.method not in METHODS:
        bad(f"method must be one of {', '.join(METHODS)}", "method")
    if cfg.sampler not in SAMPLERS:
        bad(f"sampler must be one of {', '.join(SAMPLERS)}", "sampler")
    if cfg.precision not in PRECISIONS:
        bad(f"precision must be one of {', '.join(PRECISIONS)}", "precision")
    if cfg.device not in DEVICES:
        bad(f"device must be one of {', '.join(DEVICES)}", "device")
    if cfg.optim.scheduler not in SCHEDULERS:
        bad(f"scheduler must be one of {', '.join(SCHEDULERS)}", "optim.scheduler")
    if not cfg.run_dir:
        bad("run_dir is required", "run_dir")
    if not cfg.model.path:
        bad("model.path is required", "model.path")
    if not cfg.data.path:
        bad("data.path is required", "data.path")
    positive = {
        "data.max_len": cfg.data.max_len,
        "lora.r": cfg.lora.r,
        "optim.per_device_batch": cfg.optim.per_device_batch,
        "optim.grad_accum": cfg.optim.grad_accum,
        "save_steps": cfg.save_steps,
        "cgc.common_experts": cfg.cgc.common_experts,
        "cgc.task_experts": cfg.cgc.task_experts,
        "cgc.task_embedding_dim": cfg.cgc.task_embedding_dim,
        "distributed.nodes": cfg.distributed.nodes,
    }
    for key, v in positive.items():
        if v < 1:
            bad(f"must be at least 1, got {v}", key)
    if not cfg.optim.lr > 0:
        bad("must be positive", "optim.lr")
    if not 0 <= cfg.optim.warmup_ratio < 1:
        bad("must be in [0, 1)", "optim.warmup_ratio")
    if not cfg.optim.epochs > 0:
        bad("must be positive", "optim.epochs")
    if cfg.optim.max_steps is not None and cfg.optim.max_steps < 1:
        bad("must be at least 1", "optim.max_steps")
    if not 0 <= cfg.lora.dropout < 1:
        bad("must be in [0, 1)", "lora.dropout")
    if cfg.method == "cgc-lora" and not cfg.data.task_field:
        bad("cgc-lora needs data.task_field (the record field naming each row's task)", "data.task_field")
    if cfg.distributed.deepspeed not in (None, 2, 3):
        bad("deepspeed must be 2 or 3", "distributed.deepspeed")
    return cfg


def load_config(path: str | Path) -> RunConfig:
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TrainerError("NOT_FOUND", "run config not found", str(p)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise TrainerError("INPUT_INVALID", f"run config is not valid JSON: {e}", str(p)) from None
    return validate(_build(RunConfig, raw, "config.json"))


def config_to_dict(cfg: RunConfig) -> dict:
    from dataclasses import asdict

    return asdict(cfg)
