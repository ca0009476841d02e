"""Record what BFCL v3's official multi-turn code does, as fixtures for our TypeScript port.

Runs the official runner (`execute_multi_turn_func_call`) from a BFCL checkout; nothing of it is copied here.
    BFCL_DIR=/path/to/gorilla/berkeley-function-call-leaderboard python record_multi_turn.py < cases.jsonl > recorded.jsonl
(math_api needs `pip install mpmath==1.3.0`, the version BFCL pins: 1.4 rounds some logarithms differently.) Each input line:
    {"id": "case_1", "initial_config": {...}, "involved_classes": ["GorillaFileSystem"], "long_context": false,
     "steps": [["cd(folder='document')", "ls()"], ...]}
Each output line: {"id", "results": [[result text, ...] per step], "state": {class: {public attribute: value}}}.
State values: JSON data; an object becomes {"__class__": name, public attributes...}; a back-reference (a cycle)
becomes {"__cycle__": class name}; anything else {"__repr__": repr(value)}. Floats keep Python's spelling (45.0).
"""
import json
import os
import sys

sys.path.insert(0, os.environ["BFCL_DIR"])
from bfcl_eval.eval_checker.multi_turn_eval.multi_turn_utils import execute_multi_turn_func_call  # noqa: E402


def dump(value, path):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if id(value) in path:
        return {"__cycle__": type(value).__name__}
    path = path | {id(value)}
    if isinstance(value, dict):
        return {str(k): dump(v, path) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [dump(v, path) for v in value]
    if hasattr(value, "__dict__"):
        out = {"__class__": type(value).__name__}
        for k, v in vars(value).items():
            if not k.startswith("_"):
                out[k] = dump(v, path)
        return out
    return {"__repr__": repr(value)}


def record(case, n):
    # The official runner caches instances in its globals by model name and entry id: a fresh name per case.
    model = f"record{n}"
    results, instances = [], {}
    for step in case["steps"] or [[]]:
        step_results, instances = execute_multi_turn_func_call(
            step, case["initial_config"], case["involved_classes"], model, case["id"], case.get("long_context", False)
        )
        results.append(step_results)
    state = {name: dump({k: v for k, v in vars(obj).items() if not k.startswith("_")}, frozenset())
             for name, obj in instances.items()}
    return {"id": case["id"], "results": results, "state": state}


for n, line in enumerate(sys.stdin):
    if line.strip():
        print(json.dumps(record(json.loads(line), n)))
