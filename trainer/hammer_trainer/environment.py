"""Process set-up every entry point shares: passive OpenMP waiting, a bounded torch thread count."""

from __future__ import annotations

import os


def configure_process() -> None:
    # Spin-waiting OpenMP threads made steps 10-20x slower on a shared 2-core machine (training.md).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import torch

    threads = os.environ.get("HAMMER_TORCH_THREADS") or os.environ.get("OMP_NUM_THREADS")
    if threads:
        torch.set_num_threads(max(1, int(threads)))


def describe_environment() -> dict:
    """Versions and devices, for `hammer train setup` (and bug reports)."""
    import accelerate
    import peft
    import safetensors
    import tokenizers
    import torch
    import transformers

    cuda = torch.cuda.is_available()
    return {
        "mismatched": check_pins(),
        "python": ".".join(map(str, __import__("sys").version_info[:3])),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "peft": peft.__version__,
        "accelerate": accelerate.__version__,
        "safetensors": safetensors.__version__,
        "tokenizers": tokenizers.__version__,
        "cuda": cuda,
        "cuda_devices": torch.cuda.device_count() if cuda else 0,
        "bf16": bool(cuda and torch.cuda.is_bf16_supported()),
        "gloo": torch.distributed.is_available() and torch.distributed.is_gloo_available(),
    }


def check_pins() -> list:
    """Installed versions that differ from requirements.txt's pins (a local suffix such as +cu132 is fine)."""
    import re
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    req = Path(__file__).resolve().parents[1] / "requirements.txt"
    out = []
    for line in req.read_text().splitlines():
        m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+)", line)
        if not m:
            continue
        name, want = m.group(1), m.group(2)
        try:
            got = version(name)
        except PackageNotFoundError:
            got = None
        if got is None or got.split("+")[0] != want:
            out.append({"name": name, "want": want, "got": got})
    return out
