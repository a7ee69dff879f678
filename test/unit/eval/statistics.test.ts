import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  mcnemarExact,
  percentile,
  seededRandom,
  wilsonInterval,
} from '../../../src/eval/statistics.js';

describe('wilsonInterval (95%)', () => {
  it.each([
    // Published reference values (Wilson 1927; e.g. Newcombe 1998, Table I, and the example).
    [4, 5, 0.376, 0.964],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
  ])('%d of %d → [%f, %f]', (passes, n, low, high) => {
    const [l, h] = wilsonInterval(passes, n)!;
    expect(l).toBeCloseTo(low, 3);
    expect(h).toBeCloseTo(high, 3);
  });

  it('no cases: no interval', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('mcnemarExact (two-sided)', () => {
  it.each([
    [0, 9, 0.0039],
    [9, 0, 0.0039],
    [5, 10, 0.3018],
    [1, 1, 1],
    [0, 0, 1],
    [2, 12, 0.0129],
  ])('b=%d c=%d → p=%f', (b, c, p) => {
    expect(mcnemarExact(b, c)).toBeCloseTo(p, 4);
  });

  it('stays finite and at most 1 for large counts', () => {
    const p = mcnemarExact(5000, 5100);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(mcnemarExact(0, 2000)).toBeLessThan(1e-300);
  });
});

describe('bootstrapInterval', () => {
  const cases = [
    { passes: 5, runs: 5 },
    { passes: 3, runs: 5 },
    { passes: 0, runs: 5 },
    { passes: 4, runs: 5 },
    { passes: 5, runs: 5 },
    { passes: 2, runs: 5 },
    { passes: 5, runs: 5 },
    { passes: 1, runs: 4 },
  ];
  const rate = cases.reduce((a, c) => a + c.passes, 0) / cases.reduce((a, c) => a + c.runs, 0);

  it('the same results and seed give the same interval; it contains the pass rate', () => {
    const a = bootstrapInterval(cases, 'key:digest')!;
    const b = bootstrapInterval(
      cases.map((c) => ({ ...c })),
      'key:digest',
    )!;
    expect(a).toEqual(b);
    expect(a[0]).toBeLessThanOrEqual(rate);
    expect(a[1]).toBeGreaterThanOrEqual(rate);
    expect(a[0]).toBeLessThan(a[1]);
    expect(bootstrapInterval(cases, 'another seed')).not.toEqual(a);
  });

  it('every run passing: [1, 1]; cases without scored runs are left out; none: null', () => {
    expect(
      bootstrapInterval(
        [
          { passes: 3, runs: 3 },
          { passes: 0, runs: 0 },
        ],
        's',
      ),
    ).toEqual([1, 1]);
    expect(bootstrapInterval([{ passes: 0, runs: 0 }], 's')).toBeNull();
  });

  it('pinned: a change to the PRNG or the percentile rule shows here', () => {
    const [low, high] = bootstrapInterval(cases, 'pinned-seed')!;
    expect([low.toFixed(4), high.toFixed(4)]).toMatchInlineSnapshot(`
      [
        "0.3684",
        "0.8750",
      ]
    `);
  });
});

describe('seededRandom and percentile', () => {
  it('is uniform enough and repeatable', () => {
    const r1 = seededRandom('x');
    const r2 = seededRandom('x');
    const xs = Array.from({ length: 10_000 }, () => r1());
    expect(xs.every((x, i) => x >= 0 && x < 1 && (i > 5 || x === r2()))).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('nearest rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 0.95)).toBe(5);
    expect(percentile([15, 20, 35, 40, 50], 0.3)).toBe(20);
    expect(percentile([], 0.5)).toBeNull();
  });
});
