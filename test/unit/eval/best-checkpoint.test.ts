/** select-checkpoint: best (INTERFACE v2.1, decision 13): the highest pass rate; ties keep the default, else the smallest step. */

import { describe, expect, it } from 'vitest';
import { bestCheckpoint } from '../../../src/eval/checkpoints.js';

const cp = (checkpointId: string, step: number, passRate: number | null) => ({
  checkpointId,
  epoch: Number(checkpointId),
  step,
  endpoint: `e${checkpointId}`,
  passRate,
});

describe('bestCheckpoint', () => {
  it('takes the highest pass rate', () => {
    expect(bestCheckpoint([cp('1', 10, 0.5), cp('2', 20, 0.9), cp('3', 30, 0.7)], '3')?.checkpointId).toBe('2');
  });
  it('on a tie keeps the default when it is among the best, else the smallest step', () => {
    expect(bestCheckpoint([cp('1', 10, 0.9), cp('2', 20, 0.9), cp('3', 30, 0.9)], '3')?.checkpointId).toBe('3');
    expect(bestCheckpoint([cp('2', 20, 0.9), cp('1', 10, 0.9), cp('3', 30, 0.5)], '3')?.checkpointId).toBe('1');
  });
  it('ignores checkpoints without a pass rate; none rated: null', () => {
    expect(bestCheckpoint([cp('1', 10, null), cp('2', 20, 0.4)], '1')?.checkpointId).toBe('2');
    expect(bestCheckpoint([cp('1', 10, null)], '1')).toBeNull();
  });
});
