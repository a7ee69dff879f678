/**
 * One generateContent call, as both the Gemini API and Vertex AI define it (same request and
 * response shapes; only the URL differs). Single attempt: the eval runner owns retries.
 *
 * What the answer means (INTERFACE.md, "Requests"):
 *  - the output is the text of the first candidate's parts, thought parts (`thought: true`) left out;
 *  - blocked: `promptFeedback.blockReason`, or a `finishReason` in BLOCKED_FINISH_REASONS. The
 *    answer says so (`blocked`), with whatever text came with it; the eval fails the case;
 *  - `finishReason: MAX_TOKENS` keeps the text and marks the answer `truncated`;
 *  - no candidate at all, or a candidate with no text, that was not blocked: an error (an empty
 *    answer is never scored as the output "").
 */

import type { GoogleHttp } from './http.js';
import type { EvalPrompt, GenerationConfig } from '../domain.js';

/** finishReason values that mean the service blocked the answer. */
export const BLOCKED_FINISH_REASONS: readonly string[] = [
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
];

export interface GenerateAnswer {
  /** The answer's text (thoughts left out); may be partial or empty when blocked. */
  text: string;
  /** Why the service blocked it (`SAFETY`, `RECITATION`, a prompt's blockReason...); null when not blocked. */
  blocked: string | null;
  /** Cut off at the output token limit (`finishReason: MAX_TOKENS`). */
  truncated: boolean;
  /** The service's token counts (`usageMetadata`), when it gave them. */
  usage?: TokenUsage | null;
}

/** Tokens of one call, from `usageMetadata`: the prompt, the answer, and the thinking. */
export interface TokenUsage {
  prompt: number | null;
  output: number | null;
  thoughts: number | null;
}

/** The token counts of a response body, or null when it has none. */
function readUsage(res: Record<string, unknown>): TokenUsage | null {
  const u = isObject(res['usageMetadata']) ? res['usageMetadata'] : null;
  if (!u) return null;
  const count = (v: unknown): number | null =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0
      ? v
      : typeof v === 'string' && /^\d+$/.test(v)
        ? Number(v)
        : null;
  return {
    prompt: count(u['promptTokenCount']),
    output: count(u['candidatesTokenCount']),
    thoughts: count(u['thoughtsTokenCount']),
  };
}

/** The model gave nothing to score: no candidate, or one with no text, and it was not blocked. */
export class EmptyAnswerError extends Error {
  override readonly name = 'EmptyAnswerError';
}

export async function generateContent(
  http: GoogleHttp,
  url: string,
  prompt: EvalPrompt | string,
  config: GenerationConfig,
  signal?: AbortSignal,
): Promise<GenerateAnswer> {
  const { text, system, turns = [] } = typeof prompt === 'string' ? { text: prompt, system: null } : prompt;
  const generationConfig = generationSettings(config);
  const res = await http.json<unknown>({
    method: 'POST',
    url,
    body: {
      // Every turn of the case: the earlier ones (multi-turn cases), then the one asked.
      contents: [
        ...turns.map((t) => ({ role: t.role, parts: [{ text: t.text }] })),
        { role: 'user', parts: [{ text }] },
      ],
      ...(system ? { systemInstruction: { parts: [{ text: system }] } } : {}),
      ...(generationConfig ? { generationConfig } : {}),
    },
    retry: false,
    what: 'generateContent',
    ...(signal ? { signal } : {}),
  });
  return readAnswer(res);
}

/**
 * The `generationConfig` of a request: only the settings that were given (a temperature of 0 is
 * refused by Gemini 3 models, and Google advises tuned models their own defaults); null for none.
 */
export function generationSettings(config: GenerationConfig): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (config.temperature !== undefined) out['temperature'] = config.temperature;
  if (config.maxOutputTokens !== undefined) out['maxOutputTokens'] = config.maxOutputTokens;
  // The enum's names are upper case (ThinkingLevel: MINIMAL, LOW, MEDIUM, HIGH); the input is written lower case.
  if (config.thinkingLevel !== undefined) out['thinkingConfig'] = { thinkingLevel: config.thinkingLevel.toUpperCase() };
  else if (config.thinkingBudget !== undefined) out['thinkingConfig'] = { thinkingBudget: config.thinkingBudget };
  if (config.responseMimeType !== undefined) out['responseMimeType'] = config.responseMimeType;
  if (config.responseSchema !== undefined) out['responseSchema'] = config.responseSchema;
  return Object.keys(out).length > 0 ? out : null;
}

/** The answer in a generateContent response body (see the module comment). Throws when there is none. */
export function readAnswer(res: unknown): GenerateAnswer {
  if (!isObject(res)) throw new EmptyAnswerError(`the model's answer is not a JSON object (${kindOf(res)})`);
  const feedback = isObject(res['promptFeedback']) ? res['promptFeedback'] : {};
  const promptBlock = nonEmptyString(feedback['blockReason']);
  const candidates = Array.isArray(res['candidates']) ? (res['candidates'] as unknown[]) : [];
  const candidate = isObject(candidates[0]) ? candidates[0] : null;
  const finishReason = candidate === null ? null : nonEmptyString(candidate['finishReason']);
  const content = candidate !== null && isObject(candidate['content']) ? candidate['content'] : {};
  const parts = Array.isArray(content['parts']) ? (content['parts'] as unknown[]) : [];
  let text = '';
  for (const p of parts) {
    if (isObject(p) && p['thought'] !== true && typeof p['text'] === 'string') text += p['text'];
  }
  const blocked =
    promptBlock ?? (finishReason !== null && BLOCKED_FINISH_REASONS.includes(finishReason) ? finishReason : null);
  const usage = readUsage(res);
  const counted = usage ? { usage } : {};
  if (blocked !== null) return { text, blocked, truncated: false, ...counted };
  const truncated = finishReason === 'MAX_TOKENS';
  if (candidate === null) throw new EmptyAnswerError('the model returned no answer (no candidates)');
  if (text === '') {
    const why = finishReason === null ? '' : ` (finishReason ${finishReason.slice(0, 40)})`;
    const hint = truncated ? ': the output token limit was reached before any text (by thinking?)' : '';
    throw new EmptyAnswerError(`the model returned no text${why}${hint}`);
  }
  return { text, blocked: null, truncated, ...counted };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function nonEmptyString(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v.slice(0, 60) : null;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}
