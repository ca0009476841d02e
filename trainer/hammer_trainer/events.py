"""The progress protocol: one JSON object per line on stdout, read by `hammer train` (src/train).

Only this module writes to the real stdout. At start-up it keeps a private copy of the stdout file
descriptor and points fd 1 at stderr, so a library that prints (or a C extension that writes) cannot
corrupt the event stream. Only the main process (rank 0) emits.

Events (every one has "event"; times in seconds):
  status      {message}                                        what the engine is doing (loading, tokenising)
  data        {rows, examples, dropped_too_long, tokens, label_tokens, tasks}
  start       {total_steps, steps_per_epoch, epochs, start_step, world_size, device, precision,
               trainable_params, total_params, global_batch}
  step        {step, total_steps, epoch, loss, lr, grad_norm, tokens, tokens_per_s, step_s, elapsed_s, eta_s}
  checkpoint  {step, path}
  stopped     {step, checkpoint}                               a graceful stop (SIGINT/SIGTERM) after a checkpoint
  done        {step, output, ...}                              the run (or merge/export) finished
  error       {code, message, location}                        one clear failure; the process exits 2
"""

from __future__ import annotations

import json
import math
import os
import sys
from typing import Any

# Codes shared with src/core/errors.ts (HammerErrorCode).
CODES = {"INPUT_INVALID", "MODEL_INVALID", "NOT_FOUND", "ENVIRONMENT", "RESOURCE_EXHAUSTED", "USAGE", "INTERNAL", "ABORTED"}
EXIT_ERROR = 2


class TrainerError(Exception):
    """A failure the user can act on: reported as one `error` event (code, message, location)."""

    def __init__(self, code: str, message: str, location: str | None = None):
        if code not in CODES:
            raise ValueError(f"unknown error code {code}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.location = location


class EventStream:
    def __init__(self) -> None:
        self._out = None
        self.enabled = True
        self._listeners: list = []

    def subscribe(self, fn) -> None:
        """Also hand every emitted event (a dict) to `fn` — for in-process callers such as tests."""
        self._listeners.append(fn)

    def unsubscribe(self, fn) -> None:
        self._listeners.remove(fn)

    def capture_stdout(self) -> None:
        """Keep fd 1 for events and send everything else that writes to stdout to stderr."""
        if self._out is not None:
            return
        sys.stdout.flush()
        fd = os.dup(1)
        os.dup2(2, 1)
        self._out = os.fdopen(fd, "w", encoding="utf-8", buffering=1)
        sys.stdout = sys.stderr

    def emit(self, event: str, **fields: Any) -> None:
        if not self.enabled:
            return
        record = {"event": event, **{k: _finite(v) for k, v in fields.items()}}
        for fn in self._listeners:
            fn(record)
        out = self._out or sys.stdout
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


def _finite(v: Any) -> Any:
    # JSON has no NaN/Infinity: a diverged loss is reported as null rather than breaking the reader.
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


events = EventStream()
