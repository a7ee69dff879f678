import { describe, expect, it } from 'vitest';
import {
  creationMarks,
  describeWithMarks,
  marksInDescription,
  pullRequestsIn,
  repositoryMark,
} from '../../../src/lifecycle/marks.js';

describe('marks', () => {
  it('the repository mark is its numeric id, else its name as a label value', () => {
    expect(repositoryMark({ GITHUB_REPOSITORY_ID: '987654321' })).toBe('987654321');
    expect(repositoryMark({ GITHUB_REPOSITORY: 'Octo-Org/Number.Tuner' })).toBe('octo-org-number-tuner');
  });

  it('a job on a pull request is marked with the repository and the pull request', () => {
    expect(creationMarks({ GITHUB_REPOSITORY_ID: '1' }, 7)).toEqual({
      gemini_tune_repo: '1',
      gemini_tune_pr_7: 'open',
    });
    expect(creationMarks({ GITHUB_REPOSITORY_ID: '1' }, null)).toEqual({ gemini_tune_repo: '1' });
  });

  it('pull requests are read from the marks, in order', () => {
    expect(pullRequestsIn({ gemini_tune_pr_12: 'open', gemini_tune_pr_3: 'open', gemini_tune_repo: '1' })).toEqual([
      3, 12,
    ]);
  });

  it('the Gemini API description keeps the user text and one marks block at its end', () => {
    const marks = {
      gemini_tune_repo: '1',
      gemini_tune_pr_9: 'open',
      gemini_tune_pr_2: 'open',
      gemini_tune_release: 'stable',
    };
    const text = describeWithMarks('my model', marks);
    expect(text).toBe('my model [gemini-tune repo=1 pr=2,9 release=stable]');
    expect(marksInDescription(text)).toEqual(marks);
    // Rewritten, not appended twice; an empty set of marks leaves the user text alone.
    expect(describeWithMarks(text, { gemini_tune_repo: '1' })).toBe('my model [gemini-tune repo=1]');
    expect(describeWithMarks(text, {})).toBe('my model');
    expect(describeWithMarks('', { gemini_tune_repo: '1' })).toBe('[gemini-tune repo=1]');
    // A block somewhere else in the text is the user's, not marks.
    expect(marksInDescription('see [gemini-tune repo=1] later')).toEqual({});
  });
});
