/** eval-repeats (INTERFACE "Statistics", v2.1 decisions 17 and 18) through runEval, on a scripted model. */

import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../../../src/backends/errors.js';
import { runEval, type RunEvalOptions } from '../../../src/eval/run-eval.js';
import type { EvalCase } from '../../../src/domain.js';
import { instantClock } from '../../helpers/virtual-clock.js';

const cases: EvalCase[] = Array.from({ length: 10 }, (_v, i) => ({
  id: `c${i}`,
  input: `q${i}`,
  expected: `a${i}`,
  scorer: 'exact',
  line: i + 1,
}));

/**
 * The n-th call (0-based) of a prompt on the tuned model answers right when n is in the case's set:
 * c0-c4 always, c5-c7 on 3 of 5 calls (flaky, passing), c8 on 1 of 5 (flaky, failing), c9 never.
 * Whatever order the calls run in, each case gets the same answers.
 */
const RIGHT: Record<string, number[]> = {
  q5: [0, 2, 4],
  q6: [1, 2, 3],
  q7: [0, 1, 4],
  q8: [3],
  q9: [],
};
function scripted(opts: { baselineRight?: boolean; errorsOn?: Record<string, number[]> } = {}) {
  const counts = new Map<string, number>();
  const order: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const generate: RunEvalOptions['generate'] = async (model, prompt) => {
    const key = `${model}:${prompt}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    order.push(key);
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight--;
    const answer = `a${prompt.slice(1)}`;
    if (model === 'base') return opts.baselineRight ? answer : 'nope';
    if (opts.errorsOn?.[prompt]?.includes(n)) throw new GoogleApiError('Bad request', 400, 'INVALID_ARGUMENT');
    const right = RIGHT[prompt] ?? [0, 1, 2, 3, 4];
    return right.includes(n) ? answer : 'wrong';
  };
  return { generate, counts, order, peak: () => peak };
}

const options = (over: Partial<RunEvalOptions> & Pick<RunEvalOptions, 'generate'>): RunEvalOptions => ({
  cases,
  model: 'tuned',
  baselineModel: null,
  concurrency: 4,
  repeats: 5,
  seed: 'content-key:eval-digest',
  generationConfig: {},
  clock: instantClock(),
  ...over,
});

describe('runEval with repeats', () => {
  it('runs every scored case k times; passes, runs, flaky and the majority per case; the pass rate over runs', async () => {
    const model = scripted();
    const s = await runEval(options({ generate: model.generate }));
    for (const c of cases) expect(model.counts.get(`tuned:${c.input}`)).toBe(5);
    expect(s).toMatchObject({ repeats: 5, runs: 50, passingRuns: 35, passed: 8, failed: 2, flaky: 4, errors: 0 });
    expect(s.passRate).toBe(35 / 50);
    const byId = Object.fromEntries(s.cases.map((c) => [c.id, c]));
    expect(byId['c5']).toMatchObject({ passes: 3, runs: 5, flaky: true, pass: true });
    expect(byId['c8']).toMatchObject({ passes: 1, runs: 5, flaky: true, pass: false });
    expect(byId['c8']!.reason).toBe('expected exactly "a8", got "wrong"');
    expect(byId['c0']).toMatchObject({ passes: 5, runs: 5, flaky: false, pass: true, output: 'a0' });
    // The output shown is the first run's.
    expect(byId['c8']!.output).toBe('wrong');
    expect(byId['c6']!.output).toBe('wrong');
    // The interval is the bootstrap's: it holds the pass rate, and is the same for the same answers.
    const [low, high] = s.passRateInterval!;
    expect(low).toBeLessThanOrEqual(0.7);
    expect(high).toBeGreaterThanOrEqual(0.7);
    const again = await runEval(options({ generate: scripted().generate, concurrency: 2 }));
    expect(again.passRateInterval).toEqual(s.passRateInterval);
    const otherSeed = await runEval(options({ generate: scripted().generate, seed: 'another eval set' }));
    expect(otherSeed.passRate).toBe(s.passRate);
  });

  it('hands the calls out lazily, case by case, never more in flight than the concurrency', async () => {
    const model = scripted({ baselineRight: true });
    await runEval(options({ generate: model.generate, baselineModel: 'base', concurrency: 3 }));
    expect(model.peak()).toBeLessThanOrEqual(3);
    // Every run of c0 on both models is asked before anything of c2.
    const firstOfC2 = model.order.findIndex((k) => k.endsWith(':q2'));
    expect(model.order.slice(0, firstOfC2).filter((k) => k.endsWith(':q0'))).toHaveLength(10);
  });

  it('with a baseline: improvements, regressions, McNemar, significance', async () => {
    const s = await runEval(options({ generate: scripted().generate, baselineModel: 'base' }));
    expect(s.comparison).toMatchObject({
      baselinePassRate: 0,
      improvements: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'],
      regressions: [],
      significant: true,
    });
    expect(s.comparison!.pValue).toBeCloseTo(2 * 0.5 ** 8, 12);
    const same = await runEval(
      options({ generate: scripted({ baselineRight: true }).generate, baselineModel: 'base' }),
    );
    expect(same.comparison).toMatchObject({
      improvements: [],
      regressions: ['c8', 'c9'],
      pValue: 0.5,
      significant: false,
    });
  });

  it('errored runs are left out of passes and runs; a case whose runs all errored is left out of everything', async () => {
    const errorsOn = { q0: [0, 1], q9: [0, 1, 2, 3, 4] };
    const s = await runEval(options({ generate: scripted({ errorsOn }).generate }));
    const byId = Object.fromEntries(s.cases.map((c) => [c.id, c]));
    expect(byId['c0']).toMatchObject({ passes: 3, runs: 3, errors: 2, pass: true, error: null, output: 'a0' });
    expect(byId['c9']).toMatchObject({ passes: 0, runs: 0, errors: 5, pass: null, output: null });
    expect(byId['c9']!.error).toMatch(/^HTTP 400 INVALID_ARGUMENT/);
    expect(s).toMatchObject({ runs: 43, passingRuns: 33, errors: 7, erroredCases: 1, passed: 8, failed: 1 });
    expect(s.passRate).toBe(33 / 43);
  });

  it('one run per case: the Wilson interval', async () => {
    const s = await runEval(options({ generate: scripted().generate, repeats: 1, cases: cases.slice(0, 5) }));
    expect(s.runs).toBe(5);
    expect(s.passRateInterval![0]).toBeCloseTo(0.5655, 3); // Wilson for 5 of 5
    expect(s.passRateInterval![1]).toBe(1);
  });
});
