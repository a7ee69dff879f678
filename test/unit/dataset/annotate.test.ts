import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatasetProblem } from '../../../src/domain.js';

vi.mock('@actions/core', () => ({ error: vi.fn(), warning: vi.fn() }));

const core = await import('@actions/core');
const { annotateProblems } = await import('../../../src/dataset/validate/annotate.js');

const error = vi.mocked(core.error);
const warning = vi.mocked(core.warning);

beforeEach(() => {
  error.mockClear();
  warning.mockClear();
});

describe('annotateProblems', () => {
  it('emits errors and warnings with file, line, column and a title; file-level ones carry only the file', () => {
    const problems: DatasetProblem[] = [
      { severity: 'error', file: 'data/train.jsonl', line: 3, column: 18, message: 'not valid JSON (…)' },
      { severity: 'error', file: 'data/train.jsonl', line: 7, message: '"output" is missing' },
      { severity: 'warning', file: 'data/train.jsonl', message: 'only 15 examples' },
      { severity: 'error', file: 'data/empty.csv', message: 'the file is empty' },
    ];
    expect(annotateProblems(problems)).toEqual({ errors: 3, warnings: 1 });
    expect(error.mock.calls).toEqual([
      [
        'not valid JSON (…)',
        { file: 'data/train.jsonl', startLine: 3, startColumn: 18, title: 'Dataset error: data/train.jsonl:3' },
      ],
      ['"output" is missing', { file: 'data/train.jsonl', startLine: 7, title: 'Dataset error: data/train.jsonl:7' }],
      ['the file is empty', { file: 'data/empty.csv' }],
    ]);
    expect(warning.mock.calls).toEqual([['only 15 examples', { file: 'data/train.jsonl' }]]);
  });

  it('shows at most `max` (default 50) and then one summary line; counts all', () => {
    const many: DatasetProblem[] = Array.from({ length: 60 }, (_, i) => ({
      severity: i % 10 === 9 ? 'warning' : 'error',
      file: 'x.jsonl',
      line: i + 1,
      message: `p${i}`,
    }));
    expect(annotateProblems(many)).toEqual({ errors: 54, warnings: 6 });
    expect(error).toHaveBeenCalledTimes(45 + 1);
    expect(warning).toHaveBeenCalledTimes(5);
    expect(error.mock.calls.at(-1)?.[0]).toBe(
      '10 more dataset problems (9 errors, 1 warning) not shown: fix the ones above and run again',
    );

    error.mockClear();
    warning.mockClear();
    const onlyWarnings: DatasetProblem[] = Array.from({ length: 4 }, (_, i) => ({
      severity: 'warning',
      file: 'x.jsonl',
      line: i + 1,
      message: `w${i}`,
    }));
    expect(annotateProblems(onlyWarnings, { max: 2 })).toEqual({ errors: 0, warnings: 4 });
    expect(warning).toHaveBeenCalledTimes(3);
    expect(warning.mock.calls.at(-1)?.[0]).toMatch(/^2 more dataset problems \(0 errors, 2 warnings\) not shown/);
    expect(error).not.toHaveBeenCalled();
  });

  it('nothing to report', () => {
    expect(annotateProblems([])).toEqual({ errors: 0, warnings: 0 });
    expect(error).not.toHaveBeenCalled();
  });
});
