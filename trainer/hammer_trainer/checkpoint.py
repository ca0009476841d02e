"""Checkpoints: `RUN/checkpoints/step-N/` holds the trainable weights, optimizer, scheduler, every rank's RNG
state and `state.json`, written last: a folder with `state.json` is complete, anything else is debris of a
killed save and is ignored (and removed by the next save)."""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file

STATE = "state.json"


def checkpoint_dir(run_dir: Path) -> Path:
    return Path(run_dir) / "checkpoints"


def complete_checkpoints(run_dir: Path) -> list[tuple[int, Path]]:
    root = checkpoint_dir(run_dir)
    if not root.is_dir():
        return []
    found = []
    for d in root.iterdir():
        if d.is_dir() and d.name.startswith("step-") and (d / STATE).is_file():
            try:
                found.append((int(d.name[5:]), d))
            except ValueError:
                continue
    return sorted(found)


def latest_checkpoint(run_dir: Path) -> Path | None:
    found = complete_checkpoints(run_dir)
    return found[-1][1] if found else None


def trainable_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    # Tied weights are one parameter: named_parameters lists it once. Clone so safetensors sees no sharing.
    return {n: p.detach().to("cpu").clone().contiguous() for n, p in model.named_parameters() if p.requires_grad}


def rng_state() -> dict:
    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def staging_dir(run_dir: Path, step: int) -> Path:
    return checkpoint_dir(run_dir) / f".step-{step:07d}.tmp"


def final_dir(run_dir: Path, step: int) -> Path:
    return checkpoint_dir(run_dir) / f"step-{step:07d}"


def save_rank_rng(tmp: Path, rank: int) -> None:
    tmp.mkdir(parents=True, exist_ok=True)
    torch.save(rng_state(), tmp / f"rng-rank{rank}.pt")


def save_main(tmp: Path, out: Path, *, model, optimizer, scheduler, state: dict, keep: int, run_dir: Path) -> Path:
    """Rank 0's part, after every rank has written its RNG state into `tmp`."""
    tmp.mkdir(parents=True, exist_ok=True)
    if model is not None:
        save_file(trainable_state(model), str(tmp / "trainable.safetensors"))
    if optimizer is not None:
        torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
    torch.save(scheduler.state_dict(), tmp / "scheduler.pt")
    (tmp / STATE).write_text(json.dumps({**state, "saved_at": time.time()}, indent=2))
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    prune(run_dir, keep, out)
    return out


def prune(run_dir: Path, keep: int, newest: Path) -> None:
    root = checkpoint_dir(run_dir)
    for d in root.iterdir():
        if d.name.startswith(".step-") and d != newest:
            shutil.rmtree(d, ignore_errors=True)
    found = complete_checkpoints(run_dir)
    for _, d in found[: max(0, len(found) - keep)]:
        shutil.rmtree(d, ignore_errors=True)


def read_state(ckpt: Path) -> dict:
    return json.loads((ckpt / STATE).read_text())


def load_trainable(model: torch.nn.Module, ckpt: Path) -> None:
    saved = load_file(str(ckpt / "trainable.safetensors"))
    params = dict(model.named_parameters())
    missing = [n for n, p in params.items() if p.requires_grad and n not in saved]
    unexpected = [n for n in saved if n not in params]
    if missing or unexpected:
        raise ValueError(f"checkpoint does not fit the model: missing {missing[:3]}, unexpected {unexpected[:3]}")
    with torch.no_grad():
        for n, t in saved.items():
            params[n].copy_(t.to(params[n].device, params[n].dtype))


def load_rank_rng(ckpt: Path, rank: int) -> None:
    p = ckpt / f"rng-rank{rank}.pt"
    if p.is_file():
        set_rng_state(torch.load(p, weights_only=False))
