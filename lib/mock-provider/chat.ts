// POST /v1/chat/completions: validates the request, rolls the faults for its model, and answers
// as OpenAI does — a JSON completion, or an SSE stream of chunks ending in `data: [DONE]`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { completeChat, splitIntoChunks, type Completion, type PromptCache } from './completion';
import { decideFault, faultsFor, type FaultConfig } from './faults';
import { HttpError, pause, readJson, sendJson } from './http';
import { ChatRequestSchema, describeRequestError, type ChatRequest } from './request';
import type { StatsCounter } from './stats';

export interface ChatContext {
  faults(): FaultConfig;
  stats: StatsCounter;
  promptCache: PromptCache;
  random: () => number;
}

let sequence = 0;

export async function handleChat(req: IncomingMessage, res: ServerResponse, ctx: ChatContext): Promise<void> {
  const parsed = ChatRequestSchema.safeParse(
    await readJson(req).catch((err) => (ctx.stats.rejected(), Promise.reject(err))),
  );
  if (!parsed.success) {
    ctx.stats.rejected();
    const { message, param } = describeRequestError(parsed.error);
    throw new HttpError(400, 'invalid_request_error', 'invalid_request', message, param);
  }
  const request = parsed.data;
  const model = request.model;
  const stream = request.stream === true;
  ctx.stats.request(model, stream);

  const spec = faultsFor(ctx.faults(), model);
  const decision = decideFault(spec, ctx.random);
  if (decision.kind === 'hang') {
    // Never answered: the client's timeout or abort ends it (or the server's close).
    ctx.stats.fault(model, 'hang');
    return;
  }
  if (decision.kind === 'rate_limit') {
    ctx.stats.fault(model, 'rate_limit');
    const message = `Rate limit reached for ${model} (mock provider). Please try again in ${decision.retryAfterSeconds}s.`;
    throw new HttpError(429, 'requests', 'rate_limit_exceeded', message, null, {
      'retry-after': String(decision.retryAfterSeconds),
    });
  }
  if (decision.kind === 'server_error') {
    ctx.stats.fault(model, 'server_error');
    throw new HttpError(
      decision.status,
      'server_error',
      null,
      `The mock provider failed with ${decision.status} (injected fault).`,
    );
  }

  const clientGone = new AbortController();
  res.on('close', () => clientGone.abort());
  await pause(decision.delayMs, clientGone.signal);
  if (clientGone.signal.aborted) return;

  const completion = completeChat(request, { invalidOutput: decision.invalidOutput });
  if (decision.invalidOutput) ctx.stats.fault(model, 'invalid_output');
  const usage = {
    prompt_tokens: completion.promptTokens,
    completion_tokens: completion.completionTokens,
    total_tokens: completion.promptTokens + completion.completionTokens,
    prompt_tokens_details: { cached_tokens: ctx.promptCache.cachedTokens(request, completion.promptTokens) },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
  const id = `chatcmpl-mock-${++sequence}`;
  const created = Math.floor(Date.now() / 1000);
  if (!stream) {
    const message = { role: 'assistant', content: completion.content, refusal: null };
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message, finish_reason: completion.finishReason, logprobs: null }],
      usage,
      system_fingerprint: 'fp_mock',
    });
    ctx.stats.answered(model);
    return;
  }
  const streamed = await writeStream(res, { id, created, request, completion, usage, spec, signal: clientGone.signal });
  if (streamed === 'broken') ctx.stats.fault(model, 'broken_stream');
  else if (streamed === 'done') ctx.stats.answered(model);
}

interface StreamInput {
  id: string;
  created: number;
  request: ChatRequest;
  completion: Completion;
  usage: object;
  spec: ReturnType<typeof faultsFor>;
  signal: AbortSignal;
}

async function writeStream(res: ServerResponse, input: StreamInput): Promise<'done' | 'broken' | 'aborted'> {
  const { id, created, request, completion, spec, signal } = input;
  const includeUsage = request.stream_options?.include_usage === true;
  const chunk = (choices: object[], usage: object | null = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, system_fingerprint: 'fp_mock', choices, ...(includeUsage ? { usage } : {}) })}\n\n`;

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  await pause(spec.ttftMs ?? 0, signal);
  const pieces = splitIntoChunks(completion.content);
  for (const [i, piece] of pieces.entries()) {
    if (signal.aborted) return 'aborted';
    if (spec.breakAfterChunks != null && i >= spec.breakAfterChunks) {
      res.socket?.destroy(); // mid-stream failure: no final chunk, no [DONE]
      return 'broken';
    }
    if (i > 0) await pause(spec.chunkIntervalMs ?? 0, signal);
    const delta = i === 0 ? { role: 'assistant', content: piece } : { content: piece };
    // Awaited so that a break right after it still delivers it (destroy drops unflushed writes).
    await new Promise((resolve) =>
      res.write(chunk([{ index: 0, delta, finish_reason: null, logprobs: null }]), resolve),
    );
  }
  if (signal.aborted) return 'aborted';
  if (spec.breakAfterChunks != null) {
    // A short answer still breaks: the fault is set, so the stream never finishes cleanly.
    res.socket?.destroy();
    return 'broken';
  }
  res.write(chunk([{ index: 0, delta: {}, finish_reason: completion.finishReason, logprobs: null }]));
  if (includeUsage) res.write(chunk([], input.usage));
  res.end('data: [DONE]\n\n');
  return 'done';
}
