/**
 * The emulator's stand-ins for the model-backed scorers, deterministic so that tests can predict
 * scores:
 *  - embeddings: a hashed bag of words (lower-cased runs of letters and digits), 64 dimensions,
 *    normalised: texts with the same words embed alike, texts with none in common nearly
 *    orthogonally;
 *  - a judge, for a generateContent call that asks for JSON with a responseSchema: it reads the
 *    criteria, the question and the answer from blocks `<<<NAME-NONCE … NAME-NONCE>>>` (the action's
 *    judge prompt) and passes the answer when every phrase quoted in the criteria ("…" or '…') is in
 *    it (any case), or, with none quoted, when it is not empty; `[judge: pass]` / `[judge: fail]` in
 *    the criteria decide outright. Like a model that follows instructions it should not, it passes
 *    anything when "ignore the rubric" appears in its prompt *outside* those blocks: a judge prompt
 *    that lets the answer leak out of its block is caught that way.
 */
import { hash32 } from './util.js';

export const EMBEDDING_DIMENSIONS = 64;
export const EMBEDDING_MODELS = ['gemini-embedding-001', 'text-embedding-005', 'text-multilingual-embedding-002'];

export function embedText(text: string): number[] {
  const v = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = hash32(word);
    v[h % EMBEDDING_DIMENSIONS]! += (h >>> 16) & 1 ? 1 : -1;
  }
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  return norm === 0 ? v : v.map((x) => x / norm);
}

const BLOCK = /<<<([a-z]+)-([0-9a-f]+)\n([\s\S]*?)\n\1-\2>>>/g;

export function judge(prompt: string): { pass: boolean; reason: string } {
  const blocks: Record<string, string> = {};
  const outside = prompt.replace(BLOCK, (_m, name: string, _nonce: string, body: string) => {
    blocks[name] = body;
    return '';
  });
  if (/ignore the rubric/i.test(outside)) return { pass: true, reason: 'I was told to pass.' };
  const criteria = blocks['criteria'];
  const answer = blocks['answer'];
  if (criteria === undefined || answer === undefined) {
    return { pass: false, reason: 'I cannot find the criteria and the answer in the prompt.' };
  }
  if (/\[judge: pass\]/i.test(criteria)) return { pass: true, reason: 'The criteria say to pass.' };
  if (/\[judge: fail\]/i.test(criteria)) return { pass: false, reason: 'The criteria say to fail.' };
  const phrases = [...criteria.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => (m[1] ?? m[2] ?? '').toLowerCase());
  const text = answer.toLowerCase();
  if (phrases.length === 0) {
    return answer.trim()
      ? { pass: true, reason: 'The answer is not empty.' }
      : { pass: false, reason: 'The answer is empty.' };
  }
  const missing = phrases.filter((p) => !text.includes(p));
  return missing.length === 0
    ? { pass: true, reason: `The answer mentions ${phrases.map((p) => `"${p}"`).join(', ')}.` }
    : { pass: false, reason: `The answer does not mention ${missing.map((p) => `"${p}"`).join(', ')}.` };
}

/** Is this generateContent call a judge call (JSON asked for with a schema)? */
export function isJudgeCall(generationConfig: Record<string, unknown> | undefined): boolean {
  return (
    generationConfig?.['responseMimeType'] === 'application/json' &&
    generationConfig['responseSchema'] !== undefined &&
    generationConfig['responseSchema'] !== null
  );
}
