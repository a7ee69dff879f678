/** GenerativeService.GenerateContent / StreamGenerateContent backed by the stand-in model. */
import { randomBytes } from 'node:crypto';
import type { ServiceEnv } from '../../core/env.js';
import { parseBody, parseJsonBody } from '../../core/protojson.js';
import type { Reply } from '../../core/router.js';
import { json } from '../../core/router.js';
import { ApiError, invalidArgument, resourceExhausted } from '../../core/status.js';
import { sleep } from '../../core/util.js';
import { GenerateContentRequest } from './messages.js';
import { findModel } from './models.js';
import { markAnswer } from './answer-markers.js';
import { isJudgeCall, judge } from '../../core/judging.js';
import { baseAnswer, tunedAnswer } from './standin.js';
import type { TuningStore } from './tuning.js';

type Json = Record<string, unknown>;

const tokens = (s: string): number => (s === '' ? 0 : Math.max(1, Math.ceil([...s].length / 4)));

export class GenerateService {
  private inFlight = 0;

  constructor(
    private readonly env: ServiceEnv,
    private readonly tuning: TuningStore,
  ) {}

  reset(): void {
    // in-flight calls finish on their own; counters live in env.stats
  }

  async handle(opts: {
    version: string;
    collection: 'models' | 'tunedModels';
    id: string;
    stream: boolean;
    query: URLSearchParams;
    rawBody: string;
  }): Promise<Reply> {
    const { version, collection, id, stream } = opts;
    const method = stream ? 'streamGenerateContent' : 'generateContent';
    const req = parseBody(GenerateContentRequest, parseJsonBody(opts.rawBody));

    // resolve the model before anything else, like the service
    let answer: (input: string) => string;
    let modelVersion: string;
    // Tuned models come from a 1.5 model, which does not think.
    let thinks = false;
    if (collection === 'models') {
      const name = `models/${id}`;
      const m = findModel(name);
      if (m === undefined || !m.supportedGenerationMethods.includes('generateContent')) {
        throw new ApiError(
          'NOT_FOUND',
          `${name} is not found for API version ${version}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
        );
      }
      answer = baseAnswer;
      modelVersion = id;
      thinks = m.thinking === true;
    } else {
      const r = this.tuning.find(id);
      const state = this.tuning.progress(r).state;
      if (state !== 'ACTIVE') {
        throw new ApiError(
          'FAILED_PRECONDITION',
          `Tuned model tunedModels/${id} is not ready for ${method}: its state is ${state}.`,
        );
      }
      answer = (input) => tunedAnswer(input, r.examples);
      modelVersion = `tunedModels/${id}`;
    }

    const contents = (req['contents'] as Json[] | undefined) ?? [];
    if (contents.length === 0) {
      throw invalidArgument('* GenerateContentRequest.contents: contents is not specified\n', 'contents');
    }
    contents.forEach((c, i) => {
      const parts = (c['parts'] as Json[] | undefined) ?? [];
      if (parts.length === 0) {
        throw invalidArgument(
          `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`,
          `contents[${i}].parts`,
        );
      }
      const role = c['role'] as string | undefined;
      if (role !== undefined && role !== '' && role !== 'user' && role !== 'model') {
        throw invalidArgument(
          `* GenerateContentRequest.contents[${i}].role: Please use a valid role: user, model.\n`,
          `contents[${i}].role`,
        );
      }
    });
    const gc = (req['generationConfig'] as Json | undefined) ?? {};
    if (gc['thinkingConfig'] !== undefined && !thinks) {
      throw invalidArgument(
        '* GenerateContentRequest.generation_config.thinking_config: Thinking is not supported for this model.\n',
        'generation_config.thinking_config',
      );
    }
    const candidateCount = (gc['candidateCount'] as number | undefined) ?? 1;
    if (candidateCount < 1 || candidateCount > 8) {
      throw invalidArgument(
        `* GenerateContentRequest.generation_config.candidate_count: must be in [1, 8], got ${candidateCount}.\n`,
        'generation_config.candidate_count',
      );
    }

    // concurrency cap
    const cfg = this.env.generate();
    if (this.inFlight >= cfg.maxConcurrent) {
      this.env.stats.generateRejectedOverCap++;
      throw resourceExhausted('Resource has been exhausted (e.g. check quota).', cfg.overCapRetryAfterSeconds);
    }
    this.inFlight++;
    this.env.stats.generateCalls++;
    this.env.stats.generateMaxInFlight = Math.max(this.env.stats.generateMaxInFlight, this.inFlight);
    try {
      await sleep(cfg.latencyMs);
      // the prompt is the text of the last user turn
      const last =
        [...contents].reverse().find((c) => (c['role'] ?? 'user') !== 'model') ?? contents[contents.length - 1]!;
      const input = ((last['parts'] as Json[]) ?? [])
        .map((p) => (typeof p['text'] === 'string' ? p['text'] : ''))
        .join('');
      const promptText = contents
        .flatMap((c) => (c['parts'] as Json[]).map((p) => (typeof p['text'] === 'string' ? p['text'] : '')))
        .join('\n');
      // A call that asks for JSON with a schema is a judge call (the judge scorer): core/judging.ts.
      const text = isJudgeCall(gc)
        ? JSON.stringify(judge(promptText))
        : this.env.variation.varies(modelVersion, input, cfg.variation)
          ? baseAnswer(input)
          : answer(input);
      const responseId = randomBytes(16).toString('base64url').slice(0, 22);
      const usage = (candidateText: string): Json => {
        const p = tokens(promptText);
        const c = tokens(candidateText) * candidateCount;
        return {
          promptTokenCount: p,
          candidatesTokenCount: c,
          totalTokenCount: p + c,
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: p }],
        };
      };
      const response = (chunk: string, final: boolean): Json => {
        const candidates = Array.from({ length: candidateCount }, (_v, index) => {
          const cand: Json = { content: { parts: [{ text: chunk }], role: 'model' } };
          if (final) cand['finishReason'] = 'STOP';
          cand['index'] = index; // the service renders index 0 explicitly
          return cand;
        });
        return { candidates, usageMetadata: usage(text), modelVersion, responseId };
      };
      if (!stream) {
        // a marker in the prompt asks for a blocked, truncated, empty or thinking answer (answer-markers.ts)
        const maxOutputTokens = (req['generationConfig'] as Json | undefined)?.['maxOutputTokens'] as
          number | undefined;
        return json(200, markAnswer(input, response(text, true), maxOutputTokens));
      }

      const chunks = splitChunks(text);
      const bodies = chunks.map((c, i) => response(c, i === chunks.length - 1));
      if (opts.query.get('alt') === 'sse') {
        return {
          status: 200,
          contentType: 'text/event-stream',
          body: bodies.map((b) => `data: ${JSON.stringify(b)}\r\n\r\n`).join(''),
        };
      }
      return {
        status: 200,
        contentType: 'application/json; charset=UTF-8',
        body: JSON.stringify(bodies, null, 2) + '\n',
      };
    } finally {
      this.inFlight--;
    }
  }
}

/** Split an answer into up to three word-aligned chunks (the stream's pieces). */
function splitChunks(text: string): string[] {
  const words = text.split(/(?<=\s)/);
  if (words.length < 3) return [text];
  const size = Math.ceil(words.length / 3);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}
