"""Real-model fixture for the export tests: SmolLM2-135M-Instruct from its GGUF to a transformers folder
(cached), a few LoRA steps on tool-calling text, and transformers' greedy continuations with the adapter.

Usage: python real_fixture.py JOB.json RESULT.json, JOB = {gguf, hf_dir, adapter_dir, steps, prompts, greedy_tokens}.
Deterministic: seeded training, greedy decoding.
"""
import json
import os
import shutil
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch  # noqa: E402

torch.set_num_threads(1)

from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

TRAIN = [
    'User: What is the weather in Paris?\nAssistant: [{"name": "get_weather", "arguments": {"city": "Paris"}}]',
    'User: Convert 10 USD to EUR.\nAssistant: [{"name": "convert_currency", "arguments": {"amount": 10, "from": "USD", "to": "EUR"}}]',
]


def hf_folder(gguf, hf_dir):
    """transformers dequantises the GGUF to float32; the folder is cached (written aside, then renamed)."""
    if os.path.exists(os.path.join(hf_dir, "config.json")):
        return
    tmp = hf_dir + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    d, f = os.path.split(gguf)
    loaded = AutoModelForCausalLM.from_pretrained(d, gguf_file=f, dtype=torch.float32)
    tok = AutoTokenizer.from_pretrained(d, gguf_file=f)
    # transformers marks a model read from GGUF as quantised and will not save it; its weights are plain
    # float32 by now, so they go into a fresh model of the same config.
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(loaded.state_dict())
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    os.rename(tmp, hf_dir)


def train_lora(model, tok, steps, out):
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    peft_model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, lora_dropout=0.0, target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "up_proj"]))
    opt = torch.optim.AdamW([p for p in peft_model.parameters() if p.requires_grad], lr=2e-3)
    peft_model.train()
    losses = []
    for step in range(steps):
        batch = tok(TRAIN[step % len(TRAIN)], return_tensors="pt")
        loss = peft_model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(loss.item())
    peft_model.eval()
    peft_model.save_pretrained(out)
    return peft_model, losses


def main():
    job = json.load(open(sys.argv[1]))
    hf_folder(job["gguf"], job["hf_dir"])
    tok = AutoTokenizer.from_pretrained(job["hf_dir"])
    model = AutoModelForCausalLM.from_pretrained(job["hf_dir"], dtype=torch.float32)
    model, losses = train_lora(model, tok, job.get("steps", 3), job["adapter_dir"])
    prompts = []
    with torch.no_grad():
        for text in job["prompts"]:
            ids = tok.encode(text, add_special_tokens=False)
            gen = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long), max_new_tokens=job["greedy_tokens"], do_sample=False, pad_token_id=tok.eos_token_id)
            prompts.append({"ids": ids, "greedy": gen[0, len(ids):].tolist()})
    json.dump({"losses": losses, "prompts": prompts}, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
