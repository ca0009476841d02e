"""Training records → conversations: the layouts `hammer data build` writes (alpaca, sharegpt, messages) and
OpenAI-style tool-calling conversations (`messages` + `tools`, as octupus / ToolACE / hermes data come).

Every bad row is one `INPUT_INVALID` error naming the file and its 1-based row number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .events import TrainerError

SHAREGPT_ROLES = {
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "assistant": "assistant",
    "system": "system",
    "observation": "tool",
    "tool": "tool",
    "function_call": "assistant",
}
MESSAGE_ROLES = {"system", "user", "assistant", "tool"}


@dataclass
class Conversation:
    messages: list
    tools: list | None
    task: str | None


def iter_rows(path: str | Path) -> Iterator[tuple[int, str, object]]:
    """(row number from 1, location, parsed value) for a JSON array or a JSON Lines file."""
    p = Path(path)
    try:
        f = p.open("r", encoding="utf-8")
    except FileNotFoundError:
        raise TrainerError("NOT_FOUND", "data file not found", str(p)) from None
    with f:
        head = f.read(4096)
        stripped = head.lstrip()
        f.seek(0)
        if stripped.startswith("["):
            try:
                rows = json.load(f)
            except json.JSONDecodeError as e:
                raise TrainerError("INPUT_INVALID", f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}", str(p)) from None
            except UnicodeDecodeError:
                raise TrainerError("INPUT_INVALID", "not UTF-8 text", str(p)) from None
            for i, row in enumerate(rows):
                yield i + 1, f"{p}: row {i + 1}", row
            return
        n = 0
        try:
            for line_no, line in enumerate(f, 1):
                if not line.strip():
                    continue
                n += 1
                where = f"{p}:{line_no}: row {n}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise TrainerError("INPUT_INVALID", f"not valid JSON: {e.msg} at column {e.colno}", where) from None
                yield n, where, row
        except UnicodeDecodeError:
            raise TrainerError("INPUT_INVALID", f"not UTF-8 text (after row {n})", str(p)) from None


def to_conversation(row: object, where: str, *, task_field: str | None = None, system: str | None = None) -> Conversation:
    def bad(msg: str):
        raise TrainerError("INPUT_INVALID", msg, where)

    if not isinstance(row, dict):
        bad(f"expected a JSON object, got {type(row).__name__}")
    task = None
    if task_field:
        task = row.get(task_field)
        if not isinstance(task, str) or not task:
            bad(f'missing the task field "{task_field}" (a non-empty string)')
    tools = _tools(row.get("tools"), bad)
    if "instruction" in row or "output" in row:
        messages = _alpaca(row, bad, system)
    elif "conversations" in row:
        messages = _sharegpt(row["conversations"], bad)
        if isinstance(row.get("system"), str) and row["system"] and not any(m["role"] == "system" for m in messages):
            messages.insert(0, {"role": "system", "content": row["system"]})
    elif "messages" in row:
        messages = _messages(row["messages"], bad)
    else:
        bad("not a training record: expected alpaca {instruction, input, output}, sharegpt {conversations} or {messages}")
    if not any(m["role"] == "assistant" for m in messages):
        bad("no assistant turn to learn from")
    return Conversation(messages, tools, task)


def _alpaca(row: dict, bad, system: str | None) -> list:
    for key in ("instruction", "output"):
        if not isinstance(row.get(key), str):
            bad(f'alpaca record: "{key}" must be a string')
    inp = row.get("input", "")
    if not isinstance(inp, str):
        bad('alpaca record: "input" must be a string')
    # LLaMA-Factory's join: instruction, newline, input (when there is one).
    prompt = row["instruction"] + ("\n" + inp if inp else "")
    messages = []
    sys_text = row.get("system") if isinstance(row.get("system"), str) and row.get("system") else system
    if sys_text:
        messages.append({"role": "system", "content": sys_text})
    history = row.get("history") or []
    if not isinstance(history, list):
        bad('alpaca record: "history" must be a list of [prompt, response] pairs')
    for i, pair in enumerate(history):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            bad(f"alpaca record: history[{i}] must be a [prompt, response] pair of strings")
        messages += [{"role": "user", "content": pair[0]}, {"role": "assistant", "content": pair[1]}]
    messages += [{"role": "user", "content": prompt}, {"role": "assistant", "content": row["output"]}]
    return messages


def _sharegpt(turns: object, bad) -> list:
    if not isinstance(turns, list) or not turns:
        bad('sharegpt record: "conversations" must be a non-empty list')
    out = []
    for i, t in enumerate(turns):
        if not isinstance(t, dict):
            bad(f"sharegpt record: conversations[{i}] must be an object")
        src = t.get("from", t.get("role"))
        value = t.get("value", t.get("content"))
        if src not in SHAREGPT_ROLES:
            bad(f"sharegpt record: conversations[{i}] has unknown role {json.dumps(src)}")
        if not isinstance(value, str):
            bad(f'sharegpt record: conversations[{i}].value must be a string')
        role = SHAREGPT_ROLES[src]
        if src == "function_call":
            out.append({"role": "assistant", "content": "", "tool_calls": _calls_from_text(value, f"conversations[{i}]", bad)})
        else:
            out.append({"role": role, "content": value})
    return out


def _calls_from_text(value: str, at: str, bad) -> list:
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        bad(f"sharegpt record: {at} (function_call) is not JSON")
    calls = parsed if isinstance(parsed, list) else [parsed]
    out = []
    for j, c in enumerate(calls):
        if not (isinstance(c, dict) and isinstance(c.get("name"), str)):
            bad(f"sharegpt record: {at} call {j} needs a string name")
        out.append({"type": "function", "function": {"name": c["name"], "arguments": _arguments(c.get("arguments", {}), f"{at} call {j}", bad)}})
    return out


def _messages(turns: object, bad) -> list:
    if not isinstance(turns, list) or not turns:
        bad('"messages" must be a non-empty list')
    out = []
    for i, m in enumerate(turns):
        if not isinstance(m, dict):
            bad(f"messages[{i}] must be an object")
        role = m.get("role")
        if role not in MESSAGE_ROLES:
            bad(f"messages[{i}] has unknown role {json.dumps(role)}")
        content = m.get("content")
        if content is None:
            content = ""
        if isinstance(content, list):  # OpenAI content parts: keep the text ones
            if not all(isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str) for p in content):
                bad(f"messages[{i}].content parts must all be text parts")
            content = "".join(p["text"] for p in content)
        if not isinstance(content, str):
            bad(f"messages[{i}].content must be a string")
        msg = {"role": role, "content": content}
        if role == "assistant" and m.get("tool_calls"):
            msg["tool_calls"] = _tool_calls(m["tool_calls"], f"messages[{i}].tool_calls", bad)
        if role == "tool":
            for key in ("tool_call_id", "name"):
                if isinstance(m.get(key), str):
                    msg[key] = m[key]
        out.append(msg)
    return out


def _tool_calls(calls: object, at: str, bad) -> list:
    if not isinstance(calls, list):
        bad(f"{at} must be a list")
    out = []
    for j, c in enumerate(calls):
        fn = c.get("function") if isinstance(c, dict) else None
        if not (isinstance(fn, dict) and isinstance(fn.get("name"), str)):
            bad(f"{at}[{j}] must be {{type: function, function: {{name, arguments}}}}")
        call = {"type": "function", "function": {"name": fn["name"], "arguments": _arguments(fn.get("arguments", {}), f"{at}[{j}]", bad)}}
        if isinstance(c.get("id"), str):
            call["id"] = c["id"]
        out.append(call)
    return out


def _arguments(args: object, at: str, bad) -> dict:
    # Chat templates expect arguments as an object; OpenAI data carries them as a JSON string.
    if isinstance(args, str):
        try:
            args = json.loads(args) if args.strip() else {}
        except json.JSONDecodeError:
            bad(f"{at}: arguments is not valid JSON")
    if not isinstance(args, dict):
        bad(f"{at}: arguments must be a JSON object")
    return args


def _tools(tools: object, bad) -> list | None:
    if tools is None or tools == "" or tools == []:
        return None
    if isinstance(tools, str):  # ToolACE / hermes style: tools as a JSON string
        try:
            tools = json.loads(tools)
        except json.JSONDecodeError:
            bad('"tools" is a string but not valid JSON')
    if not isinstance(tools, list) or not all(isinstance(t, dict) for t in tools):
        bad('"tools" must be a list of tool objects')
    for i, t in enumerate(tools):
        fn = t.get("function", t)
        if not (isinstance(fn, dict) and isinstance(fn.get("name"), str)):
            bad(f"tools[{i}] needs a string name")
    return tools
