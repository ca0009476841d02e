"""Real-model fixture for the export tests: transformers' greedy continuations of SmolLM2-135M-Instruct with
the LoRA adapter `hammer train` wrote. The base is the trainer's own Hugging Face folder for the GGUF (converted
once by `hammer train`, cached by the file's sha256), so the export and transformers read the same weights.

Usage: python real_fixture.py JOB.json RESULT.json, JOB = {gguf, adapter_dir, prompts, greedy_tokens}; RESULT =
{hf_dir, prompts: [{ids, greedy}]}. Run with the trainer on PYTHONPATH. Deterministic: greedy decoding.
"""
import json
import os
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch  # noqa: E402

torch.set_num_threads(1)

from peft import PeftModel  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

from hammer_trainer.modeling import resolve_model_path  # noqa: E402


def main():
    job = json.load(open(sys.argv[1]))
    hf_dir = resolve_model_path(job["gguf"], None)
    tok = AutoTokenizer.from_pretrained(hf_dir)
    base = AutoModelForCausalLM.from_pretrained(hf_dir, dtype=torch.float32)
    model = PeftModel.from_pretrained(base, job["adapter_dir"]).eval()
    prompts = []
    with torch.no_grad():
        for text in job["prompts"]:
            ids = tok.encode(text, add_special_tokens=False)
            gen = model.generate(input_ids=torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long), max_new_tokens=job["greedy_tokens"], do_sample=False, pad_token_id=tok.eos_token_id)
            prompts.append({"ids": ids, "greedy": gen[0, len(ids):].tolist()})
    json.dump({"hf_dir": str(hf_dir), "prompts": prompts}, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
