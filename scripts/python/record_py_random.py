"""Records CPython's random.Random draws for PyRandom's parity test.

Usage: python3 scripts/python/record_py_random.py > src/core/python/__fixtures__/pyRandom.json

Each seed gets a fresh random.Random(seed) and one sequence of calls on it, in order. Ints are written as
decimal strings (they may pass 2**53), floats as repr() text, lists of ints as lists of decimal strings;
a population range(n) (passed to Python as list(range(n))) as {"range": n}.
"""
import json
import random
import sys

SEEDS = [0, 1, 42, -1, -42, 141053, 200191, 1053520, 2**32 - 1, 2**32, -(2**32), 2**64 + 12345,
         -(2**100) - 7, 12345678901234567890123456789, "", "hello", "héllo ✓"]

CALLS = [
    ("random", []), ("random", []), ("random", []),
    ("getrandbits", [1]), ("getrandbits", [31]), ("getrandbits", [32]), ("getrandbits", [33]),
    ("getrandbits", [64]), ("getrandbits", [100]), ("getrandbits", [0]),
    ("randint", [0, 9]), ("randint", [1, 1]), ("randint", [10000, 99999]), ("randint", [100000, 999999]),
    ("randint", [100000000000, 999999999999]), ("randint", [1000000, 9999999]), ("randint", [-5, 5]),
    ("randint", [0, 2**70]), ("randint", [1600000000, 1700000000]),
    ("randrange", [10]), ("randrange", [0, 100, 7]), ("randrange", [100, 0, -3]), ("randrange", [-50, 50]),
    ("uniform", [-10.0, 40.0]), ("uniform", [0.0, 120.0]), ("uniform", [5.0, 5.0]), ("uniform", [3.0, -2.5]),
    ("choice", [range(7)]), ("choice", [range(1)]),
    ("shuffle", [range(10)]), ("shuffle", [range(1)]),
    ("sample", [range(30), 5]), ("sample", [range(10), 10]), ("sample", [range(1000), 12]),
    ("sample", [range(100), 0]), ("sample", [range(100), 6]), ("sample", [range(86), 7]),
    ("random", []), ("randint", [0, 1]),
]


def encode(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, range):
        return {"range": len(value)}
    raise TypeError(type(value))


def run(seed):
    rng = random.Random(seed)
    out = []
    for name, args in CALLS:
        if name == "shuffle":
            items = list(args[0])
            rng.shuffle(items)
            result = items
        else:
            result = getattr(rng, name)(*[list(a) if isinstance(a, range) else a for a in args])
        out.append({"call": name, "args": encode(args), "result": encode(result)})
    return {"seed": encode(seed) if not isinstance(seed, str) else {"str": seed}, "calls": out}


json.dump({"python": sys.version.split()[0], "cases": [run(s) for s in SEEDS]}, sys.stdout, ensure_ascii=False, indent=None)
sys.stdout.write("\n")
