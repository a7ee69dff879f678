/** The `gemini_tune_run` label value (v2.1 decision 4): the workflow run and its attempt, always a valid label value. */

import { describe, expect, it } from 'vitest';
import { runLabel } from '../../../src/job/plan.js';

const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

describe('runLabel', () => {
  it('is <GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT> on Actions', () => {
    expect(runLabel({ GITHUB_RUN_ID: '1658821493', GITHUB_RUN_ATTEMPT: '3' })).toBe('1658821493-3');
    expect(runLabel({ GITHUB_RUN_ID: '1658821493' })).toBe('1658821493-1');
  });

  it('is random (and still a valid label value) outside Actions or with ids that are not numbers', () => {
    for (const env of [{}, { GITHUB_RUN_ID: 'abc' }, { GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: 'x y' }]) {
      const label = runLabel(env);
      expect(label).toMatch(/^[0-9a-f]{16}$/);
      expect(label).toMatch(LABEL_VALUE);
    }
    expect(runLabel({})).not.toBe(runLabel({}));
  });
});
