import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

/**
 * Every value the package exported before the Python semantics moved to core/python and the eval
 * stage split into scoring and runs faces: names may be added, and one is removed only on purpose
 * (then here too).
 */
const PUBLIC_NAMES = [
  "ANNOTATION", "ANNOTATION_PREFIX", "ApiError", "BFCL_CATEGORIES", "BFCL_CATEGORY_INFO", "BFCL_COMMIT",
  "BFCL_ERROR_TYPES", "BFCL_MULTI_TURN_CATEGORIES", "BFCL_TO_JSON_SCHEMA", "BYTE_ORDER", "BYTE_TO_CHAR",
  "ByteLevelBpe", "CHATML_GENERATION_PROMPT", "CHATML_SPECIAL_TOKENS", "CHATML_STOP_STRINGS",
  "DATASET_MANIFEST", "DEFAULT_COMPLETION_MAX_TOKENS", "DEFAULT_MODEL", "DEFAULT_SERVER_LIMITS",
  "DEFAULT_SYSTEM", "ENCODABLE_TENSOR_TYPES", "EVAL_TEMPLATES", "FALLBACK_MODEL", "FLOAT_KEYS",
  "FORMAT_EVAL", "FORMAT_NAMES", "FORMAT_TRAIN", "GENERATE_REQUEST_LINE", "GENERATION_ERROR_TYPE",
  "GGML_MAX_DIMS", "GGML_MAX_NAME", "GGUF_DEFAULT_ALIGNMENT", "GGUF_MAGIC", "GGUF_READ_LIMITS",
  "GGUF_VALUE_TYPE_CODES", "GRAMMAR_LIMITS", "GgufMetadata", "GrammarLimitError", "HAMMER_CALL_SYNTAX",
  "HAMMER_COMMIT", "HAMMER_ERROR_TYPES", "HAMMER_SETS", "HARNESS_ERROR_TYPES", "HERMES_CALL_CLOSE",
  "HERMES_CALL_OPEN", "HTTP_DEFAULTS", "Hammer21Format", "Hammer21HfFormat", "HammerError", "HammerFormat",
  "HammerTrainFormat", "IM_END", "IM_START", "InvalidCallError", "JSON_SCHEMA_TO_BFCL", "JSON_SCHEMA_TYPES",
  "JinjaChatTemplate", "JsonSyntaxError", "KNOWN_MODELS", "LATENCY_BUCKETS", "LLAMA_ENGINE_DEFAULTS",
  "LLAMA_MAX_EXPERTS", "LLAMA_MAX_LAYERS", "LLAMA_MAX_REPETITION", "MASK_ALPHABET", "MASK_LENGTHS",
  "MASK_LIMITS", "MAX_BODY_DEPTH", "MAX_RENDER_INPUT_BYTES", "MUTATIONS", "ModelFileError",
  "OutputParseError", "PredictionLog", "Q4_0_BLOCK", "Q4_0_BYTES", "Q8_0_BLOCK", "Q8_0_BYTES",
  "QWEN2_PRETOKENIZE_PATTERN", "QWEN_CALL_SYNTAX", "QWEN_DEFAULT_SYSTEM", "QWEN_STYLE_CHAT_TEMPLATE",
  "QwenFormat", "RANDOM_MODEL_MAX_MERGES", "RANDOM_MODEL_QUANTS", "RANDOM_MODEL_SHAPES",
  "RANDOM_MODEL_SHAPE_NAMES", "REPORT_LIMITS", "REQUEST_LIMITS", "ROPE_SCALING_TYPES", "RUN_CONFIG_KIND",
  "RUN_DEFAULTS", "RUN_FILES", "RUN_RESULTS_KIND", "RecordScanner", "Rng", "RowRejectedError",
  "STRICT_INTEGER_KEYWORD", "Scheduler", "StringSink", "TASK_21", "TASK_EVAL", "TASK_TRAIN",
  "TOKENIZER_MODELS", "TOKEN_TYPE", "TOOL_CALLING_CORPUS", "TOOL_LIMITS", "TRAIN_FORMATS", "TemplateFormat",
  "ToolChoiceError", "ToolSchemaError", "UNSHOWN_PREFIX", "UPSTREAM_BASE_URLS", "XLAM_CALL_SYNTAX",
  "XlamFormat", "addCounts", "alignUp", "archRequirements", "argumentMatches", "assertToolDef",
  "assertUniqueToolNames", "assertValidTools", "astChecker", "benchMetrics", "benchNames", "benchScoreJson",
  "bfclCategoryOfId", "bfclGroupOf", "bfclMessages", "bfclSummaryJson", "buildByteLevelVocab",
  "buildDataset", "buildRunResults", "chatmlTurn", "checkDecoded", "checkJsonSchema", "checkJsonSize",
  "checkSchemaTree", "chooseFormat", "clearGrammarCache", "cloneJson", "compareRuns",
  "compileJsonObjectGrammar", "compileSchema", "compileSchemaGrammar", "compileToolGrammar",
  "configMismatch", "convertToFormatTool", "correctedF1", "correctedSampleCounts", "createCallStreamParser",
  "createEngine", "createLlamaEngine", "createOpenAIEngine", "createServer", "datasetStats", "decodeOutput",
  "decodePrediction", "decodeTensor", "decodeToolCalls", "defaultDatasetsDir", "defaultModelsDir",
  "dequantizeQ4_0", "dequantizeQ8_0", "describeError", "describeModelFile", "detectToolFormat",
  "dumpsXlamCalls", "dumpsXlamTools", "encodeGgufHeader", "encodeTensor", "f16BitsToF32", "f32ToF16Bits",
  "fetchDatasets", "findDuplicateToolNames", "findKnownModel", "flattenHammerQuery", "forEachSubschema",
  "formatBenchScore", "formatRequestLog", "fromBfclCalls", "fromBfclFunction", "fromBfclFunctions",
  "fromByteLevel", "fromOpenAITool", "fromXlamTool", "generateRecord", "getFormat", "ggmlTensorBytes",
  "ggmlTypeById", "ggmlTypeByName", "ggmlTypes", "ggufScalarSize", "ggufValue", "ggufValueTypeName",
  "grammarCacheStats", "groundTruthCalls", "hammer21HfInstruction", "hammer21Instruction", "hammerBlocks",
  "hammerLabel", "hammerMessages", "hammerTrainPrompt", "hasBfclCategory", "hasToken", "hashString",
  "isAnnotationKey", "isBfclCategory", "isEncodableTensorType", "isFloatAt", "isFormatName", "isHammerError",
  "isRandomModelShapeName", "isTokenAt", "listCachedModels", "listDatasets", "llamaFileTypeName",
  "llamaFileTypeOf", "loadBench", "loadBfclCategory", "loadHammerSet", "looksMaskedRow", "looksRandomName",
  "manifestUrl", "markFloat", "maskEvalItem", "maskLimitViolation", "maskSample", "maskSampleWith",
  "maskWork", "maskXlamRecord", "maskXlamSample", "mayHaveIntegralFloat", "meanF1", "mutateCalls",
  "normalizeBaseUrl", "officialF1", "officialSampleCounts", "parseBenchList", "parseBenchName",
  "parseByteSize", "parseDuration", "parseHammerOutput", "parseHfRef", "parseJson", "parseMaskList",
  "parsePypiRef", "parsePythonLiteral", "parseToolCalls", "plainSchema", "preprocessBfclDocs", "pretokenize",
  "probeTemplate", "progressReporter", "promptAndLabel", "pyCapitalize", "pyEquals", "pyFloatRepr",
  "pyJsonDumps", "pyJsonKey", "pyJsonNumber", "pyJsonString", "pyJsonStringEmbedded", "pyRepr", "pyStr",
  "pyStrRepr", "pythonTypeToSchema", "quantizeQ4_0", "quantizeQ8_0", "qwen2RandomMetadata",
  "qwen2TensorPlan", "randomModelVocab", "randomName", "randomTensorSources", "readGgufHeader",
  "readPredictions", "readPredictionsFile", "readRunFile", "readRunResults", "readTensorData", "readXlamRow",
  "relevanceChecker", "renameKey", "renderCallList", "renderCompareHtml", "renderCompareMarkdown",
  "renderEvalFile", "renderEvalRecord", "renderEvalSet", "renderFencedCalls", "renderHammer21",
  "renderHammer21Hf", "renderHammerEval", "renderHammerTrain", "renderReportHtml", "renderSummaryMarkdown",
  "replaceInDescription", "replaceInQuery", "replaceTokens", "resolveMaskOptions", "resolveModel",
  "roundToF16", "runEval", "scanRecordFile", "schemaToPythonType", "scoreBench", "scoreBfclSample",
  "scoreHammerPairs", "scoreHammerSample", "scoreLoadedBench", "scoreRows", "setNumber",
  "simpleFunctionChecker", "stripAnnotations", "stripCodeFences", "stripToolAnnotations", "summarizeBfcl",
  "syntheticXlamRow", "toBfclCalls", "toBfclFunction", "toBfclFunctions", "toBfclHammerTool", "toByteLevel",
  "toEvalItem", "toHammerSet", "toHammerTool", "toHammerTools", "toIrrelevant", "toOpenAIFunction",
  "toOpenAITool", "toXlamTool", "toXlamTools", "toolCallingCorpusMerges", "toolDefAdapter", "toolFromAny",
  "toolsFromAny", "trainBpe", "trainRecord", "transformSchema", "unmarkFloat", "unmaskCalls",
  "unmaskPrediction", "useSerialScavenges", "validateCall", "validateGgufHeader", "validateModelFile",
  "validateValue", "writeGguf", "writePyJson", "writePyJsonString", "writeRandomModel", "writeRunFile",
  "writeRunOutputs", "writeSyntheticXlam", "writeXlamCalls", "writeXlamTools", "xlamToolAdapter",
];

describe("the package API (src/index.ts)", () => {
  it("still exports every public name", () => {
    const missing = PUBLIC_NAMES.filter((n) => !(n in api));
    expect(missing).toEqual([]);
  });

  it("exports the Python semantics and both eval faces from their new homes", async () => {
    const python = await import("../src/core/python/index.js");
    const scoring = await import("../src/eval/scoring/index.js");
    const run = await import("../src/eval/run/index.js");
    expect(api.pyEquals).toBe(python.pyEquals);
    expect(api.pyJsonDumps).toBe(python.pyJsonDumps);
    expect(api.parsePythonLiteral).toBe(python.parsePythonLiteral);
    expect(api.scoreBench).toBe(scoring.scoreBench);
    expect(api.runEval).toBe(run.runEval);
  });
});
