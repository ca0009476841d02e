"""The training loop: padding-free micro-batches, loss normalised by the step's label tokens over every
rank and micro-batch (so N processes, or N accumulation steps, give the gradient one big batch gives),
checkpoints every `save_steps` and at the end, a graceful stop on SIGINT/SIGTERM, exact resume."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from . import checkpoint as ckpt
from .batching import pack
from .build import build_run, choose_device, make_optimizer, make_plan, make_scheduler, write_json
from .config import RunConfig, config_to_dict
from .events import TrainerError, events


class StopFlag:
    def __init__(self) -> None:
        self.requested = False
        self._parent = os.getppid()

    def should_stop(self) -> bool:
        # A parent that died (the CLI killed hard) leaves us orphaned: stop with a checkpoint, do not train on alone.
        return self.requested or os.getppid() != self._parent

    def install(self) -> None:
        def handler(signum, frame):
            self.requested = True
            # A second signal stops at once (default behaviour).
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

        self._previous = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGTERM, handler)

    def uninstall(self) -> None:
        if getattr(self, "_previous", None):
            signal.signal(signal.SIGINT, self._previous[0])
            signal.signal(signal.SIGTERM, self._previous[1])
            self._previous = None


def train(cfg: RunConfig, *, resume: bool = False, stop: StopFlag | None = None) -> dict:
    """Run (or resume) the training a run config describes; returns {stopped, step, output}."""
    stop = stop or StopFlag()
    try:
        return _train(cfg, resume, stop)
    finally:
        stop.uninstall()
        _reset_accelerate()


def _reset_accelerate() -> None:
    # accelerate keeps process-wide singletons; a later run in the same process (tests) starts clean.
    import torch.distributed as dist
    from accelerate.state import AcceleratorState, GradientState

    if not (dist.is_available() and dist.is_initialized()):
        AcceleratorState._reset_state(reset_partial_state=True)
        GradientState._reset_state()


def _train(cfg: RunConfig, resume: bool, stop: StopFlag) -> dict:
    from accelerate import Accelerator

    cpu, mixed = choose_device(cfg)
    deepspeed = cfg.distributed.deepspeed is not None
    acc = Accelerator(cpu=cpu, mixed_precision=mixed, gradient_accumulation_steps=cfg.optim.grad_accum)
    events.enabled = acc.is_main_process
    run_dir = cfg.run_path
    existing = ckpt.latest_checkpoint(run_dir)
    if existing is not None and not resume:
        raise TrainerError("USAGE", "this run already has checkpoints: resume it (--resume) or start a new run folder", str(run_dir))
    if resume and existing is None:
        raise TrainerError("NOT_FOUND", "no complete checkpoint to resume from", str(ckpt.checkpoint_dir(run_dir)))
    state = ckpt.read_state(existing) if resume else None

    # Base weights in half precision only where adapters train on a GPU; full fine-tuning keeps fp32 masters.
    dtype = torch.bfloat16 if mixed == "bf16" and cfg.method != "full" else torch.float32
    run = build_run(cfg, dtype=dtype, resume_tasks=state.get("tasks") if state else None, acc=acc)
    model = run.model
    plan = make_plan(cfg, len(run.data), acc.num_processes)
    total = plan.total_steps
    if state and state["global_batch"] != plan.global_batch:
        raise TrainerError("USAGE", f"resume with the same global batch ({state['global_batch']} rows per step; now {plan.global_batch})", str(existing))

    optimizer = make_optimizer(cfg, model)
    scheduler = make_scheduler(cfg, optimizer, total)
    start = 0
    if state:
        ckpt.load_trainable(model, existing)
        if not deepspeed:
            optimizer.load_state_dict(torch.load(existing / "optimizer.pt", weights_only=False))
        scheduler.load_state_dict(torch.load(existing / "scheduler.pt", weights_only=False))
        start = state["step"]
    model, optimizer = acc.prepare(model, optimizer)
    if state:
        if deepspeed:
            acc.load_state(str(existing / "accelerate"))
        ckpt.load_rank_rng(existing, acc.process_index)
    model.train()

    trainable = sum(p.numel() for p in acc.unwrap_model(model).parameters() if p.requires_grad)
    params = sum(p.numel() for p in acc.unwrap_model(model).parameters())
    events.emit("start", total_steps=total, steps_per_epoch=plan.steps_per_epoch, epochs=cfg.optim.epochs, start_step=start,
                world_size=acc.num_processes, device=str(acc.device), precision=mixed if mixed != "no" else "fp32",
                trainable_params=trainable, total_params=params, global_batch=plan.global_batch, method=cfg.method)

    stop.install()
    t0 = time.time()
    step_times: list[float] = []
    last_saved = start
    step = start
    dummy = _dummy_rows(run)
    while step < total:
        ts = time.time()
        rows = plan.step_rows(step)
        n_labels = int(run.label_counts[rows].sum())
        n_tokens = int(run.token_counts[rows].sum())
        ce_total = torch.zeros((), device=acc.device)
        grad_norm = None
        for micro in plan.micro_rows(step, acc.process_index):
            empty = len(micro) == 0
            batch = pack(run.data, dummy if empty else micro, run.router is not None).to(acc.device)
            route = run.router.route(batch.token_tasks) if run.router is not None else contextlib.nullcontext()
            with acc.accumulate(model), route:
                with acc.autocast():
                    logits = model(**batch.model_kwargs()).logits[0]
                ce = F.cross_entropy(logits.float(), batch.targets, reduction="sum")
                if empty:
                    ce = ce * 0.0  # keeps every rank in step with DDP's gradient sync
                # Σ over ranks and micro-batches of ce / n_labels: DDP averages over ranks and accelerate
                # divides by the accumulation steps, so both are multiplied back.
                acc.backward(ce * (acc.num_processes * cfg.optim.grad_accum / max(n_labels, 1)))
                ce_total += ce.detach()
                if acc.sync_gradients:
                    grad_norm = acc.clip_grad_norm_(model.parameters(), cfg.optim.max_grad_norm) if cfg.optim.max_grad_norm > 0 else None
                    optimizer.step()
                    scheduler.step()
                    optimizer.zero_grad(set_to_none=True)
        loss = (acc.reduce(ce_total, "sum") / max(n_labels, 1)).item()
        step += 1
        dt = time.time() - ts
        step_times.append(dt)
        recent = (step_times[1:] or step_times)[-20:]  # the first step also pays for warm-up
        avg = sum(recent) / len(recent)
        events.emit("step", step=step, total_steps=total, epoch=round(plan.epoch_of(step), 6), loss=loss,
                    lr=scheduler.get_last_lr()[0], grad_norm=_num(grad_norm), tokens=n_tokens, label_tokens=n_labels,
                    tokens_per_s=n_tokens / dt if dt > 0 else None, step_s=dt, elapsed_s=time.time() - t0, eta_s=avg * (total - step))
        stopping = _agree(acc, stop.should_stop())
        if step % cfg.save_steps == 0 or stopping or step == total:
            path = _save(acc, run, model, optimizer, scheduler, step, total, plan, deepspeed)
            last_saved = step
            events.emit("checkpoint", step=step, path=str(path))
        if stopping and step < total:
            events.emit("stopped", step=step, checkpoint=str(ckpt.final_dir(run_dir, last_saved)))
            return {"stopped": True, "step": step}
    out = _save_final(acc, run, model)
    events.emit("done", step=step, output=str(out), method=cfg.method, peak_rss_mb=peak_rss_mb())
    acc.end_training()
    return {"stopped": False, "step": step, "output": str(out)}


def peak_rss_mb() -> float:
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _dummy_rows(run) -> np.ndarray:
    return np.asarray([int(np.argmin(run.token_counts))])


def _num(v):
    if v is None:
        return None
    return float(v.item() if hasattr(v, "item") else v)


def _agree(acc, flag: bool) -> bool:
    if acc.num_processes == 1:
        return flag
    t = torch.tensor([1.0 if flag else 0.0], device=acc.device)
    return bool(acc.reduce(t, "sum").item() > 0)


def _save(acc, run, model, optimizer, scheduler, step: int, total: int, plan, deepspeed: bool) -> Path:
    run_dir = run.cfg.run_path
    tmp, out = ckpt.staging_dir(run_dir, step), ckpt.final_dir(run_dir, step)
    if acc.is_main_process:
        tmp.mkdir(parents=True, exist_ok=True)
    acc.wait_for_everyone()
    ckpt.save_rank_rng(tmp, acc.process_index)
    if deepspeed:
        acc.save_state(str(tmp / "accelerate"))
    acc.wait_for_everyone()
    if acc.is_main_process:
        state = {"step": step, "total_steps": total, "epoch": plan.epoch_of(step), "global_batch": plan.global_batch,
                 "world_size": acc.num_processes, "tasks": run.data.task_names, "method": run.cfg.method}
        ckpt.save_main(tmp, out, model=None if deepspeed else acc.unwrap_model(model), optimizer=None if deepspeed else optimizer,
                       scheduler=scheduler, state=state, keep=run.cfg.save_total_limit, run_dir=run_dir)
        if deepspeed:
            from safetensors.torch import save_file

            save_file(ckpt.trainable_state(acc.unwrap_model(model)), str(out / "trainable.safetensors"))
    acc.wait_for_everyone()
    return out


def _save_final(acc, run, model) -> Path:
    """LoRA / CGC-LoRA: RUN/adapter (PEFT format + tokenizer); full: RUN/model (a complete HF folder)."""
    cfg = run.cfg
    out = cfg.run_path / ("model" if cfg.method == "full" else "adapter")
    state = acc.get_state_dict(model) if cfg.distributed.deepspeed is not None else None
    if acc.is_main_process:
        unwrapped = acc.unwrap_model(model)
        if cfg.method == "full":
            unwrapped.config._attn_implementation = "sdpa"  # our packed attention is a training detail
            unwrapped.save_pretrained(out, state_dict=state)
        else:
            unwrapped.save_pretrained(out, state_dict=state)
        run.tokenizer.save_pretrained(out)
        write_json(out / "hammer_run.json", {"method": cfg.method, "base": str(run.base_folder), "merged_first": cfg.model.merge_adapters,
                                            "tasks": run.data.task_names, "added_tokens": run.new_token_ids,
                                            "config": config_to_dict(cfg)})
    acc.wait_for_everyone()
    return out
