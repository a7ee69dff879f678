/**
 * The estimate of a training set's tokens before create (INTERFACE "Budget"): countTokens on the
 * base model over at most 100 examples spread evenly through the set, in at most 10 requests made
 * together, scaled to the whole set by characters. One pass over the examples counts the characters
 * and picks the sample, so a set of 200,000 examples costs one walk and ten calls.
 */

import type { TuningBackend } from '../backends/backend.js';
import type { EvalTurn, ExampleSet, TrainingExample } from '../domain.js';

export const MAX_SAMPLE = 100;
export const MAX_REQUESTS = 10;

export interface TokenEstimate {
  /** Tokens of one pass over the set. */
  datasetTokens: number;
  /** How it was obtained. */
  examples: number;
  requests: number;
  /** countTokens failed: a quarter of the characters instead (with the reason). */
  fallback: string | null;
}

/** The turns of an example as the service sees them (a system instruction counted as a turn of its own). */
export function turnsOf(ex: TrainingExample): EvalTurn[] {
  const native = ex.native as
    | {
        systemInstruction?: { parts?: { text?: unknown }[] };
        contents?: { role?: unknown; parts?: { text?: unknown }[] }[];
      }
    | undefined;
  if (native?.contents) {
    const text = (parts: { text?: unknown }[] | undefined): string =>
      (parts ?? []).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
    const turns: EvalTurn[] = [];
    const system = text(native.systemInstruction?.parts);
    if (system) turns.push({ role: 'user', text: system });
    for (const c of native.contents) turns.push({ role: c.role === 'model' ? 'model' : 'user', text: text(c.parts) });
    return turns;
  }
  return [
    { role: 'user', text: ex.textInput },
    { role: 'model', text: ex.output },
  ];
}

const charsOf = (turns: readonly EvalTurn[]): number => turns.reduce((n, t) => n + t.text.length, 0);

export async function estimateDatasetTokens(
  backend: Pick<TuningBackend, 'countTokens'>,
  model: string,
  examples: ExampleSet,
  signal?: AbortSignal,
): Promise<TokenEstimate> {
  const n = examples.count;
  const m = Math.min(MAX_SAMPLE, n);
  // Evenly spread: the middle of each of m equal slices of the set.
  const picks = Array.from({ length: m }, (_v, k) => Math.floor(((k + 0.5) * n) / m));
  const sample: EvalTurn[][] = [];
  let totalChars = 0;
  let sampleChars = 0;
  let index = 0;
  let next = 0;
  for await (const batch of examples.batches()) {
    for (const ex of batch) {
      const turns = turnsOf(ex);
      const chars = charsOf(turns);
      totalChars += chars;
      if (index === picks[next]) {
        sample.push(turns);
        sampleChars += chars;
        next++;
      }
      index++;
    }
  }
  if (sample.length === 0 || sampleChars === 0) return { datasetTokens: 0, examples: 0, requests: 0, fallback: null };
  const per = Math.ceil(sample.length / MAX_REQUESTS);
  const groups: EvalTurn[][] = [];
  for (let i = 0; i < sample.length; i += per) groups.push(sample.slice(i, i + per).flat());
  let sampleTokens: number;
  let fallback: string | null = null;
  try {
    if (!backend.countTokens) throw new Error('this backend cannot count tokens');
    const counts = await Promise.all(groups.map((turns) => backend.countTokens!(model, turns, signal)));
    sampleTokens = counts.reduce((a, b) => a + b, 0);
  } catch (err) {
    if (signal?.aborted) throw err;
    fallback = err instanceof Error ? err.message : String(err);
    sampleTokens = Math.ceil(sampleChars / 4);
  }
  return {
    datasetTokens: Math.ceil((sampleTokens * totalChars) / sampleChars),
    examples: sample.length,
    requests: fallback === null ? groups.length : 0,
    fallback,
  };
}
