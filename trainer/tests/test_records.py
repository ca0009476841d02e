import json

import pytest

from hammer_trainer.events import TrainerError
from hammer_trainer.records import iter_rows, to_conversation


def conv(row, **kw):
    return to_conversation(row, "d.jsonl: row 1", **kw)


def test_alpaca_joins_instruction_and_input_like_llama_factory():
    c = conv({"instruction": "Do X", "input": "with Y", "output": "done"}, system="S")
    assert c.messages == [
        {"role": "system", "content": "S"},
        {"role": "user", "content": "Do X\nwith Y"},
        {"role": "assistant", "content": "done"},
    ]
    assert conv({"instruction": "Do X", "input": "", "output": "ok"}).messages[0] == {"role": "user", "content": "Do X"}


def test_sharegpt_roles_and_function_calls():
    c = conv({"conversations": [
        {"from": "system", "value": "S"},
        {"from": "human", "value": "weather?"},
        {"from": "function_call", "value": '{"name": "w", "arguments": {"city": "Oslo"}}'},
        {"from": "observation", "value": "{\"t\": 3}"},
        {"from": "gpt", "value": "3 degrees"},
    ]})
    assert [m["role"] for m in c.messages] == ["system", "user", "assistant", "tool", "assistant"]
    assert c.messages[2]["tool_calls"] == [{"type": "function", "function": {"name": "w", "arguments": {"city": "Oslo"}}}]


def test_openai_tool_conversations_parse_string_arguments_and_tools():
    tools = [{"type": "function", "function": {"name": "w", "parameters": {"type": "object"}}}]
    c = conv({
        "tools": json.dumps(tools),
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "weather "}, {"type": "text", "text": "in Oslo?"}]},
            {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{\"city\": \"Oslo\"}"}}]},
            {"role": "tool", "tool_call_id": "c1", "content": "3"},
            {"role": "assistant", "content": "3 degrees"},
        ],
        "task": "fc",
    }, task_field="task")
    assert c.tools == tools and c.task == "fc"
    assert c.messages[0]["content"] == "weather in Oslo?"
    assert c.messages[1] == {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "w", "arguments": {"city": "Oslo"}}, "id": "c1"}]}
    assert c.messages[2]["tool_call_id"] == "c1"


@pytest.mark.parametrize("row, message", [
    ([1, 2], "expected a JSON object"),
    ({"foo": 1}, "not a training record"),
    ({"instruction": 3, "output": "x"}, '"instruction" must be a string'),
    ({"messages": [{"role": "user", "content": "hi"}]}, "no assistant turn"),
    ({"messages": [{"role": "wizard", "content": "hi"}]}, 'unknown role "wizard"'),
    ({"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "tool_calls": [{"function": {"name": "f", "arguments": "{oops"}}]}]}, "arguments is not valid JSON"),
    ({"tools": "{not json", "messages": [{"role": "assistant", "content": "a"}]}, '"tools" is a string but not valid JSON'),
    ({"conversations": [{"from": "gpt", "value": 5}]}, "value must be a string"),
])
def test_bad_rows_are_one_input_invalid_error_with_the_row(row, message):
    with pytest.raises(TrainerError) as e:
        conv(row)
    assert e.value.code == "INPUT_INVALID"
    assert message in e.value.message
    assert e.value.location == "d.jsonl: row 1"


def test_task_field_is_required_when_asked_for():
    with pytest.raises(TrainerError, match='missing the task field "task"'):
        conv({"instruction": "a", "output": "b"}, task_field="task")


def test_iter_rows_reads_arrays_and_json_lines_and_names_bad_lines(tmp_path):
    arr = tmp_path / "a.json"
    arr.write_text(json.dumps([{"a": 1}, {"b": 2}]))
    assert [(n, r) for n, _, r in iter_rows(arr)] == [(1, {"a": 1}), (2, {"b": 2})]
    lines = tmp_path / "l.jsonl"
    lines.write_text('{"a": 1}\n\n{"b": 2}\n{bad\n')
    rows = iter_rows(lines)
    assert next(rows)[0] == 1 and next(rows)[1].endswith("l.jsonl:3: row 2")
    with pytest.raises(TrainerError) as e:
        next(rows)
    assert e.value.code == "INPUT_INVALID" and e.value.location.endswith("l.jsonl:4: row 3")
    with pytest.raises(TrainerError) as e:
        list(iter_rows(tmp_path / "missing.jsonl"))
    assert e.value.code == "NOT_FOUND"
    broken = tmp_path / "b.json"
    broken.write_text('[{"a": 1},')
    with pytest.raises(TrainerError, match="not valid JSON"):
        list(iter_rows(broken))
