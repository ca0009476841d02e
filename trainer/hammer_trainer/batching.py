"""Which rows each step, rank and micro-batch trains on, and padding-free packing of a micro-batch.

Step s (0-based, over all epochs) trains on `global_batch` = per_device × grad_accum × world rows of its
epoch's order: sequential (the file's order; Hammer's data is already shuffled per copy) or a permutation
seeded by (seed, epoch). Rank r's micro-batch m is the slice at (m × world + r) × per_device. The union
of a step's rows does not depend on the world size, so N processes train on the same rows as one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from .dataset import IGNORE, TokenizedData


@dataclass
class StepPlan:
    n: int
    per_device: int
    grad_accum: int
    world: int
    sampler: str
    seed: int
    epochs: float
    max_steps: int | None = None

    @property
    def global_batch(self) -> int:
        return self.per_device * self.grad_accum * self.world

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.n / self.global_batch)

    @property
    def total_steps(self) -> int:
        if self.max_steps is not None:
            return self.max_steps
        return max(1, math.ceil(self.steps_per_epoch * self.epochs))

    def order(self, epoch: int) -> np.ndarray:
        if self.sampler == "sequential":
            return np.arange(self.n)
        return np.random.default_rng([self.seed, epoch]).permutation(self.n)

    def step_rows(self, step: int) -> np.ndarray:
        epoch, within = divmod(step, self.steps_per_epoch)
        order = self.order(epoch)
        return order[within * self.global_batch : (within + 1) * self.global_batch]

    def micro_rows(self, step: int, rank: int) -> list[np.ndarray]:
        rows = self.step_rows(step)
        b = self.per_device
        return [rows[(m * self.world + rank) * b : (m * self.world + rank + 1) * b] for m in range(self.grad_accum)]

    def epoch_of(self, step: int) -> float:
        return step / self.steps_per_epoch


@dataclass
class PackedBatch:
    input_ids: torch.Tensor  # [1, T]
    position_ids: torch.Tensor  # [1, T]
    cu_seqlens: torch.Tensor  # [k + 1] int32
    max_len: int
    targets: torch.Tensor  # [K] next-token targets at the kept positions
    keep: torch.Tensor  # [K] positions whose logits are needed
    token_tasks: torch.Tensor | None  # [1, T] task index per token (CGC-LoRA)
    tokens: int
    label_tokens: int

    def to(self, device) -> "PackedBatch":
        mv = lambda t: None if t is None else t.to(device, non_blocking=True)  # noqa: E731
        return PackedBatch(mv(self.input_ids), mv(self.position_ids), mv(self.cu_seqlens), self.max_len, mv(self.targets), mv(self.keep), mv(self.token_tasks), self.tokens, self.label_tokens)

    def model_kwargs(self) -> dict:
        # The flash-attention varlen keywords: our `hammer_varlen` attention (and flash_attention_2) read them.
        return dict(
            input_ids=self.input_ids,
            position_ids=self.position_ids,
            cu_seq_lens_q=self.cu_seqlens,
            cu_seq_lens_k=self.cu_seqlens,
            max_length_q=self.max_len,
            max_length_k=self.max_len,
            logits_to_keep=self.keep,
            use_cache=False,
        )


def pack(data: TokenizedData, rows: np.ndarray, with_tasks: bool) -> PackedBatch:
    """The rows one after another in a single sequence, positions restarting at each row (no padding)."""
    ids, labels, pos, tasks, lengths = [], [], [], [], []
    for i in rows:
        a, b = int(data.offsets[i]), int(data.offsets[i + 1])
        seq_ids, seq_labels = data.example(int(i))
        ids.append(seq_ids)
        labels.append(seq_labels)
        pos.append(np.arange(b - a))
        lengths.append(b - a)
        if with_tasks:
            tasks.append(np.full(b - a, data.tasks[i], dtype=np.int64))
    ids_np = np.concatenate(ids).astype(np.int64)
    labels_np = np.concatenate(labels).astype(np.int64)
    # Position p predicts the token at p + 1; a row's first label sits at its own start so it never
    # borrows the previous row's last position (dataset.py clears labels at row starts).
    shifted = np.full_like(labels_np, IGNORE)
    shifted[:-1] = labels_np[1:]
    keep = np.nonzero(shifted != IGNORE)[0]
    cu = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(lengths, out=cu[1:])
    return PackedBatch(
        input_ids=torch.from_numpy(ids_np)[None],
        position_ids=torch.from_numpy(np.concatenate(pos).astype(np.int64))[None],
        cu_seqlens=torch.from_numpy(cu),
        max_len=int(max(lengths)),
        targets=torch.from_numpy(shifted[keep]),
        keep=torch.from_numpy(keep.astype(np.int64)),
        token_tasks=torch.from_numpy(np.concatenate(tasks))[None] if with_tasks else None,
        tokens=int(len(ids_np)),
        label_tokens=int(len(keep)),
    )
