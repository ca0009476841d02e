"""Training the tiny Qwen2 and Llama models end to end: loss goes down, a checkpoint resumes exactly,
the adapter is a standard PEFT adapter that loads and changes the model's outputs."""

import json
import shutil

import pytest
import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoTokenizer

from hammer_trainer import checkpoint as ckpt
from hammer_trainer.config import config_to_dict
from hammer_trainer.merge import merge_run
from hammer_trainer.train import train

from conftest import Recorder, run_config


def mean(xs):
    return sum(xs) / len(xs)


@pytest.fixture(scope="module")
def qwen_run(tmp_path_factory, tiny_qwen2):
    run = tmp_path_factory.mktemp("qwen-run")
    cfg = run_config(run, tiny_qwen2, save_steps=10, save_total_limit=10, data={"task_field": "task"})
    (run / "config.json").write_text(json.dumps(config_to_dict(cfg)))  # `hammer train` writes it in real runs
    with Recorder() as rec:
        result = train(cfg)
    return run, cfg, rec, result


def test_loss_decreases_over_30_steps(qwen_run):
    _, _, rec, result = qwen_run
    losses = rec.losses()
    assert result == {"stopped": False, "step": 30, "output": str(qwen_run[0] / "adapter")}
    assert sorted(losses) == list(range(1, 31))
    assert mean([losses[s] for s in range(26, 31)]) < mean([losses[s] for s in range(1, 6)]) - 0.2
    start = rec.of("start")[0]
    assert start["total_steps"] == 30 and start["global_batch"] == 4 and start["world_size"] == 1
    assert [e["step"] for e in rec.of("checkpoint")] == [10, 20, 30]
    step = rec.of("step")[0]
    assert step["tokens_per_s"] > 0 and step["eta_s"] >= 0 and step["lr"] > 0 and step["epoch"] == pytest.approx(1 / 16)


def test_a_checkpoint_resumes_to_the_same_step_and_the_same_next_loss(qwen_run, tmp_path):
    run, cfg, rec, _ = qwen_run
    copy = tmp_path / "resumed"
    shutil.copytree(run, copy)
    shutil.rmtree(copy / "adapter")
    shutil.rmtree(ckpt.final_dir(copy, 30))
    assert ckpt.latest_checkpoint(copy) == ckpt.final_dir(copy, 20)
    cfg2 = run_config(copy, cfg.model.path, save_steps=10, save_total_limit=10, data={"task_field": "task"})
    with Recorder() as again:
        result = train(cfg2, resume=True)
    assert again.of("start")[0]["start_step"] == 20
    resumed, original = again.losses(), rec.losses()
    assert sorted(resumed) == list(range(21, 31))
    for s in range(21, 31):
        assert resumed[s] == pytest.approx(original[s], abs=1e-6), s
    assert result["step"] == 30
    # A finished run has checkpoints: starting it afresh is refused, resuming a run without any too.
    with pytest.raises(Exception, match="already has checkpoints"):
        train(cfg2)


def test_the_adapter_loads_with_peft_and_changes_outputs(qwen_run):
    run, cfg, _, _ = qwen_run
    adapter = run / "adapter"
    config = json.loads((adapter / "adapter_config.json").read_text())
    assert config["peft_type"] == "LORA" and config["r"] == 8 and config["lora_alpha"] == 16
    base = AutoModelForCausalLM.from_pretrained(cfg.model.path)
    tok = AutoTokenizer.from_pretrained(adapter)
    ids = tok("Weather in Paris?", return_tensors="pt").input_ids
    with torch.no_grad():
        before = base(ids).logits
        tuned = PeftModel.from_pretrained(base, adapter)
        after = tuned(ids).logits
    assert (after - before).abs().max().item() > 1e-3
    # The adapter holds exactly the weights of the last checkpoint.
    saved = load_file(str(adapter / "adapter_model.safetensors"))
    last = load_file(str(ckpt.final_dir(run, 30) / "trainable.safetensors"))
    assert len(saved) == len(last) > 0
    for name, tensor in last.items():
        key = name.replace(".default.", ".")
        assert torch.equal(saved[key], tensor), name


def test_merge_writes_a_model_with_the_adapters_outputs(qwen_run, tmp_path):
    run, cfg, _, _ = qwen_run
    out = merge_run(run, tmp_path / "merged")
    merged = AutoModelForCausalLM.from_pretrained(out)
    base = AutoModelForCausalLM.from_pretrained(cfg.model.path)
    tuned = PeftModel.from_pretrained(base, run / "adapter")
    ids = torch.tensor([[5, 17, 99, 300, 2]])
    with torch.no_grad():
        assert (merged(ids).logits - tuned(ids).logits).abs().max().item() < 1e-5
    assert (out / "tokenizer.json").is_file() and json.loads((out / "config.json").read_text())["model_type"] == "qwen2"


def test_llama_trains_and_its_adapter_loads(tmp_path, tiny_llama):
    cfg = run_config(tmp_path / "run", tiny_llama, optim={"max_steps": 20}, sampler="sequential")
    with Recorder() as rec:
        train(cfg)
    losses = rec.losses()
    assert mean([losses[s] for s in range(16, 21)]) < mean([losses[s] for s in range(1, 6)]) - 0.1
    base = AutoModelForCausalLM.from_pretrained(tiny_llama)
    ids = torch.tensor([[1, 40, 41, 42]])
    with torch.no_grad():
        before = base(ids).logits
        after = PeftModel.from_pretrained(base, tmp_path / "run" / "adapter")(ids).logits
    assert (after - before).abs().max().item() > 1e-3
    assert json.loads((tmp_path / "run" / "adapter" / "adapter_config.json").read_text())["target_modules"]
