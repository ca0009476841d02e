"""The baseline of `npm run bench:train`: what a user would write with a plain transformers Trainer.

Same model folder, data file, LoRA settings, batch and row order (sequential) as our run; padding to the
longest row of each batch (DataCollatorForSeq2Seq), labels -100 on the prompt, logits over every position.
Prints one JSON line: {steps, step_s: [...], tokens: [...], peak_rss_mb}.
"""

import argparse
import json
import os
import resource
import sys
import time

import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForSeq2Seq, Trainer, TrainerCallback, TrainingArguments


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--max-len", type=int, default=2048)
    p.add_argument("--r", type=int, default=32)
    args = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))

    tok = AutoTokenizer.from_pretrained(args.model)
    rows = []
    with open(args.data) as f:
        for line in f:
            msgs = json.loads(line)["messages"]
            prompt = tok.apply_chat_template(msgs[:-1], add_generation_prompt=True, tokenize=True, return_dict=False)
            full = tok.apply_chat_template(msgs, tokenize=True, return_dict=False)
            if len(full) <= args.max_len:
                rows.append({"input_ids": full, "attention_mask": [1] * len(full), "labels": [-100] * len(prompt) + full[len(prompt):]})

    model = AutoModelForCausalLM.from_pretrained(args.model, dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=args.r, lora_alpha=2 * args.r, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM"))

    times, starts = [], []

    class Timer(TrainerCallback):
        def on_step_begin(self, *a, **k):
            starts.append(time.perf_counter())

        def on_step_end(self, *a, **k):
            times.append(time.perf_counter() - starts[-1])

    training = TrainingArguments(
        output_dir=args.out, per_device_train_batch_size=args.batch, gradient_accumulation_steps=1, max_steps=args.steps,
        learning_rate=5e-5, lr_scheduler_type="cosine", warmup_steps=0.00833, weight_decay=0.01, logging_steps=1,
        save_strategy="no", report_to=[], train_sampling_strategy="sequential", use_cpu=not torch.cuda.is_available(),
        bf16=torch.cuda.is_available() and torch.cuda.is_bf16_supported(), dataloader_num_workers=0, disable_tqdm=True,
    )
    trainer = Trainer(model=model, args=training, train_dataset=rows, data_collator=DataCollatorForSeq2Seq(tok, padding=True), callbacks=[Timer()])
    trainer.train()
    tokens = [sum(len(r["input_ids"]) for r in rows[s * args.batch : (s + 1) * args.batch]) for s in range(args.steps)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    print(json.dumps({"steps": len(times), "step_s": times, "tokens": tokens, "peak_rss_mb": peak_mb}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
