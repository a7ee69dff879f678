import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../src/eval/gates.js';
import { evalCase, evalSummary, report } from '../report/fixtures.js';

const finished = (passRate: number | null, finalLoss: number | null) => {
  const r = report({ state: 'ACTIVE', finalLoss });
  r.eval = evalSummary([evalCase(1)], { passRate });
  return r;
};

describe('evaluateGates', () => {
  it('lists only the gates asked for', () => {
    expect(evaluateGates({ minPassRate: null, maxFinalLoss: null, maxRegressions: null }, finished(0.5, 0.1))).toEqual(
      [],
    );
    expect(evaluateGates({ minPassRate: 0.5, maxFinalLoss: null, maxRegressions: null }, finished(0.5, 0.1))).toEqual([
      { name: 'min-pass-rate', threshold: 0.5, value: 0.5, passed: true },
    ]);
  });

  it('min-pass-rate: passes at or above the threshold', () => {
    const gate = (rate: number | null) =>
      evaluateGates({ minPassRate: 0.7, maxFinalLoss: null, maxRegressions: null }, finished(rate, 0.1))[0];
    expect(gate(7 / 10)).toMatchObject({ value: 0.7, passed: true });
    expect(gate(1)).toMatchObject({ passed: true });
    expect(gate(0.69)).toMatchObject({ value: 0.69, passed: false });
    // nothing scored (or no eval at all): no value, missed
    expect(gate(null)).toMatchObject({ value: null, passed: false });
    const noEval = report({ state: 'ACTIVE', eval: null });
    expect(evaluateGates({ minPassRate: 0, maxFinalLoss: null, maxRegressions: null }, noEval)[0]).toMatchObject({
      passed: false,
    });
  });

  it('max-final-loss: passes at or below the threshold', () => {
    const gate = (loss: number | null) =>
      evaluateGates({ minPassRate: null, maxFinalLoss: 0.2, maxRegressions: null }, finished(1, loss))[0];
    expect(gate(0.2)).toMatchObject({ threshold: 0.2, value: 0.2, passed: true });
    expect(gate(0.05)).toMatchObject({ passed: true });
    expect(gate(0.21)).toMatchObject({ passed: false });
    expect(gate(null)).toMatchObject({ value: null, passed: false });
  });

  it('judges a finished model only: none while the tuning is not ACTIVE', () => {
    for (const state of ['CREATING', 'FAILED', 'CANCELLED'] as const) {
      const r = finished(0, 9);
      r.state = state;
      expect(evaluateGates({ minPassRate: 0.9, maxFinalLoss: 0.1, maxRegressions: null }, r)).toEqual([]);
    }
  });

  it('max-regressions: passes at or below the threshold; missed without a baseline run', () => {
    const withRegressions = (n: number) => {
      const r = finished(0.8, 0.1);
      const ids = Array.from({ length: n }, (_v, i) => `r${i}`);
      r.eval = evalSummary([evalCase(1)], {
        comparison: { baselinePassRate: 0.9, improvements: [], regressions: ids, pValue: 1, significant: false },
      });
      return r;
    };
    const gate = (r: ReturnType<typeof finished>) =>
      evaluateGates({ minPassRate: null, maxFinalLoss: null, maxRegressions: 0 }, r)[0];
    expect(gate(withRegressions(0))).toEqual({ name: 'max-regressions', threshold: 0, value: 0, passed: true });
    expect(gate(withRegressions(1))).toMatchObject({ value: 1, passed: false });
    expect(gate(finished(1, 0.1))).toMatchObject({ value: null, passed: false });
  });

  it('every scored case errored: the eval gates are missed, whatever the counts say', () => {
    const r = finished(null, 0.1);
    r.eval = evalSummary([evalCase(1)], {
      passRate: null,
      runs: 0,
      passingRuns: 0,
      erroredCases: 1,
      comparison: { baselinePassRate: 1, improvements: [], regressions: [], pValue: 1, significant: false },
    });
    const gates = evaluateGates({ minPassRate: 0, maxFinalLoss: null, maxRegressions: 5 }, r);
    expect(gates).toEqual([
      { name: 'min-pass-rate', threshold: 0, value: null, passed: false, note: 'every case errored' },
      { name: 'max-regressions', threshold: 5, value: 0, passed: false, note: 'every case errored' },
    ]);
  });
});
