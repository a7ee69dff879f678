/** The failure reason a scorer gives shows under the case's mark in the eval table, escaped. */
import { describe, expect, it } from 'vitest';
import { evalRow } from '../../../src/report/eval-table.js';
import { HOSTILE, evalCase, evalSummary } from '../report/fixtures.js';

const limits = { output: 500, other: 200, foldAt: 400 };

describe('eval table: failure reasons', () => {
  it('shows why a scored case failed, for the tuned and the baseline model', () => {
    const c = evalCase(1, {
      scorer: 'json',
      output: '{"a": 2}',
      pass: false,
      reason: 'JSON does not contain the expected value: $.a: expected 1, got 2',
      baselineOutput: 'x',
      baselinePass: false,
      baselineReason: 'output is not valid JSON: Unexpected token',
    });
    const e = evalSummary([c], { baselineModel: 'models/base' });
    const { row } = evalRow(e, c, limits);
    expect(row).toContain('❌ fail<br><sub>JSON does not contain the expected value: &#36;.a: expected 1, got 2</sub>');
    expect(row).toContain('❌ fail<br><sub>output is not valid JSON: Unexpected token</sub>');
  });

  it('shows nothing extra for a pass, an error or an unscored case', () => {
    for (const c of [
      evalCase(1, { reason: null }),
      evalCase(2, { output: null, pass: null, error: 'HTTP 500', reason: null }),
      evalCase(3, { expected: null, scorer: null, pass: null }),
    ]) {
      expect(evalRow(evalSummary([c]), c, limits).row).not.toContain('<sub>');
    }
  });

  it('escapes a reason that quotes hostile output, and shortens it', () => {
    for (const text of Object.values(HOSTILE)) {
      const c = evalCase(1, { pass: false, output: text, reason: `expected exactly "x", got ${JSON.stringify(text)}` });
      const { row } = evalRow(evalSummary([c]), c, limits);
      const note = /❌ fail<br><sub>(.*)<\/sub> \|$/.exec(row)?.[1] ?? '';
      expect(note).not.toBe('');
      expect(note).not.toMatch(/[<>|`\n]|@octocat|@github/);
      expect(row.split('\n')).toHaveLength(1);
    }
    const long = evalCase(1, { pass: false, reason: 'r'.repeat(1000) });
    expect(evalRow(evalSummary([long]), long, limits).row.length).toBeLessThan(400);
  });
});
