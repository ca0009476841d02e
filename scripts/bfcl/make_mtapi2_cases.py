"""Extra parity cases for the MathAPI and MessageAPI ports: a broad generated set (seeded, so the output is
reproducible) and hand-written error paths. record_api_fixture.py adds every ground-truth call sequence:

    python3 scripts/bfcl/make_mtapi2_cases.py math > /tmp/math_extra.jsonl     (or: message, MessageAPI, messageApi)
    BFCL_DIR=/path/to/gorilla/berkeley-function-call-leaderboard /path/to/venv/bin/python \
        scripts/bfcl/record_api_fixture.py MathAPI ../shared/data/bfcl_v3 /tmp/math_extra.jsonl \
        src/eval/multiturn/__fixtures__/mathApi.jsonl.gz

The venv needs mpmath==1.3.0 (BFCL's pin: 1.4 prints some mpf values differently); Python 3.11 (3.12's sum()
compensates rounding errors, 3.11's does not).
"""
import json
import random
import sys

def chunks(calls, size):
    return [calls[i:i + size] for i in range(0, len(calls), size)]


def math_generated(rng):
    def number():
        kind = rng.random()
        if kind < 0.3:
            return rng.randint(-1000, 100000)
        if kind < 0.6:
            return round(rng.uniform(-1000, 1000), rng.randint(0, 6))
        if kind < 0.8:
            return 10 ** rng.uniform(-8, 12)
        return float(rng.randint(-50, 500))

    def positive():
        kind = rng.random()
        if kind < 0.35:
            return rng.randint(1, 10 ** rng.randint(1, 12))
        if kind < 0.7:
            return round(rng.uniform(0.001, 5000), rng.randint(0, 5))
        return 10 ** rng.uniform(-12, 15)

    calls = []
    for _ in range(700):
        base = rng.choice([2, 10, 2.0, 10.0, 3, 5, 6.0, 20, 0.5, 1.5, positive(), positive()])
        precision = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 17, 20, 25, 30, 40, 50, 100, rng.randint(1, 60)])
        calls.append(f"logarithm(value={positive()!r}, base={base!r}, precision={precision!r})")
    for _ in range(150):
        near_one = 1 + rng.choice([-1, 1]) * 10 ** rng.uniform(-15, -1)
        calls.append(f"logarithm(value={near_one!r}, base={rng.choice([10, 2.0, near_one + 0.5, positive()])!r}, precision={rng.randint(1, 120)!r})")
    for _ in range(300):
        calls.append(f"square_root(number={positive()!r}, precision={rng.randint(1, 60)!r})")
    for _ in range(300):
        calls.append(f"power(base={positive()!r}, exponent={rng.choice([round(rng.uniform(-40, 40), rng.randint(0, 4)), rng.randint(-30, 30), rng.uniform(-3, 3)])!r})")
    for v in [0, 1, 4, 16.0, 0.25, 2.25, 100, 1e-7, 1e22, 123456789, 0.1, 2, 1e300, 5e-324, 99.0, 10 ** 15]:
        for p in [1, 2, 3, 5, 10, 28, 50]:
            calls.append(f"square_root(number={v!r}, precision={p!r})")
    for _ in range(250):
        for name in ["mean", "standard_deviation", "sum_values", "min_value", "max_value"]:
            numbers = [number() for _ in range(rng.randint(1, 9))]
            calls.append(f"{name}(numbers={numbers!r})")
    for _ in range(200):
        for name, (p, q) in [("add", "ab"), ("subtract", "ab"), ("multiply", "ab"), ("divide", "ab")]:
            calls.append(f"{name}({p}={number()!r}, {q}={number()!r})")
        calls.append(f"percentage(part={number()!r}, whole={number()!r})")
        calls.append(f"absolute_value(number={number()!r})")
        calls.append(f"round_number(number={number()!r}, decimal_places={rng.randint(-4, 8)!r})")
        calls.append(f"round_number(number={number()!r})")
        calls.append(f"power(base={rng.choice([number(), rng.randint(-20, 20)])!r}, exponent={rng.choice([rng.randint(-5, 12), round(rng.uniform(-3, 3), 3)])!r})")
    si = ["km", "m", "cm", "mm", "um", "nm"]
    imperial = ["cm", "in", "m", "ft", "yd", "km", "miles", "kg", "lb", "celsius", "fahrenheit"]
    for _ in range(150):
        calls.append(f"si_unit_conversion(value={number()!r}, unit_in={rng.choice(si)!r}, unit_out={rng.choice(si)!r})")
        calls.append(f"imperial_si_conversion(value={number()!r}, unit_in={rng.choice(imperial)!r}, unit_out={rng.choice(imperial)!r})")
    return calls


MATH_EDGE_CALLS = [
    # positional arguments, as the ground truth writes some calls
    "mean([1, 2, 3.5])", "logarithm(100, 10, 5)", "add(1, 2)", "round_number(2.5)", "round_number(2.675, 2)",
    "square_root(2, 10)", "power(2, 10)", "si_unit_conversion(5, 'km', 'm')",
    # None for the defaulted parameter, and None elsewhere
    "round_number(number=2.5, decimal_places=None)", "round_number(number=3.5, decimal_places=None)",
    "round_number(number=None)", "mean(numbers=None)", "add(a=None, b=1)", "logarithm(value=None, base=10, precision=5)",
    "logarithm(value=8, base=2, precision=None)", "square_root(number=None, precision=5)",
    "square_root(number=4, precision=None)", "absolute_value(number=None)", "percentage(part=1, whole=None)",
    # empty and non-numeric lists, strings, dicts
    "mean(numbers=[])", "standard_deviation(numbers=[])", "sum_values(numbers=[])", "min_value(numbers=[])",
    "max_value(numbers=[])", "mean(numbers=['a', 'b'])", "sum_values(numbers=[1, 'x'])", "min_value(numbers=['b', 'a', 'c'])",
    "max_value(numbers=['b', 'a', 'c'])", "min_value(numbers=[3, 'a'])", "min_value(numbers=[None])", "max_value(numbers='hello')",
    "min_value(numbers={'b': 1, 'a': 2})", "mean(numbers='abc')", "mean(numbers=5)", "mean(numbers=0)", "sum_values(numbers=[True, True, 2])",
    "min_value(numbers=[1, 1.0, True])", "max_value(numbers=[2.0, 2, 1])", "max_value(numbers=[1, 2.5, -3])", "mean(numbers=[1e308, 1e308])",
    "sum_values(numbers=[0.1, 0.2, 0.3])", "sum_values(numbers=[1, 2, 3])", "sum_values(numbers=[1, 2, 3.0])", "mean(numbers=[2, 4])",
    "standard_deviation(numbers=[5])", "min_value(numbers=[[1, 2], [1, 1], [0, 9, 9]])", "max_value(numbers=[[1, 2], [1, 2, 0]])",
    "max_value(numbers=[[1, 'a'], [1, 2]])", "min_value(numbers=[2, 1.5, 1.5])",
    "max_value(numbers=[True, 1, 1.0])", "min_value(numbers=['b', 'B', 'é', 'a'])", "standard_deviation(numbers=[1, 2, 3, 4])", "min_value(numbers=[[1, 2]])",
    # add/subtract on other types
    "add(a='ab', b='cd')", "add(a=[1, 2.0], b=[3])", "add(a='a', b=1)", "add(a=True, b=True)", "add(a=1.5, b=True)",
    "subtract(a='a', b='b')", "subtract(a=5, b=7.5)", "multiply(a='a', b=3)", "multiply(a=True, b=4)", "multiply(a=1e200, b=1e200)",
    "multiply(a=123456789012, b=987654321098)",
    # division and percentage by zero
    "divide(a=1, b=0)", "divide(a=1, b=0.0)", "divide(a=1, b=False)", "divide(a='1', b=2)", "divide(a=7, b=2)", "divide(a=6, b=3)",
    "percentage(part=5, whole=0)", "percentage(part=5, whole='10')", "percentage(part=1, whole=3)", "percentage(part=50, whole=200)",
    # power
    "power(base=0, exponent=-1)", "power(base=0.0, exponent=-1)", "power(base=10.0, exponent=400)", "power(base=10, exponent=400)",
    "power(base=-8, exponent=0.5)", "power(base=2, exponent=-2)", "power(base=2, exponent=0.5)", "power(base='2', exponent=2)",
    "power(base=-2, exponent=3)", "power(base=2.5, exponent=2)", "power(base=-1.5, exponent=2.5)",
    "power(base=10, exponent=4299)", "power(base=-10, exponent=4300)", "power(base=7, exponent=6000)",
    # rounding
    "round_number(number=-0.4, decimal_places=0)", "round_number(number=1234, decimal_places=-2)", "round_number(number=1250, decimal_places=-2)",
    "round_number(number=True, decimal_places=0)", "round_number(number=5, decimal_places=1.5)", "round_number(number=1e300, decimal_places=-400)",
    "round_number(number=0.5, decimal_places=400)", "round_number(number='3.3')", "round_number(number=2.567, decimal_places=True)",
    "round_number(number=0.125, decimal_places=2)", "round_number(number=-2.5)", "round_number(number=1e20)",
    # absolute value
    "absolute_value(number=-5)", "absolute_value(number=-5.0)", "absolute_value(number=True)", "absolute_value(number='x')",
    # square root
    "square_root(number=-4, precision=5)", "square_root(number=2, precision=0)", "square_root(number=2, precision=2.5)",
    "square_root(number='4', precision=5)", "square_root(number=True, precision=3)", "square_root(number=-0.0, precision=5)",
    "square_root(number=2, precision=True)", "square_root(number=[4], precision=5)",
    # logarithm special values
    "logarithm(value=5, base=1, precision=5)", "logarithm(value=0, base=10, precision=5)", "logarithm(value=0, base=1, precision=5)",
    "logarithm(value=5, base=0, precision=5)", "logarithm(value=-5, base=10, precision=5)", "logarithm(value=10, base=-5, precision=5)",
    "logarithm(value=-5, base=-10, precision=5)", "logarithm(value=8, base=2, precision=0)", "logarithm(value=8, base=2, precision=-3)",
    "logarithm(value=8, base=2, precision=2.7)", "logarithm(value=8, base=2, precision='5')", "logarithm(value=8, base=2, precision='x')",
    "logarithm(value='100', base=10, precision=5)", "logarithm(value='abc', base=10, precision=5)", "logarithm(value=[1], base=10, precision=5)",
    "logarithm(value=2, base=10, precision=True)", "logarithm(value=10, base=10, precision=50)", "logarithm(value=1e-300, base=10, precision=20)",
    "logarithm(value=1e300, base=2, precision=30)", "logarithm(value=1, base=1, precision=5)", "logarithm(value=1152921504606846976, base=3, precision=10)",
    "logarithm(value=1.0000000000000002, base=10, precision=30)", "logarithm(value=0.9999999999999999, base=2, precision=20)",
    "logarithm(value=5e-324, base=10, precision=15)", "logarithm(value=1024, base=2, precision=15)", "logarithm(value=2, base=1.0000000000000002, precision=15)",
    # logarithm of text (mpmath parses it at the working precision), values near 1, high precision
    "logarithm(value='1/4', base=2, precision=10)", "logarithm(value='inf', base=10, precision=5)",
    "logarithm(value='+inf', base=0.5, precision=5)", "logarithm(value='-inf', base=10, precision=5)",
    "logarithm(value='nan', base=10, precision=5)", "logarithm(value=' 5 ', base=10, precision=8)",
    "logarithm(value='1_000', base=10, precision=8)", "logarithm(value='5L', base=10, precision=8)",
    "logarithm(value='1e3', base=10, precision=8)", "logarithm(value='.5', base=10, precision=8)",
    "logarithm(value='5.', base=10, precision=8)", "logarithm(value='-3', base=10, precision=8)",
    "logarithm(value='infinity', base=10, precision=8)", "logarithm(value='1/0', base=10, precision=8)",
    "logarithm(value='1/2/3', base=10, precision=8)", "logarithm(value='0x10', base=10, precision=8)",
    "logarithm(value='2.5e-3', base=10, precision=8)", "logarithm(value='0.1', base='0.2', precision=30)",
    "logarithm(value='1/3', base='-2', precision=12)", "logarithm(value='', base=10, precision=8)",
    "logarithm(value=1.000001, base=1.0000001, precision=25)", "logarithm(value=0.999999, base=10, precision=100)",
    "logarithm(value=2, base=3, precision=200)", "logarithm(value=123456789, base=987654321, precision=150)",
    "logarithm(value=1e-320, base=1e300, precision=18)", "logarithm(value=3, base=3.0000000000000004, precision=15)",
    # int division beyond 2^53 (Python divides exactly, then rounds once)
    "mean(numbers=[9007199254740991, 9007199254740991, 3])",
    "mean(numbers=[4503599627370497, 4503599627370497, 4503599627370497])", "percentage(part=9007199254740991, whole=7)",
    "divide(a=9007199254740991, b=3)", "sum_values(numbers=[9007199254740991, 9007199254740991])",
    # conversions
    "si_unit_conversion(value='5', unit_in='km', unit_out='m')", "si_unit_conversion(value=5, unit_in='km', unit_out='yd')",
    "si_unit_conversion(value=5, unit_in='xx', unit_out=['m'])", "si_unit_conversion(value=5, unit_in='km', unit_out=['m'])",
    "si_unit_conversion(value=5, unit_in=None, unit_out='m')", "si_unit_conversion(value=True, unit_in='m', unit_out='m')",
    "si_unit_conversion(value=2.5, unit_in=1.0, unit_out='m')", "si_unit_conversion(value=7, unit_in='km', unit_out='km')",
    "imperial_si_conversion(value=5, unit_in='kg', unit_out='kg')", "imperial_si_conversion(value=5.0, unit_in='kg', unit_out='kg')",
    "imperial_si_conversion(value=True, unit_in='kg', unit_out='kg')", "imperial_si_conversion(value=None, unit_in='kg', unit_out='lb')",
    "imperial_si_conversion(value=100, unit_in='celsius', unit_out='fahrenheit')", "imperial_si_conversion(value=212, unit_in='fahrenheit', unit_out='celsius')",
    "imperial_si_conversion(value=3, unit_in='kg', unit_out='m')", "imperial_si_conversion(value=3, unit_in=None, unit_out=2.0)",
    "imperial_si_conversion(value=3, unit_in=[1], unit_out=[1])",
]


def math_cases():
    rng = random.Random(20260602)
    cases = []
    for i, step in enumerate(chunks(math_generated(rng), 100)):
        cases.append({"id": f"math_generated_{i}", "initial_config": {"MathAPI": {}}, "involved_classes": ["MathAPI"], "long_context": False, "steps": [step]})
    for i, step in enumerate(chunks(MATH_EDGE_CALLS, 20)):
        cases.append({"id": f"math_edge_{i}", "initial_config": {"MathAPI": {}}, "involved_classes": ["MathAPI"], "long_context": False, "steps": [step]})
    return cases


def message_case(case_id, steps, config=None):
    return {"id": case_id, "initial_config": {"MessageAPI": config or {}}, "involved_classes": ["MessageAPI"],
            "long_context": False, "steps": steps}


MESSAGE_EDGE_CASES = [
    message_case("message_edge_logged_out", [[
        "send_message(receiver_id='USR002', message='hi')", "delete_message(receiver_id='USR002')", "view_messages_sent()",
        "search_messages(keyword='file')", "get_message_stats()", "message_get_login_status()", "list_users()",
        "message_login(user_id='USR999')", "message_login(user_id=1)", "message_login(user_id=None)", "get_user_id(user='Zed')",
        "get_user_id(user=None)", "get_user_id(user=5)", "get_user_id(user=['Bob'])", "get_user_id('Bob')",
    ], ["message_login('USR001')", "message_get_login_status()", "send_message('USR002', 'hi there')",
        "send_message(receiver_id='USR099', message='x')", "send_message(receiver_id=['USR002'], message='x')"]]),
    message_case("message_edge_sends_and_deletes", [[
        "message_login(user_id='USR001')", "send_message(receiver_id='USR003', message='same')",
        "send_message(receiver_id='USR003', message='same')", "send_message(receiver_id='USR002', message=5)",
        "send_message(receiver_id='USR002', message=2.0)", "send_message(receiver_id='USR004', message=['a', 'b'])",
        "send_message(receiver_id='USR004', message=None)", "view_messages_sent()", "get_message_stats()",
        "delete_message(receiver_id='USR003')", "view_messages_sent()", "delete_message(receiver_id='USR003')",
        "delete_message(receiver_id='USR003')", "delete_message(receiver_id='USR003')", "delete_message(receiver_id='USR404')",
        "delete_message(receiver_id=None)", "delete_message('USR002')", "view_messages_sent()", "search_messages(keyword='FILE')",
        "search_messages(keyword='')", "search_messages(keyword=None)", "search_messages(keyword=3)",
    ] + ["send_message(receiver_id='USR002', message='ping %d')" % i for i in range(25)] + ["get_message_stats()"]]),
    # list.remove drops the first equal entry: [X, Y, X] minus the last X leaves [Y, X]
    message_case("message_edge_remove_first_equal", [[
        "message_login(user_id='USR001')", "send_message(receiver_id='USR003', message='X')",
        "send_message(receiver_id='USR002', message='Y')", "send_message(receiver_id='USR003', message='X')",
        "delete_message(receiver_id='USR003')", "view_messages_sent()",
    ]]),
    message_case("message_edge_contacts", [[
        "add_contact(user_name='Alice')", "add_contact(user_name='Eve')", "add_contact('Frank')", "list_users()",
        "get_user_id(user='Eve')", "add_contact(user_name=['x'])", "message_login(user_id='USR006')", "send_message(receiver_id='USR005', message='hello Eve')",
        "search_messages(keyword='eve')", "get_message_stats()",
    ]]),
    message_case("message_edge_user_id_taken", [["add_contact(user_name='Zoe')", "add_contact(user_name='Yan')", "list_users()"]],
                 {"user_map": {"A": "USR005", "B": "USR006"}, "user_count": 4}),
    message_case("message_edge_float_counts", [["add_contact(user_name='Gus')", "message_login(user_id='USR001')",
                                                "send_message(receiver_id='USR001', message='self')"]],
                 {"user_count": 4.0, "message_count": 3.0}),
    message_case("message_edge_negative_count", [["add_contact(user_name='Neg')", "add_contact(user_name='Neg2')", "list_users()"]],
                 {"user_count": -5}),
    message_case("message_edge_bool_count", [["add_contact(user_name='Tru')", "add_contact(user_name='Tru2')", "list_users()"]],
                 {"user_count": True}),
    message_case("message_edge_str_count", [["add_contact(user_name='Gus')", "message_login(user_id='USR001')",
                                             "send_message(receiver_id='USR001', message='x')"]],
                 {"user_count": "4", "message_count": None}),
    message_case("message_edge_list_ids", [["message_login(user_id='USR001')", "send_message(receiver_id='USR002', message='x')",
                                            "view_messages_sent()"]], {"generated_ids": [10000, 12345]}),
    message_case("message_edge_odd_inbox", [["message_login(user_id='USR001')", "view_messages_sent()", "get_message_stats()",
                                             "search_messages(keyword='busy')", "delete_message(receiver_id='USR003')",
                                             "delete_message(receiver_id='USR001')", "view_messages_sent()"]],
                 {"inbox": [{"USR001": ["My name is John."], "USR003": ["I am busy"]}, {"USR002": "plain text"}]}),
    message_case("message_edge_empty_entry", [["message_login(user_id='USR001')", "get_message_stats()",
                                               "view_messages_sent()", "delete_message(receiver_id='USR002')"]],
                 {"inbox": [{"USR002": "a"}, {}]}),
    message_case("message_edge_falsy_user", [["message_get_login_status()", "send_message(receiver_id='USR002', message='x')"]],
                 {"current_user": ""}),
    message_case("message_edge_seed_int", [["message_login(user_id='USR001')"] +
                                           ["send_message(receiver_id='USR002', message='s%d')" % i for i in range(6)]],
                 {"random_seed": 42}),
    message_case("message_edge_seed_str", [["message_login(user_id='USR001')"] +
                                           ["send_message(receiver_id='USR002', message='s%d')" % i for i in range(6)]],
                 {"random_seed": "seed text"}),
]


def message_generated(rng):
    users = ["Alice", "Bob", "Catherine", "Daniel", "Eve", "Nobody"]
    ids = ["USR001", "USR002", "USR003", "USR004", "USR005", "USR404"]
    words = ["file", "hello", "upload", "Meeting", "budget", "connect", "?"]
    cases = []
    for n in range(40):
        steps = []
        for _ in range(rng.randint(1, 4)):
            step = []
            for _ in range(rng.randint(2, 14)):
                kind = rng.random()
                if kind < 0.3:
                    step.append(f"send_message(receiver_id={rng.choice(ids)!r}, message={rng.choice(words) + ' ' + str(rng.randint(0, 99))!r})")
                elif kind < 0.4:
                    step.append(f"message_login(user_id={rng.choice(ids)!r})")
                elif kind < 0.5:
                    step.append(f"delete_message(receiver_id={rng.choice(ids)!r})")
                elif kind < 0.6:
                    step.append(f"search_messages(keyword={rng.choice(words)!r})")
                elif kind < 0.7:
                    step.append(f"add_contact(user_name={rng.choice(users + ['Zed', 'Yolanda'])!r})")
                elif kind < 0.8:
                    step.append(f"get_user_id(user={rng.choice(users)!r})")
                else:
                    step.append(rng.choice(["view_messages_sent()", "get_message_stats()", "list_users()", "message_get_login_status()"]))
            steps.append(step)
        cases.append(message_case(f"message_generated_{n}", steps))
    return cases


def message_cases():
    return MESSAGE_EDGE_CASES + message_generated(random.Random(20260603))


if __name__ == "__main__":
    makers = {"math": math_cases, "message": message_cases}
    for case in makers[sys.argv[1]]():
        print(json.dumps(case))
