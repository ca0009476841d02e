"""Conversations → token ids and labels: the chat template applied with the model's own tokenizer, loss on
assistant tokens only (every other token's label is -100), rows over `max_len` dropped and counted.

How the assistant tokens are found: for each assistant turn the template renders the conversation up to
that turn with the generation prompt, and up to and including the turn; the difference is the turn's text
(its end-of-turn token included, so the model learns to stop). The text is cut into prompt and assistant
pieces that are tokenised separately, so a label never straddles a boundary.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .events import TrainerError
from .records import Conversation, iter_rows, to_conversation

IGNORE = -100
_CHUNK = 256  # rows rendered before one batched tokeniser call


@dataclass
class TokenizedData:
    ids: np.ndarray  # int32, every example's tokens one after another
    is_label: np.ndarray  # bool, same length: the token is one the model learns to predict
    offsets: np.ndarray  # int64, n + 1
    tasks: np.ndarray  # int32, task index per example (-1 without tasks)
    rows: np.ndarray  # int64, the 1-based data row of each example
    task_names: list = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def example(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.offsets[i], self.offsets[i + 1]
        ids = self.ids[a:b]
        return ids, np.where(self.is_label[a:b], ids, IGNORE)

    def save(self, path: Path) -> None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")
        meta = json.dumps({"task_names": self.task_names, "stats": self.stats})
        np.savez(tmp, ids=self.ids, is_label=self.is_label, offsets=self.offsets, tasks=self.tasks, rows=self.rows, meta=np.array(meta))
        os.replace(tmp, path)

    @staticmethod
    def load(path: Path) -> "TokenizedData":
        with np.load(path) as z:
            meta = json.loads(str(z["meta"]))
            return TokenizedData(z["ids"], z["is_label"], z["offsets"], z["tasks"], z["rows"], meta["task_names"], meta["stats"])


class Renderer:
    """Applies one chat template and cuts a conversation into (text, is_assistant) pieces."""

    def __init__(self, tokenizer, template: str | None):
        self.tokenizer = tokenizer
        self.template = template if template is not None else tokenizer.chat_template
        if not self.template:
            raise TrainerError(
                "MODEL_INVALID",
                "the model's tokenizer has no chat template: pass --chat-template chatml (or a Jinja template file)",
                getattr(tokenizer, "name_or_path", None),
            )
        bos = tokenizer.bos_token_id
        probe = tokenizer("a", add_special_tokens=True).input_ids
        # Tokenisers that add BOS themselves need it when the template does not write it.
        self.prepend_bos = bos is not None and len(probe) > 0 and probe[0] == bos
        self.bos_text = tokenizer.bos_token or ""

    def render(self, messages: list, tools: list | None, generation_prompt: bool) -> str:
        return self.tokenizer.apply_chat_template(
            messages, tools=tools, chat_template=self.template, tokenize=False, add_generation_prompt=generation_prompt
        )

    def pieces(self, conv: Conversation, where: str) -> list[tuple[str, bool]]:
        try:
            full = self.render(conv.messages, conv.tools, False)
            spans = []
            for k, m in enumerate(conv.messages):
                if m["role"] != "assistant":
                    continue
                before = self.render(conv.messages[:k], conv.tools, True) if k else ""
                upto = self.render(conv.messages[: k + 1], conv.tools, False)
                if not upto.startswith(before) or not full.startswith(upto):
                    raise TrainerError(
                        "MODEL_INVALID",
                        f"the chat template does not render assistant turn {k} incrementally (the text before it is not a prefix "
                        "of the text with it), so its tokens cannot be told apart: pass --chat-template chatml or a template file",
                        where,
                    )
                spans.append((len(before), len(upto)))
        except TrainerError:
            raise
        except Exception as e:  # a template's raise_exception, a Jinja error on odd content
            raise TrainerError("INPUT_INVALID", f"the chat template rejected this row: {e}", where) from None
        out, pos = [], 0
        for a, b in spans:
            a = max(a, pos)
            if a > pos:
                out.append((full[pos:a], False))
            if b > a:
                out.append((full[a:b], True))
            pos = max(pos, b)
        if pos < len(full):
            out.append((full[pos:], False))
        if self.prepend_bos and not full.startswith(self.bos_text):
            out.insert(0, (self.bos_text, False))
        return out


def build_dataset(path: str, tokenizer, template: str | None, *, max_len: int, task_field: str | None = None,
                  system: str | None = None, task_names: list | None = None) -> TokenizedData:
    """Read, check and tokenise every row. `task_names` fixes the task order (a resumed or chained run)."""
    renderer = Renderer(tokenizer, template)
    ids_parts, label_parts, lengths, tasks, rows = [], [], [], [], []
    stats = {"rows": 0, "examples": 0, "dropped_too_long": 0, "tokens": 0, "label_tokens": 0, "longest": 0}
    raw_tasks: list = []
    pending: list = []

    def flush():
        texts = [t for _, _, pcs in pending for t, _ in pcs]
        enc = tokenizer(texts, add_special_tokens=False).input_ids if texts else []
        k = 0
        for row_no, task, pcs in pending:
            seq, lab = [], []
            for _, is_asst in pcs:
                piece = enc[k]
                k += 1
                seq.extend(piece)
                lab.extend([is_asst] * len(piece))
            stats["longest"] = max(stats["longest"], len(seq))
            if len(seq) > max_len:
                stats["dropped_too_long"] += 1
                continue
            if len(seq) < 2 or not any(lab[1:]):
                raise TrainerError("INPUT_INVALID", "the assistant turns tokenise to nothing to learn from", f"{path}: row {row_no}")
            ids_parts.append(np.asarray(seq, dtype=np.int32))
            label_parts.append(np.asarray(lab, dtype=bool))
            lengths.append(len(seq))
            raw_tasks.append(task)
            rows.append(row_no)
        pending.clear()

    for row_no, where, row in iter_rows(path):
        stats["rows"] += 1
        conv = to_conversation(row, where, task_field=task_field, system=system)
        pending.append((row_no, conv.task, renderer.pieces(conv, where)))
        if len(pending) >= _CHUNK:
            flush()
    flush()
    if stats["rows"] == 0:
        raise TrainerError("INPUT_INVALID", "the data file has no rows", str(path))
    if not lengths:
        raise TrainerError(
            "INPUT_INVALID",
            f"every row is longer than --max-len {max_len} tokens (the longest has {stats['longest']})",
            str(path),
        )
    if task_field:
        names = list(task_names) if task_names else sorted(set(raw_tasks))
        index = {n: i for i, n in enumerate(names)}
        for row_no, t in zip(rows, raw_tasks):
            if t not in index:
                raise TrainerError("INPUT_INVALID", f'task "{t}" is not one of the run\'s tasks ({", ".join(names)})', f"{path}: row {row_no}")
        tasks = [index[t] for t in raw_tasks]
    else:
        names, tasks = [], [-1] * len(lengths)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    ids = np.concatenate(ids_parts)
    is_label = np.concatenate(label_parts)
    # Position 0 can never be predicted; a label there would only be skipped later.
    is_label[offsets[:-1]] = False
    stats.update(examples=len(lengths), tokens=int(len(ids)), label_tokens=int(is_label.sum()))
    return TokenizedData(ids, is_label, offsets, np.asarray(tasks, dtype=np.int32), np.asarray(rows, dtype=np.int64), names, stats)


def cache_key(data_sha256: str, tokenizer, template: str | None, **settings) -> str:
    h = hashlib.sha256()
    h.update(data_sha256.encode())
    h.update((template or tokenizer.chat_template or "").encode())
    h.update(json.dumps(tokenizer.get_vocab(), sort_keys=True).encode())
    h.update(json.dumps(settings, sort_keys=True).encode())
    return h.hexdigest()[:16]


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
