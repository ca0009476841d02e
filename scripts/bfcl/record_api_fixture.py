"""Record a parity fixture for one simulated API class: cases from make_api_cases.py, run by the official code.

    BFCL_DIR=/path/to/gorilla/berkeley-function-call-leaderboard /path/to/bfcl-venv/bin/python \
        scripts/bfcl/record_api_fixture.py TradingBot ../shared/data/bfcl_v3 extra_cases.jsonl OUT.jsonl.gz

Each output line is a case (id, initial_config, involved_classes, long_context, steps) with the official
`results` and `state` added (see record_multi_turn.py for their format). Long-context cases run in a process
of their own: the official long-context data is shared by reference between instances (TravelAPI's extension
cards), so one case's mutations would leak into the next.
"""
import gzip
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def record(cases):
    text = "".join(json.dumps(c) + "\n" for c in cases)
    out = subprocess.run([sys.executable, os.path.join(HERE, "record_multi_turn.py")], input=text, capture_output=True,
                         text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main():
    class_name, data_dir, extra, out_path = sys.argv[1:5]
    built = subprocess.run([sys.executable, os.path.join(HERE, "make_api_cases.py"), class_name, data_dir, extra],
                           capture_output=True, text=True, check=True).stdout
    cases = [json.loads(line) for line in built.splitlines() if line.strip()]
    shared = [c for c in cases if not c.get("long_context")]
    recorded = {r["id"]: r for r in record(shared)}
    for case in cases:
        if case.get("long_context"):
            recorded[case["id"]] = record([case])[0]
    with gzip.open(out_path, "wt", encoding="utf-8") as f:
        for case in cases:
            r = recorded[case["id"]]
            f.write(json.dumps({**case, "results": r["results"], "state": r["state"]}) + "\n")


main()
