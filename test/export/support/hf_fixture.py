"""Test fixture for `hammer export`: a tiny random Hugging Face model (and LoRA adapter) plus what
transformers computes with it, so the TypeScript side can compare its GGUF export against transformers.

Usage: python hf_fixture.py JOB.json RESULT.json  (see test/export/support/hfFixture.ts for the job fields).
Everything is seeded: the same job writes the same files and the same numbers.
"""
import json
import os
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch  # noqa: E402

torch.set_num_threads(1)

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers  # noqa: E402

QWEN2_SPLIT = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
CHATML = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
CORPUS = [
    "Hello world, the weather in Paris is 21 degrees today.",
    'What\'s the weather like? I\'ll check: {"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}',
    "def add(a, b):\n    return a + b\n\n\nprint(add(1234, 5678))",
    "Héllo wörld — naïve café, 東京 and Zürich; prices: $3.50, 100%, 2024-05-01.",
    "You are a helpful assistant. Call functions when needed.\n\tTabs\tand  double  spaces.",
]
SHAPES = {
    "tiny": dict(hidden_size=64, intermediate_size=160, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512),
    "qwen2-0.5b": dict(hidden_size=896, intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=32768),
}


def build_tokenizer(arch, vocab_size):
    tok = Tokenizer(models.BPE())
    if arch == "qwen2":
        tok.normalizer = normalizers.NFC()
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2_SPLIT), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ])
    else:  # SmolLM2's: single digits, then GPT-2's byte-level split
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
        ])
    tok.decoder = decoders.ByteLevel()
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(CORPUS * 4, trainer)
    # Qwen-style plain added tokens (USER_DEFINED in GGUF).
    tok.add_tokens([AddedToken("<tool_call>", special=False, normalized=False), AddedToken("</tool_call>", special=False, normalized=False)])
    if arch == "llama":
        # A BOS the tokenizer adds itself (exercises add_bos_token from the post-processor).
        tok.post_processor = processors.TemplateProcessing(single="<|endoftext|> $A", pair="<|endoftext|> $A $B", special_tokens=[("<|endoftext|>", 0)])
    return tok


def build_model(job):
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    arch = job["arch"]
    torch.manual_seed(job.get("seed", 0))
    tok = build_tokenizer(arch, job.get("tokenizer_vocab", 600))
    kwargs = dict(eos_token="<|im_end|>", pad_token="<|endoftext|>")
    if arch == "llama":
        kwargs.update(bos_token="<|endoftext|>", unk_token="<|endoftext|>")
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, **kwargs)
    fast.chat_template = CHATML
    shape = dict(SHAPES[job.get("shape", "tiny")])
    common = dict(vocab_size=job.get("vocab_size", 640), rms_norm_eps=1e-6, tie_word_embeddings=job.get("tie", False), **shape)
    if arch == "qwen2":
        config = Qwen2Config(rope_theta=1000000.0, **common)
        model = Qwen2ForCausalLM(config)
    else:
        config = LlamaConfig(rope_theta=100000.0, bos_token_id=0, eos_token_id=2, **common)
        model = LlamaForCausalLM(config)
    if job.get("shape", "tiny") == "tiny":
        # Weights large enough that attention, rotary order and biases move the logits by whole units:
        # a wrong row order or a dropped bias must show, not hide under 1e-3.
        with torch.no_grad():
            for name, p in model.named_parameters():
                if "norm" in name:
                    p.copy_(1 + 0.2 * torch.randn_like(p))
                elif name.endswith(".bias"):
                    p.copy_(0.5 * torch.randn_like(p))
                else:
                    p.copy_(torch.randn_like(p) / (p.shape[-1] ** 0.5) * 1.5)
    model = model.to(getattr(torch, job.get("dtype", "float32")))
    out = job["out"]
    model.save_pretrained(out, max_shard_size=job.get("max_shard_size", "5GB"))
    fast.save_pretrained(out)
    # References come from the folder as written, loaded in float32 as llama.cpp computes (a model cast
    # back from bfloat16 in memory would keep bfloat16 rotary frequencies).
    if not (job.get("prompts") or job.get("chats") or job.get("adapter")):
        return None, fast
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(out, dtype=torch.float32), fast


def build_adapter(model, job):
    from peft import LoraConfig, get_peft_model

    spec = job["adapter"]
    torch.manual_seed(spec.get("seed", 1))
    cfg = LoraConfig(
        r=spec.get("r", 4),
        lora_alpha=spec.get("alpha", 8),
        use_rslora=spec.get("rslora", False),
        target_modules=spec.get("targets", ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]),
        rank_pattern=spec.get("rank_pattern", {}),
        alpha_pattern=spec.get("alpha_pattern", {}),
        init_lora_weights=False,
    )
    peft_model = get_peft_model(model, cfg)
    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn_like(p) * spec.get("b_std", 0.3))
    peft_model.save_pretrained(spec["out"])
    return peft_model


def references(model, tok, job):
    model.eval()
    res = {"prompts": [], "chats": []}
    with torch.no_grad():
        for text in job.get("prompts", []):
            plain = tok.encode(text, add_special_tokens=False)
            ids = tok.encode(text, add_special_tokens=True)
            logits = model(torch.tensor([ids])).logits[0, -1].float()
            entry = {"text": text, "ids": plain, "ids_with_special": ids, "logprobs": torch.log_softmax(logits, -1).tolist()}
            if job.get("greedy_tokens"):
                gen = model.generate(torch.tensor([ids]), max_new_tokens=job["greedy_tokens"], do_sample=False, pad_token_id=tok.pad_token_id)
                entry["greedy"] = gen[0, len(ids):].tolist()
            res["prompts"].append(entry)
        for messages in job.get("chats", []):
            text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            res["chats"].append({"text": text, "ids": tok.encode(text, add_special_tokens=False)})
    return res


def main():
    job = json.load(open(sys.argv[1]))
    model, tok = build_model(job)
    if model is None:
        json.dump({}, open(sys.argv[2], "w"))
        return
    result = {"base": references(model, tok, job)}
    if job.get("adapter"):
        peft_model = build_adapter(model, job)
        result["adapter"] = references(peft_model, tok, job)
    json.dump(result, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
