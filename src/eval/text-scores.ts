/**
 * The text-similarity scores (INTERFACE "Scorers", v2.1 decision 19), each 0..1:
 *  - similarity: 1 − Levenshtein distance / length of the longer text, both trimmed, counted in
 *    Unicode code points (an emoji or a letter outside the BMP is one, not two UTF-16 units);
 *  - rouge-l: the F1 of the longest common subsequence of word tokens, a token being a maximal run
 *    of letters and digits (`\p{L}`, `\p{N}`) of any script, lower-cased. (The reference Python
 *    rouge-score keeps only ASCII a-z0-9, so its tokens, and its scores on non-English text, differ.)
 * Both score at most the first MAX_SCORED_CODE_POINTS code points of each text, so that a long
 * answer costs a bounded time.
 *
 * The distance comes from fastest-levenshtein (Myers' bit-parallel algorithm), which counts UTF-16
 * units: each distinct code point of the two texts is first mapped to one BMP character.
 */

import { distance } from 'fastest-levenshtein';

export const MAX_SCORED_CODE_POINTS = 20_000;

/** The first `max` code points of `text`. */
function codePoints(text: string, max = MAX_SCORED_CODE_POINTS): string[] {
  const out: string[] = [];
  for (const cp of text) {
    if (out.length >= max) break;
    out.push(cp);
  }
  return out;
}

/** 1 − Levenshtein distance / the longer length, in code points of the trimmed texts; two empty texts: 1. */
export function similarity(a: string, b: string): number {
  const x = codePoints(a.trim());
  const y = codePoints(b.trim());
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 1;
  // One BMP character (not a surrogate) per distinct code point: the distance is then in code points.
  const map = new Map<string, string>();
  let next = 0x100;
  const encode = (cps: string[]): string => {
    let out = '';
    for (const cp of cps) {
      let c = map.get(cp);
      if (c === undefined) {
        if (next === 0xd800) next = 0xe000;
        c = String.fromCharCode(next++);
        map.set(cp, c);
      }
      out += c;
    }
    return out;
  };
  return 1 - distance(encode(x), encode(y)) / longer;
}

/** Word tokens: maximal runs of letters and digits, lower-cased. */
export function wordTokens(text: string): string[] {
  const bounded = codePoints(text).join('');
  return (bounded.match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
}

/** ROUGE-L F1 of `candidate` against `reference`; 1 when both have no tokens, 0 when one has none. */
export function rougeL(reference: string, candidate: string): number {
  const ref = wordTokens(reference);
  const cand = wordTokens(candidate);
  if (ref.length === 0 && cand.length === 0) return 1;
  if (ref.length === 0 || cand.length === 0) return 0;
  const lcs = lcsLength(ref, cand);
  if (lcs === 0) return 0;
  const precision = lcs / cand.length;
  const recall = lcs / ref.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Length of the longest common subsequence, in two rows of the DP table. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  // Tokens as small integers: comparing numbers is cheaper than comparing strings.
  const ids = new Map<string, number>();
  const id = (t: string): number => {
    let v = ids.get(t);
    if (v === undefined) ids.set(t, (v = ids.size));
    return v;
  };
  const x = Int32Array.from(a, id);
  const y = Int32Array.from(b, id);
  let prev = new Uint32Array(y.length + 1);
  let row = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      row[j] = xi === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    [prev, row] = [row, prev];
  }
  return prev[y.length]!;
}
