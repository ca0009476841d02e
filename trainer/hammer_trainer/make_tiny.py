"""Tiny random-weight Hugging Face causal LMs (Qwen2 or Llama) with a small byte-level BPE tokenizer.

Made offline in seconds, deterministic for a seed: tests of the trainer (and of the HF → GGUF exporter)
use them as real model folders. `python -m hammer_trainer.make_tiny --arch qwen2|llama --out DIR`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .chat_templates import CHATML, CHATML_WITH_BOS

ARCHS = ("qwen2", "llama")

# Text the tokenizer's merges are learnt from: chat markup, JSON tool calls and plain English, so
# that training data of the tests tokenises into a few hundred tokens rather than raw bytes.
_CORPUS = [
    "You are a helpful assistant. You are a tool calling assistant.",
    "[BEGIN OF TASK INSTRUCTION] [END OF TASK INSTRUCTION] [BEGIN OF AVAILABLE TOOLS] [END OF AVAILABLE TOOLS]",
    "[BEGIN OF FORMAT INSTRUCTION] [END OF FORMAT INSTRUCTION] [BEGIN OF QUERY] [END OF QUERY]",
    '{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}',
    '{"name": "func_name1", "description": "The description", "parameters": {"type": "object", "properties": {}}}',
    '"required": true, "default": "value", "type": "string", "type": "integer", "type": "number", "type": "boolean"',
    "The output MUST strictly adhere to the following JSON format, and NO other text MUST be included.",
    "What is the weather in Paris? Find the distance between two cities. Convert 100 dollars to euros.",
    "Search for restaurants near me. Play some music. Send an email to John about the meeting tomorrow.",
    "the quick brown fox jumps over the lazy dog 0123456789 ```\n[\n]\n``` <tool_call> </tool_call>",
    # Hammer's instruction texts (src/core/formats/hammerText.ts): the bulk of every training prompt.
    "You are a tool calling assistant. In order to complete the user's request, you need to select one or more appropriate "
    "tools from the following tools and fill in the correct values for the tool parameters. Your specific tasks are:\n"
    "1. Make one or more function/tool calls to meet the request based on the question.\n"
    "2. If none of the function can be used, point it out and refuse to answer.\n"
    "3. If the given question lacks the parameters required by the function, also point it out.\n",
    "The output MUST strictly adhere to the following JSON format, and NO other text MUST be included.\n"
    "The example format is as follows. Please make sure the parameter type is correct. If no function call is needed, "
    "please directly output an empty list '[]'\n```\n[\n    {\"name\": \"func_name1\", \"arguments\": {\"argument1\": \"value1\", "
    "\"argument2\": \"value2\"}},\n    ... (more tool calls as required)\n]\n```",
    '"description": "The name of the city", "The search term", "The ticker symbol", "The maximum number of results", '
    '"The latitude of the location", "The longitude of the location", "Whether to include details", "The list of numbers"',
    "Gets Fetches Searches Lists Calculates Converts Finds Retrieves weather stock_price exchange_rate user_profile",
]


def _train_tokenizer(vocab_size: int):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=1,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_CORPUS * 4, trainer=trainer)
    return tok


def make_tokenizer(arch: str, vocab_size: int = 1024):
    """A fast tokenizer: byte-level BPE (lossless on any text) plus ChatML's special tokens."""
    from tokenizers import processors
    from transformers import PreTrainedTokenizerFast

    tok = _train_tokenizer(vocab_size)
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    if arch == "llama":
        # Llama-style: a BOS token the tokenizer adds itself and the template also writes.
        specials.insert(0, "<s>")
    tok.add_special_tokens(specials)
    if arch == "llama":
        bos_id = tok.token_to_id("<s>")
        tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", bos_id)])
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>" if arch == "llama" else None,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        unk_token=None,
        additional_special_tokens=["<|im_start|>"],
    )
    fast.chat_template = CHATML_WITH_BOS if arch == "llama" else CHATML
    fast.model_max_length = 4096
    return fast


# Real models' shapes, for benchmarks of random-weight models at full size (our tokenizer, their vocabulary size).
SHAPES = {
    "tiny": {},
    "qwen2-0.5b": dict(hidden=896, layers=24, intermediate=4864, heads=14, kv_heads=2, vocab=151936),
}


def make_config(arch: str, vocab_size: int, tokenizer, *, hidden: int = 64, layers: int = 2, intermediate: int | None = None,
                heads: int = 4, kv_heads: int = 2):
    common = dict(
        vocab_size=vocab_size,
        hidden_size=hidden,
        intermediate_size=intermediate or hidden * 2,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=4096,
        rms_norm_eps=1e-6,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id,
    )
    if arch == "qwen2":
        from transformers import Qwen2Config

        return Qwen2Config(**common, tie_word_embeddings=True)
    if arch == "llama":
        from transformers import LlamaConfig

        return LlamaConfig(**common, tie_word_embeddings=False)
    raise ValueError(f"unknown arch {arch!r} (expected one of {', '.join(ARCHS)})")


def make_tiny_model(out: str | os.PathLike, arch: str = "qwen2", *, seed: int = 0, hidden: int = 64, layers: int = 2, vocab_size: int = 1024,
                    shape: str = "tiny") -> Path:
    """Write a random-weight model folder (config, safetensors, tokenizer, chat template) to `out`.
    `shape` other than "tiny" takes a real model's dimensions (see SHAPES) instead of hidden/layers."""
    import torch
    from transformers import AutoModelForCausalLM

    if arch not in ARCHS:
        raise ValueError(f"unknown arch {arch!r} (expected one of {', '.join(ARCHS)})")
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r} (expected one of {', '.join(SHAPES)})")
    out = Path(out)
    tokenizer = make_tokenizer(arch, vocab_size)
    dims = dict(SHAPES[shape])
    vocab = max(len(tokenizer), dims.pop("vocab", 0))
    if not dims:
        dims = dict(hidden=hidden, layers=layers)
    config = make_config(arch, vocab, tokenizer, **dims)
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m hammer_trainer.make_tiny", description=__doc__.splitlines()[0])
    p.add_argument("--arch", choices=ARCHS, default="qwen2")
    p.add_argument("--out", required=True, help="output folder (created)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--shape", choices=tuple(SHAPES), default="tiny", help="a real model's dimensions (random weights)")
    args = p.parse_args(argv)
    torch_threads()
    out = make_tiny_model(args.out, args.arch, seed=args.seed, hidden=args.hidden, layers=args.layers, shape=args.shape)
    print(json.dumps({"out": str(out), "arch": args.arch}))
    return 0


def torch_threads() -> None:
    """One torch thread unless told otherwise: the machines this runs on are shared."""
    import torch

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))


if __name__ == "__main__":
    sys.exit(main())
