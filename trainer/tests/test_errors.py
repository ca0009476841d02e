"""Failures reach the CLI as one `error` event (code, message, location) and exit code 2 — never a
traceback on stdout."""

import json
import os
import subprocess
import sys
from pathlib import Path

from hammer_trainer.__main__ import classify, main
from hammer_trainer.config import config_to_dict

from conftest import Recorder, run_config

ROOT = Path(__file__).parents[1]


def run_main(*args):
    """In a child process: what the CLI sees."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-m", "hammer_trainer", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    lines = res.stdout.splitlines()
    assert all(line.startswith("{") for line in lines), res.stdout  # stdout carries events only
    return res.returncode, [json.loads(line) for line in lines], res.stderr


def main_in_process(*args):
    with Recorder() as rec:
        code = main(list(args), capture_stdout=False)
    return code, rec.events


def train_with(tmp_path, model, child=False, **sections):
    cfg = run_config(tmp_path / "run", model, **sections)
    (tmp_path / "run").mkdir(exist_ok=True)
    path = tmp_path / "run" / "config.json"
    path.write_text(json.dumps(config_to_dict(cfg)))
    if child:
        code, events, stderr = run_main("train", "--config", str(path))
        assert "Traceback" not in stderr
    else:
        code, events = main_in_process("train", "--config", str(path))
    errors = [e for e in events if e["event"] == "error"]
    assert code == 2 and len(errors) == 1, events
    return errors[0]


def test_a_bad_data_row_names_its_row(tmp_path, tiny_qwen2):
    data = tmp_path / "d.jsonl"
    data.write_text('{"instruction": "a", "input": "", "output": "b"}\n{"instruction": "a", "output": 7}\n')
    err = train_with(tmp_path, tiny_qwen2, child=True, data={"path": str(data)})
    assert err["code"] == "INPUT_INVALID" and err["location"].endswith("d.jsonl:2: row 2") and '"output" must be a string' in err["message"]


def test_a_missing_model_folder_and_a_folder_that_is_no_model(tmp_path):
    err = train_with(tmp_path, tmp_path / "nowhere")
    assert err["code"] == "NOT_FOUND" and err["location"].endswith("nowhere")
    (tmp_path / "empty").mkdir()
    err = train_with(tmp_path, tmp_path / "empty")
    assert err["code"] == "MODEL_INVALID" and "no config.json" in err["message"]
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "config.json").write_text('{"model_type": "qwen2"}')
    err = train_with(tmp_path, tmp_path / "broken")
    assert err["code"] == "MODEL_INVALID"


def test_cuda_asked_for_without_cuda_is_an_environment_error(tmp_path, tiny_qwen2):
    import torch

    if torch.cuda.is_available():
        return  # nothing to provoke on a GPU machine
    err = train_with(tmp_path, tiny_qwen2, device="cuda")
    assert err["code"] == "ENVIRONMENT" and "CUDA" in err["message"]


def test_a_bad_config_and_env():
    code, events = main_in_process("train", "--config", "/nonexistent/config.json")
    assert code == 2 and events[-1]["code"] == "NOT_FOUND"
    code, events = main_in_process("env")
    assert code == 0 and events[0]["event"] == "env" and events[0]["torch"] and events[0]["gloo"] is True


def test_out_of_memory_in_its_disguises_is_resource_exhausted():
    import torch

    assert classify(torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB"))[0] == "RESOURCE_EXHAUSTED"
    assert classify(RuntimeError("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: can't allocate memory"))[0] == "RESOURCE_EXHAUSTED"
    assert classify(MemoryError())[0] == "RESOURCE_EXHAUSTED"
    code, message = classify(ZeroDivisionError("division by zero"))
    assert code == "INTERNAL" and message == "ZeroDivisionError: division by zero"
