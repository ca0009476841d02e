/**
 * A Qwen2.5-style ChatML chat template with tool support, written for the random models: a system turn
 * (the caller's, or a default) that lists the tools as JSON inside <tools></tools> and asks for calls
 * inside <tool_call></tool_call>; assistant tool calls rendered as
 * `<tool_call>\n{"name": …, "arguments": …}\n</tool_call>`; consecutive tool results grouped into one
 * user turn of <tool_response> blocks. Uses only Jinja features that both llama.cpp (minja) and
 * node-llama-cpp (@huggingface/jinja) support; every tag trims the whitespace before it, so the line
 * breaks below are layout only.
 */
export const QWEN_STYLE_CHAT_TEMPLATE = String.raw`
{%- if messages and messages[0].role == 'system' %}
  {%- set system_text = messages[0].content %}
{%- else %}
  {%- set system_text = 'You are a helpful assistant.' %}
{%- endif %}
{{- '<|im_start|>system\n' + system_text }}
{%- if tools %}
  {{- '\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>' }}
  {%- for tool in tools %}
    {{- '\n' }}{{- tool | tojson }}
  {%- endfor %}
  {{- '\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>' }}
{%- endif %}
{{- '<|im_end|>\n' }}
{%- for message in messages %}
  {%- if message.role == 'system' %}
    {%- if not loop.first %}
      {{- '<|im_start|>system\n' + message.content + '<|im_end|>\n' }}
    {%- endif %}
  {%- elif message.role == 'user' %}
    {{- '<|im_start|>user\n' + message.content + '<|im_end|>\n' }}
  {%- elif message.role == 'assistant' %}
    {{- '<|im_start|>assistant' }}
    {%- if message.content %}
      {{- '\n' + message.content }}
    {%- endif %}
    {%- if message.tool_calls %}
      {%- for call in message.tool_calls %}
        {%- if call.function is defined %}
          {%- set fn = call.function %}
        {%- else %}
          {%- set fn = call %}
        {%- endif %}
        {{- '\n<tool_call>\n{"name": "' + fn.name + '", "arguments": ' }}
        {%- if fn.arguments is string %}
          {{- fn.arguments }}
        {%- else %}
          {{- fn.arguments | tojson }}
        {%- endif %}
        {{- '}\n</tool_call>' }}
      {%- endfor %}
    {%- endif %}
    {{- '<|im_end|>\n' }}
  {%- elif message.role == 'tool' %}
    {%- if loop.first or messages[loop.index0 - 1].role != 'tool' %}
      {{- '<|im_start|>user' }}
    {%- endif %}
    {{- '\n<tool_response>\n' + message.content + '\n</tool_response>' }}
    {%- if loop.last or messages[loop.index0 + 1].role != 'tool' %}
      {{- '<|im_end|>\n' }}
    {%- endif %}
  {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
  {{- '<|im_start|>assistant\n' }}
{%- endif %}`.trim();
