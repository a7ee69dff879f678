import { describe, expect, it } from 'vitest';
import { progressComments } from '../../../src/github/comment-writer.js';
import type { JobStatus } from '../../../src/domain.js';
import { report } from '../report/fixtures.js';

const status = (over: Partial<JobStatus>): JobStatus => ({
  job: 'projects/p/locations/us-central1/tuningJobs/1',
  state: 'CREATING',
  tunedModel: null,
  endpoint: null,
  completedPercent: null,
  completedSteps: null,
  totalSteps: null,
  snapshots: [],
  error: null,
  hyperparameters: null,
  ...over,
});

describe('progressComments', () => {
  it('says when a quota wait began, again after 5 minutes with how long, then follows the progress', () => {
    let now = Date.UTC(2026, 11, 7, 9, 30);
    const lines: string[] = [];
    const follow = progressComments(report({ state: 'CREATING' }), async (_snapshot, line) => void lines.push(line), {
      now: () => now,
      sleep: async () => {},
      timeout: () => new AbortController().signal,
    });
    const waiting = status({ jobState: 'TUNING_JOB_STATE_WAITING_FOR_QUOTA' });
    expect(follow(waiting)).toBe(true);
    now += 60_000;
    expect(follow(waiting)).toBe(false);
    now += 5 * 60_000;
    expect(follow(waiting)).toBe(true);
    now += 60_000;
    expect(follow(status({ jobState: 'TUNING_JOB_STATE_TUNING', completedSteps: 3, totalSteps: 10 }))).toBe(true);
    expect(lines).toEqual([
      'waiting for tuning quota (another job of the project is running) since 09:30 UTC',
      'waiting for tuning quota (another job of the project is running) for 6m 00s, since 09:30 UTC',
      'step 3 of 10 (30%) · tuning',
    ]);
  });
});
