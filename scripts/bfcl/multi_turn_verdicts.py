"""Reference verdicts of BFCL v3's OFFICIAL multi-turn checker on mutated predictions (a fixture for our scorer).

Takes a sample of the multi-turn entries (every STRIDE-th of each category), turns each ground truth into a prediction
in hammer-fc's shape ({"id", "turns": [[[{"name", "arguments"}]]]}, one step per turn) and derives seeded mutations
from it (dropped call, changed value, wrong name, extra read-only call, swapped calls, empty turn, missing / extra
turn, int written as float, bad argument, ...). Each prediction is judged the way BFCL's eval runner does (turn-count
check, decoding into `name(k=repr(v),...)` strings with empty steps dropped, then `multi_turn_checker`), using the
official code from a BFCL checkout; nothing of it is copied here.
    BFCL_DIR=/work/gorilla/berkeley-function-call-leaderboard DATA=../shared/data/bfcl_v3 \
        /work/bfcl-venv/bin/python scripts/bfcl/multi_turn_verdicts.py > src/eval/multiturn/__fixtures__/official_verdicts.jsonl
Each output line: {"id", "mutation", "turns", "valid", "error_type"}.
"""
import ast
import copy
import importlib
import inspect
import json
import os
import random
import sys

sys.path.insert(0, os.environ["BFCL_DIR"])
from bfcl_eval.eval_checker.multi_turn_eval import multi_turn_utils  # noqa: E402
from bfcl_eval.eval_checker.multi_turn_eval.multi_turn_checker import multi_turn_checker  # noqa: E402

DATA = os.environ.get("DATA", "../shared/data/bfcl_v3")
STRIDE = int(os.environ.get("STRIDE", "8"))
CATEGORIES = ["multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"]
# A call per class that reads without changing state (its result joins the model's results).
READ_ONLY = {
    "GorillaFileSystem": ("pwd", {}),
    "MathAPI": ("absolute_value", {"number": -2.5}),
    "MessageAPI": ("message_get_login_status", {}),
    "TwitterAPI": ("posting_get_login_status", {}),
    "TicketAPI": ("ticket_get_login_status", {}),
    "TradingBot": ("trading_get_login_status", {}),
    "TravelAPI": ("travel_get_login_status", {}),
    "VehicleControlAPI": ("get_current_speed", {}),
}


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def signature_names(classes):
    """Method name -> parameter names, from the official classes (positional ground truth binds by them)."""
    names = {}
    for class_name in classes:
        module = importlib.import_module(multi_turn_utils.CLASS_FILE_PATH_MAPPING[class_name])
        for name, fn in inspect.getmembers(getattr(module, class_name), predicate=inspect.isfunction):
            if not name.startswith("_"):
                names[name] = [p for p in inspect.signature(fn).parameters if p != "self"]
    return names


def to_call(text, params):
    node = ast.parse(text, mode="eval").body
    name = node.func.id
    args = {params[name][i]: ast.literal_eval(a) for i, a in enumerate(node.args)}
    args.update({k.arg: ast.literal_eval(k.value) for k in node.keywords})
    return {"name": name, "arguments": args}


def python_call(call):
    """The eval runner's text for a decoded call: name(k=repr(v),...)."""
    args = call["arguments"]
    if isinstance(args, str):
        args = json.loads(args)
    return "%s(%s)" % (call["name"], ",".join("%s=%r" % (k, v) for k, v in args.items()))


def official_verdict(entry, ground_truth, turns, n):
    if len(turns) != len(ground_truth):
        return False, "multi_turn:force_terminated"
    decoded = [[[python_call(c) for c in step] for step in turn if len(step) > 0] for turn in turns]
    result = multi_turn_checker(decoded, ground_truth, entry, entry["id"].rsplit("_", 1)[0], f"reference{n}")
    return result["valid"], result.get("error_type")


def calls_of(turns):
    return [(t, i) for t, turn in enumerate(turns) if turn for i in range(len(turn[0]))]


def changed(value, rng):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + rng.randint(1, 9)
    if isinstance(value, float):
        return value + 1.5
    if isinstance(value, str):
        return value + "_x"
    if isinstance(value, list):
        return value[:-1] if value else ["x"]
    return None


def mutations(entry, gold, rng):
    """(name, turns) pairs derived from the gold prediction; each applies where it can."""
    yield "gold", gold
    yield "arguments_as_json_text", [[[{"name": c["name"], "arguments": json.dumps(c["arguments"])} for c in step] for step in turn] for turn in gold]
    yield "split_steps", [[[c] for c in turn[0]] if turn else [] for turn in gold]
    spots = calls_of(gold)
    if spots:
        t, i = rng.choice(spots)
        m = copy.deepcopy(gold)
        del m[t][0][i]
        yield "dropped_call", m
        m = copy.deepcopy(gold)
        m[t][0][i]["name"] += "_x"
        yield "wrong_name", m
        m = copy.deepcopy(gold)
        m[t][0][i]["arguments"]["bogus"] = 1
        yield "bad_argument", m
        with_args = [(t, i) for t, i in spots if gold[t][0][i]["arguments"]]
        if with_args:
            t, i = rng.choice(with_args)
            m = copy.deepcopy(gold)
            key = rng.choice(sorted(m[t][0][i]["arguments"]))
            m[t][0][i]["arguments"][key] = changed(m[t][0][i]["arguments"][key], rng)
            yield "changed_value", m
        ints = [(t, i, k) for t, i in spots for k, v in gold[t][0][i]["arguments"].items() if type(v) is int]
        if ints:
            t, i, k = rng.choice(ints)
            m = copy.deepcopy(gold)
            m[t][0][i]["arguments"][k] = float(m[t][0][i]["arguments"][k])
            yield "int_as_float", m
        multi = [t for t, turn in enumerate(gold) if turn and len(turn[0]) > 1]
        if multi:
            t = rng.choice(multi)
            m = copy.deepcopy(gold)
            m[t][0][0], m[t][0][-1] = m[t][0][-1], m[t][0][0]
            yield "swapped_calls", m
        t = rng.choice(sorted({t for t, _ in spots}))
        m = copy.deepcopy(gold)
        m[t] = []
        yield "empty_turn", m
        m = copy.deepcopy(gold)
        m[t] = [[]]
        yield "empty_step", m
        name, args = READ_ONLY[entry["involved_classes"][0]]
        m = copy.deepcopy(gold)
        m[t][0].append({"name": name, "arguments": dict(args)})
        yield "extra_read_only_call", m
        m = copy.deepcopy(gold)
        m[t][0].insert(0, {"name": "exit", "arguments": {}})
        yield "refused_name", m
    yield "missing_turn", gold[:-1]
    yield "extra_turn", gold + [[]]


def main():
    n = 0
    for category in CATEGORIES:
        entries = read_jsonl(os.path.join(DATA, f"BFCL_v3_{category}.json"))
        answers = {a["id"]: a["ground_truth"] for a in read_jsonl(os.path.join(DATA, "possible_answer", f"BFCL_v3_{category}.json"))}
        for entry in entries[::STRIDE]:
            ground_truth = answers[entry["id"]]
            params = signature_names(entry["involved_classes"])
            gold = [[[to_call(c, params) for c in turn]] if turn else [] for turn in ground_truth]
            rng = random.Random(entry["id"])
            for name, turns in mutations(entry, gold, rng):
                valid, error_type = official_verdict(copy.deepcopy(entry), ground_truth, turns, n)
                n += 1
                print(json.dumps({"id": entry["id"], "mutation": name, "turns": turns, "valid": valid, "error_type": error_type}))


main()
