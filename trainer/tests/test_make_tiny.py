import json
import subprocess
import sys
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from hammer_trainer.make_tiny import make_tiny_model


def test_tiny_models_load_and_roundtrip_text(tiny_qwen2, tiny_llama):
    for folder, arch in ((tiny_qwen2, "qwen2"), (tiny_llama, "llama")):
        cfg = json.loads((Path(folder) / "config.json").read_text())
        assert cfg["model_type"] == arch
        tok = AutoTokenizer.from_pretrained(folder)
        text = 'Ünïcode and JSON {"a": [1, 2.5]} <|im_start|>'
        ids = tok(text, add_special_tokens=False).input_ids
        assert tok.decode(ids) == text  # byte-level BPE loses nothing
        model = AutoModelForCausalLM.from_pretrained(folder)
        assert model.config.vocab_size == len(tok)
        out = model(torch.tensor([ids])).logits
        assert out.shape == (1, len(ids), len(tok))


def test_same_seed_same_weights(tmp_path):
    a = make_tiny_model(tmp_path / "a", "qwen2", seed=3)
    b = make_tiny_model(tmp_path / "b", "qwen2", seed=3)
    assert (a / "model.safetensors").read_bytes() == (b / "model.safetensors").read_bytes()
    assert (a / "tokenizer.json").read_text() == (b / "tokenizer.json").read_text()


def test_cli_writes_a_model_folder(tmp_path):
    out = tmp_path / "m"
    res = subprocess.run(
        [sys.executable, "-m", "hammer_trainer.make_tiny", "--arch", "llama", "--out", str(out)],
        capture_output=True, text=True, cwd=Path(__file__).parents[1], check=True,
    )
    assert json.loads(res.stdout.strip().splitlines()[-1]) == {"out": str(out), "arch": "llama"}
    assert (out / "model.safetensors").is_file() and (out / "tokenizer.json").is_file()
