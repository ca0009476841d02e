/**
 * Training text for the random models' BPE merges: tool schemas, tool calls, tool results and chat turns,
 * so common JSON and function-calling strings become single tokens as they do in real vocabularies.
 * Written for this project; the content only shapes merges, it teaches the random weights nothing.
 */
export const TOOL_CALLING_CORPUS = String.raw`
You are a helpful assistant. You have access to the following tools. Use them when they help to answer the user's question.
You may call one or more functions to assist with the user query. Return the function calls as a JSON list.
If none of the functions can be used, point it out and answer the question directly.
The output MUST strictly adhere to the following JSON format, and NO other text MUST be included.

[{"name": "get_weather", "description": "Get the current weather for a location.", "parameters": {"type": "object", "properties": {"location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "The temperature unit to use."}}, "required": ["location"]}}]
[{"name": "search_web", "description": "Search the web and return the top results.", "parameters": {"type": "object", "properties": {"query": {"type": "string", "description": "The search query."}, "max_results": {"type": "integer", "description": "How many results to return.", "default": 5}}, "required": ["query"]}}]
[{"name": "send_email", "description": "Send an email to a recipient.", "parameters": {"type": "object", "properties": {"to": {"type": "string", "description": "The email address of the recipient."}, "subject": {"type": "string"}, "body": {"type": "string"}, "cc": {"type": "array", "items": {"type": "string"}}}, "required": ["to", "subject", "body"]}}]
[{"name": "create_calendar_event", "description": "Create an event in the user's calendar.", "parameters": {"type": "object", "properties": {"title": {"type": "string"}, "start_time": {"type": "string", "format": "date-time"}, "end_time": {"type": "string", "format": "date-time"}, "attendees": {"type": "array", "items": {"type": "string"}}, "all_day": {"type": "boolean", "default": false}}, "required": ["title", "start_time"]}}]
[{"name": "calculate_mortgage", "description": "Calculate the monthly payment of a mortgage.", "parameters": {"type": "object", "properties": {"principal": {"type": "number", "description": "The loan amount in dollars."}, "annual_rate": {"type": "number", "description": "The annual interest rate in percent."}, "years": {"type": "integer", "description": "The term of the loan in years."}}, "required": ["principal", "annual_rate", "years"]}}]
[{"name": "get_stock_price", "description": "Get the latest price of a stock.", "parameters": {"type": "object", "properties": {"symbol": {"type": "string", "description": "The ticker symbol, e.g. AAPL."}, "exchange": {"type": "string", "enum": ["NASDAQ", "NYSE", "LSE"]}}, "required": ["symbol"]}}]
[{"name": "translate_text", "description": "Translate text into another language.", "parameters": {"type": "object", "properties": {"text": {"type": "string"}, "source_language": {"type": "string"}, "target_language": {"type": "string"}}, "required": ["text", "target_language"]}}]
[{"name": "book_restaurant", "description": "Book a table at a restaurant.", "parameters": {"type": "object", "properties": {"restaurant_name": {"type": "string"}, "party_size": {"type": "integer", "minimum": 1}, "date": {"type": "string", "format": "date"}, "time": {"type": "string", "format": "time"}}, "required": ["restaurant_name", "party_size", "date"]}}]

User: What's the weather like in San Francisco today?
Assistant: [{"name": "get_weather", "arguments": {"location": "San Francisco, CA", "unit": "fahrenheit"}}]
Tool: {"location": "San Francisco, CA", "temperature": 64, "unit": "fahrenheit", "condition": "partly cloudy", "humidity": 72}
Assistant: It is currently 64 degrees Fahrenheit and partly cloudy in San Francisco, with a humidity of 72 percent.

User: Find me the latest news about renewable energy and send a summary to my manager at alice@example.com.
Assistant: [{"name": "search_web", "arguments": {"query": "latest news renewable energy", "max_results": 3}}]
Tool: {"results": [{"title": "Solar capacity grows again", "url": "https://example.com/solar"}, {"title": "Wind farms expand offshore", "url": "https://example.com/wind"}, {"title": "Battery storage costs fall", "url": "https://example.com/battery"}]}
Assistant: [{"name": "send_email", "arguments": {"to": "alice@example.com", "subject": "Renewable energy news", "body": "Solar capacity grows again; wind farms expand offshore; battery storage costs fall."}}]
Tool: {"status": "sent", "message_id": "msg_20240611_0042"}
Assistant: I found three recent stories and sent a short summary to alice@example.com.

User: Schedule a meeting called Project Review tomorrow at 10am with Bob and Carol.
Assistant: [{"name": "create_calendar_event", "arguments": {"title": "Project Review", "start_time": "2024-06-12T10:00:00", "end_time": "2024-06-12T11:00:00", "attendees": ["bob@example.com", "carol@example.com"], "all_day": false}}]
Tool: {"event_id": "evt_8812", "status": "confirmed"}
Assistant: The Project Review meeting is on your calendar for tomorrow from 10:00 to 11:00 with Bob and Carol.

User: How much would I pay per month for a 300000 dollar loan at 6.5 percent over 30 years?
Assistant: [{"name": "calculate_mortgage", "arguments": {"principal": 300000, "annual_rate": 6.5, "years": 30}}]
Tool: {"monthly_payment": 1896.2, "total_interest": 382633.47}
Assistant: Your monthly payment would be about 1896.20 dollars, and you would pay about 382633.47 dollars in interest over 30 years.

User: What are Apple and Microsoft trading at right now?
Assistant: [{"name": "get_stock_price", "arguments": {"symbol": "AAPL", "exchange": "NASDAQ"}}, {"name": "get_stock_price", "arguments": {"symbol": "MSFT", "exchange": "NASDAQ"}}]
Tool: {"symbol": "AAPL", "price": 193.12, "currency": "USD"}
Tool: {"symbol": "MSFT", "price": 427.87, "currency": "USD"}
Assistant: Apple is trading at 193.12 USD and Microsoft at 427.87 USD.

User: Translate "Where is the train station?" into French and Spanish.
Assistant: [{"name": "translate_text", "arguments": {"text": "Where is the train station?", "target_language": "French"}}, {"name": "translate_text", "arguments": {"text": "Where is the train station?", "target_language": "Spanish"}}]
Tool: {"translation": "Où est la gare ?"}
Tool: {"translation": "¿Dónde está la estación de tren?"}
Assistant: In French: "Où est la gare ?" In Spanish: "¿Dónde está la estación de tren?"

User: Can you tell me a joke?
Assistant: []
Assistant: Why did the function refuse to return? Because it had too many arguments.

User: Book a table for 4 at Luigi's on Friday at 7pm.
Assistant: [{"name": "book_restaurant", "arguments": {"restaurant_name": "Luigi's", "party_size": 4, "date": "2024-06-14", "time": "19:00"}}]
Tool: {"confirmation": "LUI-4471", "status": "booked"}
Assistant: Your table for 4 at Luigi's is booked for Friday at 19:00. The confirmation code is LUI-4471.

<tool_call>
{"name": "get_weather", "arguments": {"location": "Paris, France", "unit": "celsius"}}
</tool_call>
<tool_response>
{"temperature": 18, "unit": "celsius", "condition": "sunny"}
</tool_response>
<tool_call>
{"name": "search_web", "arguments": {"query": "best hiking trails near Denver", "max_results": 5}}
</tool_call>
<tool_response>
{"results": [{"title": "Top 10 hikes near Denver", "url": "https://example.com/hikes"}]}
</tool_response>

{"tool_calls": [{"id": "call_0", "type": "function", "function": {"name": "get_weather", "arguments": "{\"location\": \"Boston, MA\"}"}}]}
{"tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "search_web", "arguments": "{\"query\": \"python json schema\"}"}}]}
{"role": "system", "content": "You are a helpful assistant."}
{"role": "user", "content": "What is the capital of Australia?"}
{"role": "assistant", "content": "The capital of Australia is Canberra."}
{"role": "tool", "tool_call_id": "call_0", "content": "{\"temperature\": 12}"}
{"type": "function", "function": {"name": "get_time", "description": "Get the current time in a time zone.", "parameters": {"type": "object", "properties": {"timezone": {"type": "string"}}, "required": ["timezone"]}}}
{"type": "function", "function": {"name": "convert_currency", "description": "Convert an amount between currencies.", "parameters": {"type": "object", "properties": {"amount": {"type": "number"}, "from_currency": {"type": "string"}, "to_currency": {"type": "string"}}, "required": ["amount", "from_currency", "to_currency"]}}}

The function takes a location and an optional unit. The arguments must match the parameters in the schema. Required parameters must always be present, and optional parameters may be omitted.
A JSON object maps string keys to values. A value can be a string, a number, an integer, a boolean (true or false), null, an array or another object.
When the user asks for several things at once, call several functions in parallel. When no function is relevant, return an empty list and answer in plain text.
Function names and parameter names may be masked with random strings, so read the descriptions carefully instead of relying on the names.
The model should pay attention to the description of each function and each parameter, and to the default values.
Numbers: 0 1 2 3 4 5 6 7 8 9 10 12 15 20 24 25 30 42 50 64 100 128 200 256 500 512 1000 1024 2024 2025 3.14 0.5 1.5 99.9
Dates and times: 2024-01-01 2024-06-12T10:00:00Z 09:30 14:45 Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Cities: New York, London, Tokyo, Paris, Berlin, Madrid, Rome, Sydney, Toronto, Mumbai, Beijing, Shanghai, Seoul, Cairo
true false null true false null [] {} [{}] {"": ""} "\n" "\t" "\"" "\\"
def get_weather(location: str, unit: str = "celsius") -> dict:
    """Return the current weather for a location."""
    return {"location": location, "unit": unit}
function getWeather(location, unit = "celsius") { return { location, unit }; }
`;
