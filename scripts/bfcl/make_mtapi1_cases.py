"""Parity cases for the GorillaFileSystem, TwitterAPI and TicketAPI ports (input of record_multi_turn.py).

    python make_mtapi1_cases.py CLASS DATA_DIR > cases.jsonl
    # the fixtures, as made (the venv's Python has mpmath and runs BFCL's code at gorilla commit cd9429cc):
    BFCL_DIR=/work/gorilla/berkeley-function-call-leaderboard /work/bfcl-venv/bin/python \
        scripts/bfcl/make_mtapi1_cases.py CLASS ../shared/data/bfcl_v3 --record \
        | gzip -9 > src/eval/multiturn/__fixtures__/CLASS.jsonl.gz

CLASS: GorillaFileSystem | TwitterAPI | TicketAPI. DATA_DIR: BFCL v3 data (BFCL_v3_multi_turn_*.json and
possible_answer/). Cases: every ground-truth call sequence of the multi-turn entries that involve CLASS (only
CLASS's calls, turn by turn; long_context by BFCL's id rule; identical sequences once), then hand-written
error-path cases (mtapi1_error_cases.py). With --record (run it with the Python that runs BFCL's code), each
case goes through record_multi_turn.py in a fresh interpreter, and the case is printed with its recorded
results and state: TwitterAPI.post_tweet's mutable default list (`mentions=[]`) leaks between the instances of
one process, which our port does not mimic.
"""
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mtapi1_error_cases import ERROR_CASES  # noqa: E402

# Public method names per class (the official classes' methods; a call to another class's method is dropped).
METHODS = {
    "GorillaFileSystem": {"pwd", "ls", "cd", "mkdir", "touch", "echo", "cat", "find", "wc", "sort", "grep", "du",
                          "tail", "diff", "mv", "rm", "rmdir", "cp"},
    "TwitterAPI": {"authenticate_twitter", "posting_get_login_status", "post_tweet", "retweet", "comment", "mention",
                   "follow_user", "list_all_following", "unfollow_user", "get_tweet", "get_user_tweets",
                   "search_tweets", "get_tweet_comments", "get_user_stats"},
    "TicketAPI": {"create_ticket", "get_ticket", "close_ticket", "resolve_ticket", "edit_ticket", "ticket_login",
                  "ticket_get_login_status", "logout", "get_user_tickets"},
}

CALL_NAME = re.compile(r"\s*([A-Za-z_]\w*)\s*\(")


def ground_truth_cases(cls, data_dir):
    answers = {}
    for path in glob.glob(os.path.join(data_dir, "possible_answer", "BFCL_v3_multi_turn_*.json")):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                entry = json.loads(line)
                answers[entry["id"]] = entry["ground_truth"]
    seen = set()
    for path in sorted(glob.glob(os.path.join(data_dir, "BFCL_v3_multi_turn_*.json"))):
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            entry = json.loads(line)
            if cls not in entry["involved_classes"]:
                continue
            long_context = "long_context" in entry["id"].rsplit("_", 1)[0]
            steps = [[call for call in turn if CALL_NAME.match(call).group(1) in METHODS[cls]]
                     for turn in answers[entry["id"]]]
            config = {cls: entry["initial_config"].get(cls, {})}
            key = json.dumps([config, long_context, steps], sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            yield {"id": f"{cls}__{entry['id']}", "initial_config": config, "involved_classes": [cls],
                   "long_context": long_context, "steps": steps}


RECORDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "record_multi_turn.py")


def record(case):
    out = subprocess.run([sys.executable, RECORDER], input=json.dumps(case) + "\n", capture_output=True, text=True,
                         check=True)
    return {**case, **json.loads(out.stdout)}


def main():
    cls, data_dir = sys.argv[1], sys.argv[2]
    cases = list(ground_truth_cases(cls, data_dir))
    for n, case in enumerate(ERROR_CASES[cls]):
        cases.append({"id": f"{cls}__error_{n}", "involved_classes": [cls], "long_context": False, **case})
    for case in cases:
        print(json.dumps(record(case) if "--record" in sys.argv[3:] else case))


if __name__ == "__main__":
    main()
