"""Data parallelism for real on CPU: two gloo processes (batch 2 each) follow the loss curve of one
process with batch 4, and of one process accumulating two micro-batches of 2."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from hammer_trainer.config import config_to_dict
from hammer_trainer.train import train

from conftest import Recorder, run_config

ROOT = Path(__file__).parents[1]
STEPS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_processes(cfg, nproc: int) -> list[dict]:
    Path(cfg.run_dir).mkdir(parents=True, exist_ok=True)
    config = Path(cfg.run_dir) / "config.json"
    config.write_text(json.dumps(config_to_dict(cfg)))
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "torch.distributed.run", f"--nproc_per_node={nproc}", "--master_addr=127.0.0.1",
           f"--master_port={free_port()}", "-m", "hammer_trainer", "train", "--config", str(config)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-3000:]
    return [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]


def test_two_gloo_processes_match_one_process_with_the_doubled_batch(tmp_path, tiny_qwen2):
    common = dict(optim={"max_steps": STEPS, "lr": 1e-2}, sampler="sequential")
    two = run_processes(run_config(tmp_path / "two", tiny_qwen2, **{**common, "optim": {**common["optim"], "per_device_batch": 2, "grad_accum": 1}}), 2)
    start = next(e for e in two if e["event"] == "start")
    assert start["world_size"] == 2 and start["global_batch"] == 4
    two_losses = [e["loss"] for e in two if e["event"] == "step"]
    assert len(two_losses) == STEPS and sum(e["event"] == "done" for e in two) == 1  # rank 0 alone reports

    with Recorder() as one:
        train(run_config(tmp_path / "one", tiny_qwen2, **{**common, "optim": {**common["optim"], "per_device_batch": 4, "grad_accum": 1}}))
    with Recorder() as accum:
        train(run_config(tmp_path / "accum", tiny_qwen2, **{**common, "optim": {**common["optim"], "per_device_batch": 2, "grad_accum": 2}}))
    one_losses = [one.losses()[s] for s in range(1, STEPS + 1)]
    accum_losses = [accum.losses()[s] for s in range(1, STEPS + 1)]
    assert one_losses[-1] < one_losses[0]  # the run learns, so later steps compare trained weights
    for s in range(STEPS):
        assert two_losses[s] == pytest.approx(one_losses[s], abs=1e-4), s
        assert accum_losses[s] == pytest.approx(one_losses[s], abs=1e-4), s
