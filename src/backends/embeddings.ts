/**
 * Embeddings for the `semantic` scorer, one call for a few texts, single attempt (the eval runner
 * owns retries and concurrency):
 *  - Gemini API: `POST models/M:batchEmbedContents` with `requests: [{model, content}]`, answered
 *    `embeddings: [{values}]`;
 *  - Vertex AI: `POST …/publishers/google/models/M:predict` with `instances: [{content}]`, answered
 *    `predictions: [{embeddings: {values, statistics: {token_count}}}]`.
 */

import type { GoogleHttp } from './http.js';
import { MalformedAnswerError } from './errors.js';

export interface Embeddings {
  vectors: number[][];
  /** Tokens the service counted, when it says (Vertex AI). */
  tokens?: number;
}

export async function batchEmbed(
  http: GoogleHttp,
  url: string,
  model: string,
  texts: string[],
  signal?: AbortSignal,
): Promise<Embeddings> {
  const res = await http.json<{ embeddings?: { values?: unknown }[] }>({
    method: 'POST',
    url,
    body: { requests: texts.map((text) => ({ model, content: { parts: [{ text }] } })) },
    retry: false,
    what: 'batchEmbedContents',
    ...(signal ? { signal } : {}),
  });
  return {
    vectors: vectorsOf(
      (res?.embeddings ?? []).map((e) => e?.values),
      texts.length,
      'batchEmbedContents',
    ),
  };
}

export async function predictEmbeddings(
  http: GoogleHttp,
  url: string,
  texts: string[],
  signal?: AbortSignal,
): Promise<Embeddings> {
  const res = await http.json<{
    predictions?: { embeddings?: { values?: unknown; statistics?: { token_count?: unknown } } }[];
  }>({
    method: 'POST',
    url,
    body: { instances: texts.map((content) => ({ content })) },
    retry: false,
    what: 'predict (embeddings)',
    ...(signal ? { signal } : {}),
  });
  const predictions = res?.predictions ?? [];
  let tokens = 0;
  for (const p of predictions) {
    const n = Number(p?.embeddings?.statistics?.token_count);
    if (Number.isFinite(n) && n > 0) tokens += n;
  }
  return {
    vectors: vectorsOf(
      predictions.map((p) => p?.embeddings?.values),
      texts.length,
      'predict (embeddings)',
    ),
    tokens,
  };
}

function vectorsOf(values: unknown[], expected: number, what: string): number[][] {
  if (values.length !== expected) {
    throw new MalformedAnswerError(`${what} answered ${values.length} embedding(s) for ${expected} text(s)`, what, 200);
  }
  return values.map((v) => {
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new MalformedAnswerError(`${what} answered an embedding that is not a list of numbers`, what, 200);
    }
    return v as number[];
  });
}
