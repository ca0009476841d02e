"""CGC-LoRA: the collapsed per-task adapters equal the gated mixture, tasks' experts stay apart, the
parameter budget is plain LoRA's, and a trained run exports one standard PEFT adapter per task."""

import json

import pytest
import torch
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import AutoModelForCausalLM

from hammer_trainer.cgc import TaskRouter, cgc_config, cgc_layers, expert_layout, param_counts, task_lora
from hammer_trainer.config import config_to_dict
from hammer_trainer.export_tasks import export_tasks
from hammer_trainer.train import train

from conftest import Recorder, run_config

TASKS = ["chat", "fc", "irrelevance"]


def cgc_model(folder, r=12, tasks=TASKS):
    router = TaskRouter()
    cfg = cgc_config(tasks=tasks, r=r, alpha=24, dropout=0.0, target_modules="all-linear", common_experts=2,
                     task_experts=1, task_expert_rank=0, embedding_dim=8, router=router)
    torch.manual_seed(1)
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(folder), cfg)
    with torch.no_grad():  # trained-looking weights: B non-zero, gates far from uniform
        for name, p in model.named_parameters():
            if "lora_B" in name or "lora_cgc_gate" in name:
                p.normal_(0, 0.5)
    return model, router


def test_expert_layout_splits_the_rank():
    layout = expert_layout(32, 2, 2, 1)
    assert layout.common == [(0, 8), (8, 16)] and layout.task == [[(16, 24)], [(24, 32)]]
    assert layout.task_ranks(1) == list(range(0, 16)) + list(range(24, 32))
    odd = expert_layout(12, 3, 2, 1)  # 2 ranks per task expert, 6 common ranks split 3 + 3
    assert odd.common == [(0, 3), (3, 6)] and odd.task[2] == [(10, 12)]
    with pytest.raises(ValueError, match="too small"):
        expert_layout(4, 5, 2, 1)


def test_parameter_count_equals_plain_lora_of_the_same_total_rank(tiny_qwen2):
    model, _ = cgc_model(tiny_qwen2)
    plain = get_peft_model(AutoModelForCausalLM.from_pretrained(tiny_qwen2), LoraConfig(r=12, lora_alpha=24, target_modules="all-linear"))
    lora = sum(p.numel() for p in plain.parameters() if p.requires_grad)
    counts = param_counts(model)
    assert counts["experts"] == lora
    layers = len(list(cgc_layers(model)))
    # The gates are the only extra: per layer a task embedding table and a bias-free gate (8 → 2 common + 1 own).
    assert counts["gates"] == layers * (len(TASKS) * 8 + 8 * 3)


def test_collapsed_task_adapter_gives_the_gated_mixtures_outputs(tiny_qwen2, tmp_path):
    model, router = cgc_model(tiny_qwen2)
    ids = torch.tensor([[3, 50, 61, 200, 7, 9, 120]])
    for t, name in enumerate(TASKS):
        with torch.no_grad(), router.route(torch.tensor([t])):
            gated = model(ids).logits
        # One ordinary LoRA per task, loaded by PEFT itself.
        base = AutoModelForCausalLM.from_pretrained(tiny_qwen2)
        layers = list(cgc_layers(model))
        rank = task_lora(layers[0][1], t)[0].shape[0]
        plain = get_peft_model(base, LoraConfig(r=rank, lora_alpha=rank, target_modules="all-linear"))
        mods = dict(plain.named_modules())
        for mod_name, layer in layers:
            a, b = task_lora(layer, t)
            target = mods[mod_name]
            target.lora_A["default"].weight.data.copy_(a)
            target.lora_B["default"].weight.data.copy_(b)
        with torch.no_grad():
            collapsed = plain(ids).logits
        assert (collapsed - gated).abs().max().item() < 1e-5, name
    # and the tasks really differ
    with torch.no_grad():
        with router.route(torch.tensor([0])):
            a = model(ids).logits
        with router.route(torch.tensor([1])):
            b = model(ids).logits
    assert (a - b).abs().max().item() > 1e-3


def test_a_batch_of_task_a_leaves_task_bs_experts_without_gradient(tiny_qwen2):
    model, router = cgc_model(tiny_qwen2)
    ids = torch.tensor([[3, 50, 61, 200, 7], [8, 9, 10, 11, 12]])
    with router.route(torch.tensor([0, 0])):
        model(ids).logits.sum().backward()
    for _, layer in cgc_layers(model):
        layout = layer.cgc_layout["default"]
        grad_a = layer.lora_A["default"].weight.grad
        grad_b = layer.lora_B["default"].weight.grad
        for t in (1, 2):
            for lo, hi in layout.task[t]:
                assert torch.count_nonzero(grad_a[lo:hi]) == 0 and torch.count_nonzero(grad_b[:, lo:hi]) == 0
        for lo, hi in layout.common + layout.task[0]:
            assert torch.count_nonzero(grad_b[:, lo:hi]) > 0
        assert layer.lora_cgc_embedding["default"].weight.grad[1:].abs().sum() == 0  # other tasks' embeddings untouched
    # packed rows of different tasks: per-token routing gives each row its own task's experts
    model.zero_grad()
    with router.route(torch.tensor([[0, 0, 0, 2, 2]])):
        model(torch.tensor([[3, 50, 61, 200, 7]])).logits.sum().backward()
    _, layer = next(cgc_layers(model))
    lo, hi = layer.cgc_layout["default"].task[1][0]
    assert torch.count_nonzero(layer.lora_B["default"].weight.grad[:, lo:hi]) == 0
    lo, hi = layer.cgc_layout["default"].task[2][0]
    assert torch.count_nonzero(layer.lora_B["default"].weight.grad[:, lo:hi]) > 0


def test_a_cgc_run_exports_one_standard_peft_adapter_per_task(tmp_path, tiny_qwen2):
    run = tmp_path / "run"
    cfg = run_config(run, tiny_qwen2, method="cgc-lora", data={"task_field": "task"}, lora={"r": 8},
                     cgc={"task_embedding_dim": 4}, optim={"max_steps": 4})
    run.mkdir()
    (run / "config.json").write_text(json.dumps(config_to_dict(cfg)))
    with Recorder() as rec:
        train(cfg)
    assert rec.of("data")[0]["tasks"] == ["irrelevance", "xlam"]
    assert all(e["loss"] is not None for e in rec.of("step"))
    out = export_tasks(run, tmp_path / "tasks")
    assert sorted(out) == ["irrelevance", "xlam"]
    ids = torch.tensor([[3, 50, 61, 200, 7]])
    from hammer_trainer.adapters import load_base_for, load_cgc_adapter

    model, _ = load_base_for(cfg, run / "adapter")
    gated, router, tasks = load_cgc_adapter(model, run / "adapter")
    for t, name in enumerate(tasks):
        exported = json.loads((tmp_path / "tasks" / name / "adapter_config.json").read_text())
        assert exported["peft_type"] == "LORA" and exported["r"] == 4 + 2  # 4 common ranks + this task's 2
        base = AutoModelForCausalLM.from_pretrained(tiny_qwen2)
        plain = PeftModel.from_pretrained(base, tmp_path / "tasks" / name)
        with torch.no_grad(), router.route(torch.tensor([t])):
            assert (plain(ids).logits - gated(ids).logits).abs().max().item() < 1e-5
