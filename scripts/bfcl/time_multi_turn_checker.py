"""Time BFCL v3's OFFICIAL multi-turn checker on gold predictions (the peer figure of `npm run bench:eval`).

Reads entry ids (one per line) on stdin, checks each entry's ground truth as the model's answer (one step per
non-empty turn, as the official runner decodes it) with `multi_turn_checker` from a BFCL checkout, and prints
{"entries", "valid", "seconds"} (seconds: the checker calls only, loading excluded). Nothing of BFCL is copied here.
    BFCL_DIR=/path/to/gorilla/berkeley-function-call-leaderboard DATA=../shared/data/bfcl_v3 python time_multi_turn_checker.py < ids
"""
import json
import os
import sys
import time

sys.path.insert(0, os.environ["BFCL_DIR"])
from bfcl_eval.eval_checker.multi_turn_eval.multi_turn_checker import multi_turn_checker  # noqa: E402

DATA = os.environ.get("DATA", "../shared/data/bfcl_v3")
wanted = [line.strip() for line in sys.stdin if line.strip()]
entries, answers = {}, {}
for category in sorted({i.rsplit("_", 1)[0] for i in wanted}):
    with open(os.path.join(DATA, f"BFCL_v3_{category}.json")) as f:
        for line in f:
            e = json.loads(line)
            entries[e["id"]] = e
    with open(os.path.join(DATA, "possible_answer", f"BFCL_v3_{category}.json")) as f:
        for line in f:
            a = json.loads(line)
            answers[a["id"]] = a["ground_truth"]

valid = 0
elapsed = 0.0
for n, entry_id in enumerate(wanted):
    ground_truth = answers[entry_id]
    decoded = [[turn] if turn else [] for turn in ground_truth]
    start = time.perf_counter()
    # A fresh model name per check: the official runner caches instances by model name and entry id.
    result = multi_turn_checker(decoded, ground_truth, entries[entry_id], entry_id.rsplit("_", 1)[0], f"timing{n}")
    elapsed += time.perf_counter() - start
    valid += bool(result["valid"])
print(json.dumps({"entries": len(wanted), "valid": valid, "seconds": elapsed}))
