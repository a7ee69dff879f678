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
    expect(evaluateGates({ minPassRate: null, maxFinalLoss: null }, finished(0.5, 0.1))).toEqual([]);
    expect(evaluateGates({ minPassRate: 0.5, maxFinalLoss: null }, finished(0.5, 0.1))).toEqual([
      { name: 'min-pass-rate', threshold: 0.5, value: 0.5, passed: true },
    ]);
  });

  it('min-pass-rate: passes at or above the threshold', () => {
    const gate = (rate: number | null) =>
      evaluateGates({ minPassRate: 0.7, maxFinalLoss: null }, finished(rate, 0.1))[0];
    expect(gate(7 / 10)).toMatchObject({ value: 0.7, passed: true });
    expect(gate(1)).toMatchObject({ passed: true });
    expect(gate(0.69)).toMatchObject({ value: 0.69, passed: false });
    // nothing scored (or no eval at all): no value, missed
    expect(gate(null)).toMatchObject({ value: null, passed: false });
    const noEval = report({ state: 'ACTIVE', eval: null });
    expect(evaluateGates({ minPassRate: 0, maxFinalLoss: null }, noEval)[0]).toMatchObject({ passed: false });
  });

  it('max-final-loss: passes at or below the threshold', () => {
    const gate = (loss: number | null) => evaluateGates({ minPassRate: null, maxFinalLoss: 0.2 }, finished(1, loss))[0];
    expect(gate(0.2)).toMatchObject({ threshold: 0.2, value: 0.2, passed: true });
    expect(gate(0.05)).toMatchObject({ passed: true });
    expect(gate(0.21)).toMatchObject({ passed: false });
    expect(gate(null)).toMatchObject({ value: null, passed: false });
  });

  it('judges a finished model only: none while the tuning is not ACTIVE', () => {
    for (const state of ['CREATING', 'FAILED', 'CANCELLED'] as const) {
      const r = finished(0, 9);
      r.state = state;
      expect(evaluateGates({ minPassRate: 0.9, maxFinalLoss: 0.1 }, r)).toEqual([]);
    }
  });
});
