"""Chat templates we ship: ChatML with OpenAI-style tools, for tiny test models and base models without one."""

# ChatML (the Qwen / SmolLM2 layout). Tools go into the system turn as JSON lines; an assistant's tool
# calls follow its text as <tool_call> blocks; tool results come back in a user turn as <tool_response>.
# transformers renders with trim_blocks, which eats a newline right after a block tag, so every
# newline that follows one is written as an expression ({{ nl }}).
CHATML = (
    "{% set nl = '\n' %}"
    "{% set first_system = messages and messages[0].role == 'system' %}"
    "{% if first_system or tools %}"
    "<|im_start|>system\n"
    "{% if first_system %}{{ messages[0].content }}{% else %}You are a helpful assistant.{% endif %}"
    "{% if tools %}{{ nl }}{{ nl }}# Tools\n\nYou may call one or more of these functions:\n<tools>{{ nl }}"
    "{% for tool in tools %}{{ (tool.function if tool.function is defined else tool) | tojson }}{{ nl }}{% endfor %}"
    "</tools>\n\nFor each call, reply with <tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>"
    "{% endif %}<|im_end|>\n"
    "{% endif %}"
    "{% for message in messages %}"
    "{% if message.role == 'system' %}"
    "{% if not loop.first %}<|im_start|>system\n{{ message.content }}<|im_end|>\n{% endif %}"
    "{% elif message.role == 'user' %}"
    "<|im_start|>user\n{{ message.content }}<|im_end|>\n"
    "{% elif message.role == 'assistant' %}"
    "<|im_start|>assistant\n{{ message.content or '' }}"
    "{% for call in (message.tool_calls or []) %}"
    "{% set fn = call.function if call.function is defined else call %}"
    "{% if not loop.first or message.content %}{{ nl }}{% endif %}"
    "<tool_call>\n{\"name\": {{ fn.name | tojson }}, \"arguments\": "
    "{% if fn.arguments is string %}{{ fn.arguments }}{% else %}{{ fn.arguments | tojson }}{% endif %}}{{ nl }}</tool_call>"
    "{% endfor %}"
    "<|im_end|>\n"
    "{% elif message.role == 'tool' %}"
    "<|im_start|>user\n<tool_response>\n{{ message.content }}\n</tool_response><|im_end|>\n"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

# The same with a BOS token first, as Llama-3-style templates write it (exercises BOS handling).
CHATML_WITH_BOS = "{{ bos_token }}" + CHATML

BUILTIN = {"chatml": CHATML}
