export { BYTE_ORDER, BYTE_TO_CHAR, toByteLevel, fromByteLevel } from "./byteLevel.js";
export { pretokenize, QWEN2_PRETOKENIZE_PATTERN } from "./pretokenize.js";
export { trainBpe, type TrainBpeOptions } from "./trainBpe.js";
export { buildByteLevelVocab, CHATML_SPECIAL_TOKENS, TOKEN_TYPE, type ByteLevelVocab } from "./buildByteLevelVocab.js";
export { ByteLevelBpe } from "./ByteLevelBpe.js";
export { TOOL_CALLING_CORPUS } from "./toolCallingCorpus.js";
export { QWEN_STYLE_CHAT_TEMPLATE } from "./qwenStyleChatTemplate.js";
