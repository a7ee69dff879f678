/** What a reviewer reads first (issue 15): the verdict consistent with the step, the key figures. */

import { describe, expect, it } from 'vitest';
import { renderComment } from '../../../src/report/comment.js';
import { keyFigures, verdictOf } from '../../../src/report/view.js';
import { evalCase, evalSummary, report } from './fixtures.js';

const ok = () => report({ gates: [{ name: 'min-pass-rate', threshold: 0.5, value: 0.9, passed: true }], error: null });

describe('verdictOf', () => {
  it.each([
    [{ state: 'ACTIVE' as const }, '✅', 'Gemini tuning: ACTIVE', false],
    [
      {
        state: 'ACTIVE' as const,
        gates: [{ name: 'min-pass-rate', threshold: 0.9, value: 0.5, passed: false }],
        error: 'gate min-pass-rate missed',
      },
      '❌',
      'Gemini tuning: ACTIVE — gate missed: min-pass-rate',
      true,
    ],
    [
      { state: 'REJECTED' as const, error: '3 problems in train.jsonl' },
      '⛔',
      'Gemini tuning: REJECTED — nothing was tuned',
      true,
    ],
    [
      {
        state: 'REJECTED' as const,
        error: 'over the training-token budget: the estimate is 9,000 …',
        budgetStop: 'training-token' as const,
      },
      '⛔',
      'Gemini tuning: REJECTED — over the training-token budget',
      true,
    ],
    [
      { state: 'FAILED' as const, error: 'internal error' },
      '❌',
      'Gemini tuning: FAILED — the tuning job failed',
      true,
    ],
    [
      { state: 'CANCELLED' as const, error: 'cancelled over the cost budget: …', budgetStop: 'cost' as const },
      '🚫',
      'Gemini tuning: CANCELLED — over the cost budget',
      true,
    ],
    [
      // Words in an error are not a budget stop: only the report's budgetStop is.
      { state: 'CANCELLED' as const, error: 'the run was cancelled (SIGINT) while "over the cost budget" was shown' },
      '🚫',
      'Gemini tuning: CANCELLED',
      true,
    ],
    [
      { state: 'CREATING' as const, error: 'tuning timed out after 330 minutes' },
      '⏱️',
      'Gemini tuning: CREATING — not finished in time, the job is still running',
      true,
    ],
    [{ state: 'CREATING' as const, error: null }, '⏳', 'Gemini tuning: CREATING — still tuning', false],
  ])('%j → %s %s', (over, emoji, title, failed) => {
    expect(verdictOf({ ...ok(), ...over })).toEqual({ emoji, title, failed });
  });
});

describe('keyFigures', () => {
  it('pass rate with its interval, against the baseline, loss, training tokens', () => {
    const r = ok();
    r.eval = evalSummary([evalCase(1)], {
      passRate: 0.8,
      passRateInterval: [0.6, 0.9],
      comparison: {
        baselinePassRate: 0.5,
        improvements: ['a', 'b'],
        regressions: ['c'],
        pValue: 0.0312,
        significant: true,
      },
    });
    r.finalLoss = 0.1234;
    r.validationLoss = 0.2;
    r.cost = {
      datasetTokens: 1000,
      epochs: null,
      trainingTokens: 1000,
      basis: 'estimate',
      billableTokens: null,
      tokenPrice: 2,
      estimatedUsd: 0,
    };
    expect(keyFigures(r)).toBe(
      '**Pass rate** 80% (95% interval 60%–90%) · **vs baseline** +30 points, 1 regression, p = 0.031 (significant) · ' +
        '**Loss** 0.1234, validation 0.2 · **Training tokens** at least 1,000 (at least $0.00)',
    );
  });
});

describe('a large eval set (v2.1 decision 20)', () => {
  it('300 cases: under 20,000 characters, every failing case listed, regressions first', () => {
    const cases = Array.from({ length: 300 }, (_v, i) =>
      evalCase(i, {
        output: `output ${i} `.repeat(3),
        pass: i % 15 !== 3,
        baselinePass: i % 15 === 3 ? i % 2 === 0 : true,
      }),
    );
    const failing = cases.filter((c) => c.pass === false).map((c) => c.id);
    const regressions = failing.filter((_id, k) => k % 2 === 0);
    const r = report({ eval: evalSummary(cases, { regressions, baselineModel: 'models/base' }) });
    const body = renderComment(r, { marker: '<!-- gemini-tune:k -->', phase: 'final' });
    expect(body.length).toBeLessThan(20_000);
    const rows = body.split('\n').filter((l) => /^\| (🔻 )?case-\d+ \|/.test(l));
    expect(rows).toHaveLength(failing.length);
    for (const id of failing) expect(body).toContain(`| ${regressions.includes(id) ? '🔻 ' : ''}${id} |`);
    expect(rows.slice(0, regressions.length).every((l) => l.startsWith('| 🔻'))).toBe(true);
    expect(body).toContain(`${300 - failing.length} passing or unscored cases are not listed`);
  });
});
