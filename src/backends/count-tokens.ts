/**
 * countTokens, as both services define it (Gemini API `POST models/M:countTokens`, Vertex AI
 * `POST …/publishers/google/models/M:countTokens`): the tokens of `contents`, answered
 * `{"totalTokens": N}`. It changes nothing, so it is retried like a read (the run's retry policy).
 */

import type { EvalTurn } from '../domain.js';
import { MalformedAnswerError } from './errors.js';
import type { GoogleHttp } from './http.js';

export async function countTokens(
  http: GoogleHttp,
  url: string,
  turns: readonly EvalTurn[],
  signal?: AbortSignal,
): Promise<number> {
  const res = await http.json<{ totalTokens?: unknown }>({
    method: 'POST',
    url,
    body: { contents: turns.map((t) => ({ role: t.role, parts: [{ text: t.text }] })) },
    idempotent: true,
    what: 'countTokens',
    ...(signal ? { signal } : {}),
  });
  const n = Number(res?.totalTokens ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new MalformedAnswerError(
      `countTokens answered ${JSON.stringify(res?.totalTokens)}, not a count`,
      'countTokens',
      200,
    );
  }
  return n;
}
