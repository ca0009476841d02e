"""hammer-fc's training engine: LoRA, full and CGC-LoRA fine-tuning of causal LMs.

The TypeScript CLI (`hammer train`) writes a run config and drives `python -m hammer_trainer`;
progress comes back as JSON Lines on stdout (see `events.py`).
"""

__version__ = "0.1.0"
