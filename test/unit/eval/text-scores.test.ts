import { describe, expect, it } from 'vitest';
import { MAX_SCORED_CODE_POINTS, rougeL, similarity, wordTokens } from '../../../src/eval/text-scores.js';

describe('similarity (1 − Levenshtein / longer length, in code points)', () => {
  it.each([
    ['kitten', 'sitting', 1 - 3 / 7],
    ['flaw', 'lawn', 1 - 2 / 4],
    ['same', 'same', 1],
    ['  padded ', 'padded', 1],
    ['', '', 1],
    ['abc', '', 0],
    // Code points, not UTF-16 units: each emoji is one character.
    ['😀😀😀', '😀😁😀', 1 - 1 / 3],
    ['𝒜bc', 'abc', 1 - 1 / 3],
    // Other scripts: Chinese, and Greek with a combining-free accent.
    ['北京欢迎你', '北京欢迎您', 1 - 1 / 5],
    ['καλημέρα', 'καλημερα', 1 - 1 / 8],
  ])('%j vs %j → %f', (a, b, want) => {
    expect(similarity(a, b)).toBeCloseTo(want, 10);
  });

  it('scores at most the first 20,000 code points of each text', () => {
    const long = 'a'.repeat(MAX_SCORED_CODE_POINTS);
    expect(similarity(long + 'x'.repeat(5000), long + 'y'.repeat(5000))).toBe(1);
  });
});

describe('rouge-l (F1 of the LCS of word tokens)', () => {
  it('worked examples', () => {
    // LCS("the cat sat on the mat", "the cat is on the mat") = the cat on the mat = 5; P = 5/6, R = 5/6.
    expect(rougeL('the cat sat on the mat', 'the cat is on the mat')).toBeCloseTo(5 / 6, 10);
    // reference 4 tokens, candidate 2 tokens, LCS 2: P = 1, R = 0.5, F1 = 2/3.
    expect(rougeL('police killed the gunman', 'the gunman')).toBeCloseTo(2 / 3, 10);
    expect(rougeL('A B C', 'c b a')).toBeCloseTo(1 / 3, 10);
    expect(rougeL('', '')).toBe(1);
    expect(rougeL('something', '')).toBe(0);
    expect(rougeL('one two', 'three four')).toBe(0);
  });

  it('tokens are runs of letters and digits of any script, lower-cased', () => {
    expect(wordTokens("Héllo, Wörld! It's 2026 — Привет мир")).toEqual([
      'héllo',
      'wörld',
      'it',
      's',
      '2026',
      'привет',
      'мир',
    ]);
    expect(rougeL('Привет, мир', 'привет мир')).toBe(1);
    // rouge-score (ASCII tokens only) would score these 0: both sides have no ASCII word.
    expect(rougeL('Grüße aus München', 'Grüße aus Berlin')).toBeCloseTo(2 / 3, 10);
  });

  it('scores at most the first 20,000 code points of each text', () => {
    const words = Array.from({ length: 20_000 }, (_v, i) => `w${i % 97}`).join(' ');
    expect(wordTokens(words).join(' ').length).toBeLessThanOrEqual(MAX_SCORED_CODE_POINTS);
    expect(rougeL(words, words + ' and then something else entirely')).toBe(1);
  });
});
