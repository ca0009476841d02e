"""Build parity cases for one simulated API class from BFCL v3's multi-turn data, for record_multi_turn.py.

    python scripts/bfcl/make_api_cases.py TradingBot ../shared/data/bfcl_v3 [extra_cases.jsonl] > cases.jsonl

Every entry of the four multi-turn categories that involves the class becomes one case holding only that class:
its initial_config, long_context by BFCL's id rule, and one step per ground-truth turn with the calls that name one of
the class's methods (the classes share no state, so the other classes' calls change nothing here). Method names come
from the class's multi_turn_func_doc file. An optional JSONL file of hand-written cases (error paths) is appended as is.
"""
import json
import os
import sys

DOC_FILE = {
    "TradingBot": "trading_bot.json",
    "TravelAPI": "travel_booking.json",
    "VehicleControlAPI": "vehicle_control.json",
    "GorillaFileSystem": "gorilla_file_system.json",
    "MathAPI": "math_api.json",
    "MessageAPI": "message_api.json",
    "TwitterAPI": "posting_api.json",
    "TicketAPI": "ticket_api.json",
}
CATEGORIES = ["base", "miss_func", "miss_param", "long_context"]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    class_name, data_dir = sys.argv[1], sys.argv[2]
    methods = {d["name"] for d in read_jsonl(os.path.join(data_dir, "multi_turn_func_doc", DOC_FILE[class_name]))}
    for category in CATEGORIES:
        entries = read_jsonl(os.path.join(data_dir, f"BFCL_v3_multi_turn_{category}.json"))
        answers = {a["id"]: a["ground_truth"] for a in read_jsonl(os.path.join(data_dir, "possible_answer", f"BFCL_v3_multi_turn_{category}.json"))}
        for entry in entries:
            if class_name not in entry["involved_classes"]:
                continue
            steps = [[call for call in turn if call.split("(", 1)[0].strip() in methods] for turn in answers[entry["id"]]]
            case = {
                "id": entry["id"],
                "initial_config": {class_name: entry["initial_config"].get(class_name, {})},
                "involved_classes": [class_name],
                "long_context": "long_context" in entry["id"].rsplit("_", 1)[0],
                "steps": steps,
            }
            print(json.dumps(case))
    if len(sys.argv) > 3:
        for case in read_jsonl(sys.argv[3]):
            print(json.dumps(case))


main()
