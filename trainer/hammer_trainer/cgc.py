"""CGC-LoRA (Customized Gate Control LoRA, arXiv 2402.01684): multi-task LoRA in the "1 + N" pattern.

Every adapted linear layer holds task-common LoRA experts, shared by all tasks, and task-specific experts,
each owned by one task; the experts' ranks add up to the configured LoRA rank r. A per-layer gate maps a
learned task embedding to a softmax over the common experts and the sample's own task experts (other
tasks' experts get weight 0):

    h = W0 x + (alpha / r) · Σ_{i ∈ common ∪ spec(t)} ω_{t,i} B_i A_i x,   ω_t = softmax(G · e_t)

The experts are stored as one rank-r pair (A: r × d_in, B: d_out × r), expert i owning a block of rows of
A and columns of B, so the matrices have exactly plain LoRA's shape and parameter count; a token's gate
becomes a weight per rank. Because ω depends on the task only, task t's mixture collapses to one ordinary
LoRA delta (`task_lora`), exported as a standard PEFT adapter per task.

What the paper leaves open and we chose: one gate and task embedding per layer (as MOELoRA), softmax over
common and own experts jointly, gate weights initialised to zero (an even mix at the start), LoRA's own
initialisation for the experts, scaling alpha / r with r the total rank.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import torch
import torch.nn as nn
from peft import LoraConfig
from peft.tuners.lora import Linear as LoraLinear


@dataclass
class CgcLoraConfig(LoraConfig):
    cgc_tasks: list = field(default_factory=list)
    cgc_common_experts: int = 2
    cgc_task_experts: int = 1
    cgc_task_expert_rank: int = 0  # 0: (r / 2) / (tasks × task experts)
    cgc_task_embedding_dim: int = 64


@dataclass
class ExpertLayout:
    """Which ranks belong to which expert; slots are the gate's outputs: common experts, then own experts."""

    common: list  # [(start, end)] rank blocks of the common experts
    task: list  # task → [(start, end)] blocks of its experts
    r: int

    @property
    def slots(self) -> int:
        return len(self.common) + len(self.task[0])

    def task_ranks(self, t: int) -> list[int]:
        return [i for a, b in self.common + self.task[t] for i in range(a, b)]


def expert_layout(r: int, tasks: int, common_experts: int, task_experts: int, task_expert_rank: int = 0) -> ExpertLayout:
    if tasks < 1:
        raise ValueError("CGC-LoRA needs at least one task")
    per_task = task_expert_rank or (r // 2) // (tasks * task_experts)
    common_rank = r - per_task * tasks * task_experts
    if per_task < 1 or common_rank < common_experts:
        raise ValueError(
            f"rank {r} is too small for {common_experts} common + {tasks} tasks × {task_experts} task experts "
            f"(each expert needs rank ≥ 1): raise --lora-r or lower the expert counts"
        )
    common, pos = [], 0
    for i in range(common_experts):
        size = common_rank // common_experts + (1 if i < common_rank % common_experts else 0)
        common.append((pos, pos + size))
        pos += size
    task = []
    for _ in range(tasks):
        blocks = []
        for _ in range(task_experts):
            blocks.append((pos, pos + per_task))
            pos += per_task
        task.append(blocks)
    assert pos == r
    return ExpertLayout(common, task, r)


class TaskRouter:
    """The task of every token of the running batch, shared by all CGC layers of a model."""

    def __init__(self) -> None:
        self.token_tasks: torch.Tensor | None = None

    @contextlib.contextmanager
    def route(self, token_tasks: torch.Tensor):
        """`token_tasks`: [batch] (one task per sample) or [batch, seq] (packed rows of several tasks)."""
        prev, self.token_tasks = self.token_tasks, token_tasks
        try:
            yield
        finally:
            self.token_tasks = prev


class CgcLinear(LoraLinear):
    """A PEFT LoRA linear layer whose rank-r update is a task-gated mixture of experts."""

    adapter_layer_names = LoraLinear.adapter_layer_names + ("lora_cgc_embedding", "lora_cgc_gate")

    def __init__(self, base_layer, adapter_name: str, config: CgcLoraConfig, **kwargs) -> None:
        super().__init__(base_layer, adapter_name, config=config, **kwargs)
        self.cgc_router: TaskRouter = config.cgc_router

    def update_layer(self, adapter_name, r, lora_alpha, config, **kwargs):
        # LoraLinear.__init__ calls this before our __init__ body runs: create the containers here.
        if "lora_cgc_embedding" not in self._modules:
            self.lora_cgc_embedding = nn.ModuleDict()
            self.lora_cgc_gate = nn.ModuleDict()
            self.cgc_layout: dict[str, ExpertLayout] = {}
        super().update_layer(adapter_name, r, lora_alpha, config=config, **kwargs)
        tasks = len(config.cgc_tasks)
        layout = expert_layout(r, tasks, config.cgc_common_experts, config.cgc_task_experts, config.cgc_task_expert_rank)
        self.cgc_layout[adapter_name] = layout
        emb = nn.Embedding(tasks, config.cgc_task_embedding_dim)
        gate = nn.Linear(config.cgc_task_embedding_dim, layout.slots, bias=False)
        nn.init.zeros_(gate.weight)
        weight = self.lora_A[adapter_name].weight
        self.lora_cgc_embedding[adapter_name] = emb.to(weight.device)
        self.lora_cgc_gate[adapter_name] = gate.to(weight.device)
        # slot_index[t, rank]: the gate slot that weighs this rank for task t (slots = "none" gives 0).
        index = torch.full((tasks, r), layout.slots, dtype=torch.long)
        for t in range(tasks):
            for s, (a, b) in enumerate(layout.common + layout.task[t]):
                index[t, a:b] = s
        self.register_buffer(f"cgc_slot_index_{adapter_name}", index.to(weight.device), persistent=False)
        self.set_adapter(self.active_adapters)

    def task_weights(self, adapter: str) -> torch.Tensor:
        """[tasks, slots]: the gate's softmax for every task."""
        emb = self.lora_cgc_embedding[adapter].weight
        return torch.softmax(self.lora_cgc_gate[adapter](emb), dim=-1)

    def rank_weights(self, adapter: str) -> torch.Tensor:
        """[tasks, r]: each rank's weight for each task (0 for other tasks' experts)."""
        w = self.task_weights(adapter)
        w = torch.cat([w, w.new_zeros(w.shape[0], 1)], dim=-1)
        return torch.gather(w, 1, getattr(self, f"cgc_slot_index_{adapter}"))

    def get_delta_weight(self, adapter) -> torch.Tensor:
        raise NotImplementedError("a CGC-LoRA layer has one delta per task: export it with hammer_trainer.cgc.task_lora")

    def forward(self, x: torch.Tensor, *args, **kwargs) -> torch.Tensor:
        self._check_forward_args(x, *args, **kwargs)
        result = self.base_layer(x, *args, **kwargs)
        if self.disable_adapters:
            return result
        tasks = self.cgc_router.token_tasks
        if tasks is None:
            raise RuntimeError("CGC-LoRA needs each sample's task: run the model inside TaskRouter.route(tasks)")
        out_dtype = result.dtype
        for adapter in self.active_adapters:
            if adapter not in self.lora_A:
                continue
            lora_a, lora_b = self.lora_A[adapter], self.lora_B[adapter]
            h = lora_a(self.lora_dropout[adapter](self._cast_input_dtype(x, lora_a.weight.dtype)))
            g = self.rank_weights(adapter).to(h.dtype)[tasks]
            if g.dim() == 2 and h.dim() == 3:  # one task per sample
                g = g[:, None, :]
            result = result + lora_b(h * g) * self.scaling[adapter]
        return result.to(out_dtype)

    def __repr__(self) -> str:
        return "cgc_lora." + super().__repr__().removeprefix("lora.")


def cgc_config(*, tasks: list, r: int, alpha: float, dropout: float, target_modules, common_experts: int, task_experts: int,
               task_expert_rank: int, embedding_dim: int, router: TaskRouter, **extra) -> CgcLoraConfig:
    cfg = CgcLoraConfig(
        r=r, lora_alpha=alpha, lora_dropout=dropout, target_modules=target_modules, task_type="CAUSAL_LM",
        cgc_tasks=list(tasks), cgc_common_experts=common_experts, cgc_task_experts=task_experts,
        cgc_task_expert_rank=task_expert_rank, cgc_task_embedding_dim=embedding_dim, **extra,
    )
    expert_layout(r, len(tasks), common_experts, task_experts, task_expert_rank)  # fail early with the reason
    cfg.cgc_router = router
    cfg._register_custom_module({nn.Linear: CgcLinear})
    return cfg


def cgc_layers(model: nn.Module):
    for name, module in model.named_modules():
        if isinstance(module, CgcLinear):
            yield name, module


@torch.no_grad()
def task_lora(layer: CgcLinear, task: int, adapter: str = "default") -> tuple[torch.Tensor, torch.Tensor]:
    """Task `task`'s mixture as one LoRA pair (A_t, B_t) with scaling 1: B_t A_t = (alpha/r) Σ ω B_i A_i."""
    layout = layer.cgc_layout[adapter]
    ranks = torch.tensor(layout.task_ranks(task), device=layer.lora_A[adapter].weight.device)
    w = layer.rank_weights(adapter)[task, ranks]
    a = layer.lora_A[adapter].weight[ranks].float()
    b = layer.lora_B[adapter].weight[:, ranks].float() * (w.float() * layer.scaling[adapter])[None, :]
    return a.contiguous(), b.contiguous()


def param_counts(model: nn.Module) -> dict:
    """Trainable parameters split into the experts' LoRA matrices and the gates."""
    experts = gates = 0
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        if "lora_cgc_" in name:
            gates += p.numel()
        elif "lora_A" in name or "lora_B" in name:
            experts += p.numel()
    return {"experts": experts, "gates": gates}
