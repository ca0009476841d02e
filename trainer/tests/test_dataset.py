"""Loss masking, checked on decoded text: assistant tokens carry labels, every other token -100."""

import json

import numpy as np
import pytest

from hammer_trainer.chat_templates import CHATML
from hammer_trainer.dataset import IGNORE, build_dataset
from hammer_trainer.events import TrainerError
from hammer_trainer.modeling import load_tokenizer

from conftest import HAMMER64


def split(tok, data, i):
    ids, labels = data.example(i)
    learnt = tok.decode(ids[labels != IGNORE])
    prompt = tok.decode(ids[labels == IGNORE])
    return tok.decode(ids), learnt, prompt


@pytest.mark.parametrize("arch", ["qwen2", "llama"])
def test_only_assistant_tokens_carry_labels(arch, tiny_qwen2, tiny_llama):
    folder = tiny_qwen2 if arch == "qwen2" else tiny_llama
    tok = load_tokenizer(folder, None)
    data = build_dataset(str(HAMMER64), tok, None, max_len=4096, task_field="task")
    rows = [json.loads(line) for line in HAMMER64.read_text().splitlines()]
    assert data.stats["examples"] == 64 and data.task_names == ["irrelevance", "xlam"]
    for i in range(len(data)):
        full, learnt, prompt = split(tok, data, i)
        msgs = rows[i]["messages"]
        answer = msgs[2]["content"]
        assert learnt == answer + "<|im_end|>\n"  # the answer and its end-of-turn, nothing else
        assert msgs[1]["content"] in prompt and answer not in prompt
        assert full.endswith("<|im_start|>assistant\n" + answer + "<|im_end|>\n")
        ids, _ = data.example(i)
        if arch == "llama":  # the template writes BOS; the tokenizer must not add a second one
            assert ids[0] == tok.bos_token_id and ids[1] != tok.bos_token_id
        else:
            assert full.startswith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>")
    assert {t for t in data.tasks} == {0, 1}


def test_every_assistant_turn_of_a_tool_conversation_is_learnt(tmp_path, tiny_qwen2):
    row = {
        "tools": [{"type": "function", "function": {"name": "w", "description": "weather", "parameters": {"type": "object"}}}],
        "messages": [
            {"role": "user", "content": "Weather in Oslo?"},
            {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "w", "arguments": "{\"city\": \"Oslo\"}"}}]},
            {"role": "tool", "content": "{\"t\": 3}"},
            {"role": "assistant", "content": "It is 3 degrees."},
        ],
    }
    path = tmp_path / "tools.jsonl"
    path.write_text(json.dumps(row) + "\n")
    tok = load_tokenizer(tiny_qwen2, None)
    data = build_dataset(str(path), tok, None, max_len=4096)
    _, learnt, prompt = split(tok, data, 0)
    assert learnt == '<tool_call>\n{"name": "w", "arguments": {"city": "Oslo"}}\n</tool_call><|im_end|>\nIt is 3 degrees.<|im_end|>\n'
    assert "<tool_response>\n{\"t\": 3}\n</tool_response>" in prompt and '"description": "weather"' in prompt


def test_long_rows_are_dropped_and_counted_never_truncated(tmp_path, tiny_qwen2):
    tok = load_tokenizer(tiny_qwen2, None)
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps({"instruction": "word " * n, "input": "", "output": "ok"}) for n in (5, 400, 6)) + "\n")
    data = build_dataset(str(path), tok, None, max_len=100)
    assert data.stats["rows"] == 3 and data.stats["examples"] == 2 and data.stats["dropped_too_long"] == 1
    assert list(data.rows) == [1, 3]
    with pytest.raises(TrainerError, match="every row is longer than --max-len 10 tokens"):
        build_dataset(str(path), tok, None, max_len=10)


def test_a_template_that_rewrites_history_is_refused(tmp_path, tiny_qwen2):
    # Renders earlier assistant turns differently from the last one (as "thinking" templates do).
    template = CHATML.replace("{{ message.content or '' }}", "{% if loop.last %}{{ message.content }}{% else %}(earlier){% endif %}")
    tok = load_tokenizer(tiny_qwen2, None)
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                                             {"role": "user", "content": "c"}, {"role": "assistant", "content": "d"}]}) + "\n")
    with pytest.raises(TrainerError) as e:
        build_dataset(str(path), tok, template, max_len=4096)
    assert e.value.code == "MODEL_INVALID" and "incrementally" in e.value.message and e.value.location.endswith("row 1")


def test_labels_survive_the_cache(tmp_path, tiny_qwen2):
    tok = load_tokenizer(tiny_qwen2, None)
    data = build_dataset(str(HAMMER64), tok, None, max_len=4096, task_field="task")
    data.save(tmp_path / "c.npz")
    from hammer_trainer.dataset import TokenizedData

    back = TokenizedData.load(tmp_path / "c.npz")
    assert back.stats == data.stats and back.task_names == data.task_names
    assert np.array_equal(back.ids, data.ids) and np.array_equal(back.is_label, data.is_label)
