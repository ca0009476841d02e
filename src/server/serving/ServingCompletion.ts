import type { FastifyReply } from "fastify";
import type { CompletionRequest as EngineCompletionRequest, CompletionResult } from "../../engine/index.js";
import { invalidRequest } from "../errors/ApiError.js";
import { toApiError } from "../errors/toApiError.js";
import type { Completion, CompletionFinishReason, CompletionRequest } from "../protocol/completion.js";
import { ClientClosedError, type RequestContext } from "../RequestContext.js";
import type { ReadyState, ServerState } from "../ServerState.js";
import { EngineRun } from "./EngineRun.js";
import { nowSeconds, responseId } from "./responseId.js";
import { abortReason } from "./pipeEngineStream.js";
import { SseWriter } from "./SseWriter.js";
import { toUsage } from "./toChatCompletion.js";
import { toSampling } from "./toSampling.js";

/** OpenAI's default for the legacy endpoint (vLLM keeps it too). */
export const DEFAULT_COMPLETION_MAX_TOKENS = 16;

type CompletionBase = Omit<Completion, "choices" | "usage">;

/**
 * `POST /v1/completions`: a raw prompt, no chat template, no tools (a gateway-mode hammer
 * server renders Hammer prompts and sends them here). Streaming sends text chunks as the engine
 * generates them, then the finish chunk, the usage chunk when asked for, `[DONE]`.
 */
export class ServingCompletion {
  constructor(private readonly state: ServerState) {}

  async handle(body: CompletionRequest, ctx: RequestContext, reply: FastifyReply): Promise<void> {
    const ready = this.state.ready();
    const prompt = promptText(body.prompt);
    checkUnsupported(body);
    const sampling = toSampling(body, body.max_tokens ?? DEFAULT_COMPLETION_MAX_TOKENS, "max_tokens", ready.limits);
    const adapter = ready.adapterFor(body.model);
    const request: EngineCompletionRequest = { prompt, ...sampling, signal: ctx.signal, ...(adapter !== undefined ? { adapter } : {}) };
    ctx.stream = body.stream === true;
    const base: CompletionBase = {
      id: responseId("cmpl"),
      object: "text_completion",
      created: nowSeconds(),
      model: adapter ?? ready.modelName,
      system_fingerprint: `hammer-${ready.engine.info.backend}`,
    };
    try {
      if (ctx.stream) await this.stream(ready, request, body, base, ctx, reply);
      else {
        const result = await this.run(ready, request, ctx);
        await reply.send({ ...base, choices: [{ text: result.text, index: 0, logprobs: null, finish_reason: finishOf(result) }], usage: toUsage(result) } satisfies Completion);
      }
    } catch (e) {
      if (e instanceof ClientClosedError || ctx.abortCause === "client_closed") {
        if (!reply.sent) reply.hijack();
        return;
      }
      throw e;
    }
  }

  private async run(ready: ReadyState, request: EngineCompletionRequest, ctx: RequestContext): Promise<CompletionResult> {
    const run = new EngineRun(await ready.scheduler.acquire(ctx.signal), ctx.signal);
    const result = await run.call(() => ready.engine.complete(request));
    if (result.finishReason === "abort") throw abortReason(ctx);
    ctx.setUsage(result.usage.promptTokens, result.usage.completionTokens);
    this.state.metrics.addTokens(result.usage.promptTokens, result.usage.completionTokens);
    return result;
  }

  private async stream(ready: ReadyState, request: EngineCompletionRequest, body: CompletionRequest, base: CompletionBase, ctx: RequestContext, reply: FastifyReply): Promise<void> {
    const sse = new SseWriter(reply.raw);
    const includeUsage = body.stream_options?.include_usage === true;
    const chunk = (text: string, finishReason: CompletionFinishReason | null): Completion => ({
      ...base,
      choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
    let opened = false;
    const open = () => {
      if (opened) return;
      // Headers wait for the first text, so a request the engine rejects still gets a JSON error status.
      reply.hijack();
      sse.open();
      opened = true;
    };
    let writes = Promise.resolve();
    request.onText = (delta) => {
      if (delta === "") return;
      open();
      writes = writes.then(() => sse.send(chunk(delta, null)));
    };
    let result: CompletionResult;
    try {
      result = await this.run(ready, request, ctx);
    } catch (e) {
      if (!opened || e instanceof ClientClosedError || ctx.abortCause === "client_closed") throw e;
      await writes;
      const err = toApiError(e, ready.limits);
      ctx.error = err;
      await sse.send(err.toResponse());
      sse.end();
      return;
    }
    open();
    await writes;
    await sse.send(chunk("", finishOf(result)));
    if (includeUsage) await sse.send({ ...base, choices: [], usage: toUsage(result) } satisfies Completion);
    await sse.done();
  }
}

function finishOf(result: CompletionResult): CompletionFinishReason {
  return result.finishReason === "length" ? "length" : "stop";
}

function promptText(prompt: string | string[]): string {
  if (typeof prompt === "string") return prompt;
  if (prompt.length !== 1) throw invalidRequest(`'prompt' must be a string or an array of exactly one string (got ${prompt.length}); batch prompts are not supported.`, "prompt", "unsupported_parameter");
  return prompt[0] as string;
}

function checkUnsupported(body: CompletionRequest): void {
  if (body.n != null && body.n !== 1) throw invalidRequest(`'n' must be 1: this server returns one choice per request (got ${body.n}).`, "n", "unsupported_parameter");
  if (body.best_of != null && body.best_of !== 1) throw invalidRequest("'best_of' is not supported by this server.", "best_of", "unsupported_parameter");
  if (body.echo === true) throw invalidRequest("'echo' is not supported by this server.", "echo", "unsupported_parameter");
  if (body.logprobs != null && body.logprobs > 0) throw invalidRequest("'logprobs' is not supported by this server.", "logprobs", "unsupported_parameter");
  if (body.suffix != null && body.suffix !== "") throw invalidRequest("'suffix' is not supported by this server.", "suffix", "unsupported_parameter");
  // A constraint silently dropped would return unconstrained text to a client that relies on it.
  for (const k of ["grammar", "guided_grammar", "guided_json", "json_schema"] as const) {
    if (body[k] != null) throw invalidRequest(`'${k}' is not supported by /v1/completions on this server (use /v1/chat/completions with response_format or tools).`, k, "unsupported_parameter");
  }
}
