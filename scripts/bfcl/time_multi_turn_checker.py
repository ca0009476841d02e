"""Time BFCL v3's OFFICIAL multi-turn checker on gold predictions (the peer figure of `npm run bench:eval`).

Reads the predictions to check on stdin, one per line: an entry id (its ground truth as the model's answer, one
step per non-empty turn, as the official runner decodes it) or a JSON object {"id", "decoded"} (the model's decoded
answer: per turn, per step, the call strings the official runner evaluates). Checks each with `multi_turn_checker`
from a BFCL checkout and prints {"entries", "passes", "checks", "valid", "seconds"}. Timed as bench:eval times
hammer-fc's checker: one untimed warm-up pass (it also imports the API modules, as Node has loaded ours before its
timer), then whole passes until MIN_SECONDS of checker time. "seconds" counts the checker calls only (loading
excluded), "checks" the checks timed (passes x lines), "valid" how many of those were valid. Each check gets a
fresh model name (the official runner caches instances by model name and entry id); the instances a pass leaves in
the runner's module globals are dropped after it, untimed (one pass = one official run). Nothing of BFCL is copied.
    BFCL_DIR=/path/to/gorilla/berkeley-function-call-leaderboard DATA=../shared/data/bfcl_v3 python time_multi_turn_checker.py < ids
"""
import json
import os
import sys
import time

sys.path.insert(0, os.environ["BFCL_DIR"])
from bfcl_eval.eval_checker.multi_turn_eval import multi_turn_utils  # noqa: E402
from bfcl_eval.eval_checker.multi_turn_eval.multi_turn_checker import multi_turn_checker  # noqa: E402

DATA = os.environ.get("DATA", "../shared/data/bfcl_v3")
MIN_SECONDS = float(os.environ.get("MIN_SECONDS", "2"))
wanted = []  # (entry id, decoded answer or None for the ground truth)
for line in sys.stdin:
    line = line.strip()
    if line.startswith("{"):
        item = json.loads(line)
        wanted.append((item["id"], item["decoded"]))
    elif line:
        wanted.append((line, None))
entries, answers = {}, {}
for category in sorted({i.rsplit("_", 1)[0] for i, _ in wanted}):
    with open(os.path.join(DATA, f"BFCL_v3_{category}.json")) as f:
        for line in f:
            e = json.loads(line)
            entries[e["id"]] = e
    with open(os.path.join(DATA, "possible_answer", f"BFCL_v3_{category}.json")) as f:
        for line in f:
            a = json.loads(line)
            answers[a["id"]] = a["ground_truth"]
runner_globals = vars(multi_turn_utils)
own_names = set(runner_globals)


def one_pass(pass_index):
    """Check every line once; returns (valid, seconds in the checker)."""
    valid = 0
    elapsed = 0.0
    for n, (entry_id, answer) in enumerate(wanted):
        ground_truth = answers[entry_id]
        decoded = [[turn] if turn else [] for turn in ground_truth] if answer is None else answer
        start = time.perf_counter()
        result = multi_turn_checker(decoded, ground_truth, entries[entry_id], entry_id.rsplit("_", 1)[0], f"timing{pass_index}_{n}")
        elapsed += time.perf_counter() - start
        valid += bool(result["valid"])
    for name in [k for k in runner_globals if k not in own_names]:
        del runner_globals[name]
    return valid, elapsed


one_pass(0)  # warm-up, untimed
passes, valid, seconds = 0, 0, 0.0
while seconds < MIN_SECONDS:
    passes += 1
    v, s = one_pass(passes)
    valid += v
    seconds += s
print(json.dumps({"entries": len(wanted), "passes": passes, "checks": passes * len(wanted), "valid": valid, "seconds": seconds}))
