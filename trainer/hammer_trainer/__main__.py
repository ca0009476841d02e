"""`python -m hammer_trainer <command>`: the entry point `hammer train` runs.

  train --config RUN/config.json [--resume]
  merge --run RUN --out DIR [--task NAME] [--dtype fp32|bf16|fp16]
  export-tasks --run RUN --out DIR
  env                                   versions and devices as one JSON line

Failures are one `error` event and exit code 2; never a traceback on stdout (stderr has it for INTERNAL).
"""

from __future__ import annotations

import argparse
import sys
import traceback

from .environment import configure_process
from .events import EXIT_ERROR, TrainerError, events


def main(argv: list[str] | None = None, *, capture_stdout: bool = True) -> int:
    if capture_stdout:
        events.capture_stdout()
    parser = argparse.ArgumentParser(prog="python -m hammer_trainer")
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--config", required=True)
    t.add_argument("--resume", action="store_true")
    m = sub.add_parser("merge")
    m.add_argument("--run", required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--task")
    m.add_argument("--dtype", choices=("fp32", "bf16", "fp16"), default="fp32")
    e = sub.add_parser("export-tasks")
    e.add_argument("--run", required=True)
    e.add_argument("--out", required=True)
    sub.add_parser("env")
    args = parser.parse_args(argv)
    try:
        configure_process()
        if args.command == "env":
            from .environment import describe_environment

            events.emit("env", **describe_environment())
        elif args.command == "train":
            from .config import load_config
            from .train import train

            train(load_config(args.config), resume=args.resume)
        elif args.command == "merge":
            from .merge import merge_run

            merge_run(args.run, args.out, task=args.task, dtype=args.dtype)
        else:
            from .export_tasks import export_tasks

            export_tasks(args.run, args.out)
        return 0
    except TrainerError as err:
        events.enabled = True
        events.emit("error", code=err.code, message=err.message, location=err.location)
        return EXIT_ERROR
    except KeyboardInterrupt:
        events.enabled = True
        events.emit("error", code="ABORTED", message="interrupted: stopped without saving (resume from the last checkpoint, if there is one)", location=None)
        return EXIT_ERROR
    except BaseException as err:  # noqa: BLE001 — every failure becomes one event
        code, message = classify(err)
        events.enabled = True
        events.emit("error", code=code, message=message, location=None)
        if code == "INTERNAL":
            traceback.print_exc(file=sys.stderr)
        return EXIT_ERROR


def classify(err: BaseException) -> tuple[str, str]:
    """Out-of-memory in its several disguises → RESOURCE_EXHAUSTED; anything else is a bug (INTERNAL)."""
    import torch

    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if isinstance(err, torch.cuda.OutOfMemoryError) or "CUDA out of memory" in str(err):
        return "RESOURCE_EXHAUSTED", f"GPU out of memory: lower --batch-size or --max-len, or use --gradient-checkpointing ({text})"
    if isinstance(err, MemoryError) or "can't allocate memory" in str(err) or "DefaultCPUAllocator" in str(err):
        return "RESOURCE_EXHAUSTED", f"out of memory: lower --batch-size or --max-len, or use --gradient-checkpointing ({text})"
    if isinstance(err, SystemExit):
        return "INTERNAL", f"exited with {err.code}"
    return "INTERNAL", f"{type(err).__name__}: {text}"


if __name__ == "__main__":
    sys.exit(main())
