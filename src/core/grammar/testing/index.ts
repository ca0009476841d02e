/** GBNF tooling for tests: a llama.cpp-faithful parser, a recogniser and a random sampler. */
export { parseGbnf, GbnfSyntaxError, type GbnfGrammar, type GbnfElement } from "./parseGbnf.js";
export { GbnfRecognizer, decodeUtf8, matchChar, matchPartial, type RecognizerState, type PartialUtf8 } from "./GbnfRecognizer.js";
export { GbnfSampler, type SampleOptions } from "./GbnfSampler.js";
export { Language } from "./Language.js";
