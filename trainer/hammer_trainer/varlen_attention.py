"""Padding-free attention for packed batches: causal attention within each packed row, never across rows.

transformers would build a dense block-diagonal mask over the whole packed sequence and attend over all
of it (T² work); this runs PyTorch's SDPA once per row with `is_causal`, so a packed batch costs what its
rows cost alone, and no padding token is ever computed. Rows are delimited by the flash-attention
`cu_seq_lens_q` keyword, so the same batches also run on `flash_attention_2` where it is installed.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

NAME = "hammer_varlen"
_registered = False


def varlen_sdpa(module, query, key, value, attention_mask, dropout: float = 0.0, scaling=None, is_causal=None, **kwargs):
    cu = kwargs.get("cu_seq_lens_q")
    if cu is None:  # an ordinary (unpacked) call, e.g. generation after training
        from transformers.integrations.sdpa_attention import sdpa_attention_forward

        return sdpa_attention_forward(module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, is_causal=is_causal, **kwargs)
    groups = getattr(module, "num_key_value_groups", 1)
    if groups > 1:
        key = key.repeat_interleave(groups, dim=1)
        value = value.repeat_interleave(groups, dim=1)
    p = dropout if module.training else 0.0
    bounds = cu.tolist()
    outs = [
        F.scaled_dot_product_attention(query[:, :, a:b], key[:, :, a:b], value[:, :, a:b], dropout_p=p, is_causal=True, scale=scaling)
        for a, b in zip(bounds[:-1], bounds[1:])
    ]
    out = outs[0] if len(outs) == 1 else torch.cat(outs, dim=2)
    return out.transpose(1, 2).contiguous(), None


def _no_mask(*args, **kwargs):
    return None


def register() -> str:
    """Make `attn_implementation="hammer_varlen"` known to transformers (once per process)."""
    global _registered
    if not _registered:
        from transformers import AttentionInterface
        from transformers.masking_utils import AttentionMaskInterface

        AttentionInterface.register(NAME, varlen_sdpa)
        AttentionMaskInterface.register(NAME, _no_mask)
        _registered = True
    return NAME
