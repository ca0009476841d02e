"""Shared fixtures: tiny random models made in the test session (no downloads), one torch thread."""

from __future__ import annotations

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import pytest  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)

from hammer_trainer.make_tiny import make_tiny_model  # noqa: E402


@pytest.fixture(scope="session")
def tiny_qwen2(tmp_path_factory):
    return make_tiny_model(tmp_path_factory.mktemp("tiny-qwen2"), "qwen2", seed=0)


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory):
    return make_tiny_model(tmp_path_factory.mktemp("tiny-llama"), "llama", seed=0)


from pathlib import Path  # noqa: E402

from hammer_trainer.config import RunConfig, _build, validate  # noqa: E402
from hammer_trainer.events import events  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
HAMMER64 = FIXTURES / "hammer64.jsonl"  # 64 rows of `hammer data build --format messages --task-from source`


def run_config(run_dir, model, data_file=HAMMER64, **sections) -> RunConfig:
    """A run config for tests: small LoRA, a learning rate a tiny random model moves with, few steps."""
    raw = {
        "run_dir": str(run_dir),
        "model": {"path": str(model)},
        "data": {"path": str(data_file), "max_len": 4096},
        "lora": {"r": 8, "alpha": 16},
        "optim": {"lr": 5e-3, "max_steps": 30, "per_device_batch": 2, "grad_accum": 2, "warmup_ratio": 0.0},
        "sampler": "random",
        "save_steps": 1000,
    }
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(raw.get(key), dict):
            raw[key] = {**raw[key], **value}
        else:
            raw[key] = value
    return validate(_build(RunConfig, raw, "config.json"))


class Recorder:
    """Collects the events an in-process run emits."""

    def __init__(self):
        self.events = []

    def __enter__(self):
        events.subscribe(self.events.append)
        return self

    def __exit__(self, *exc):
        events.unsubscribe(self.events.append)

    def of(self, kind):
        return [e for e in self.events if e["event"] == kind]

    def losses(self):
        return {e["step"]: e["loss"] for e in self.of("step")}
