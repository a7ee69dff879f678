import { describe, expect, it } from 'vitest';
import { GoogleApiError, NetworkError } from '../../../src/backends/errors.js';
import { DEFAULT_RETRY, retryDelay, withRetry, type RetryPolicy } from '../../../src/util/retry.js';
import { VirtualClock } from '../../helpers/virtual-clock.js';

const policy: RetryPolicy = { ...DEFAULT_RETRY, maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 8000 };
const timing = { elapsedMs: 0, leftMs: Infinity, random: 0.5 };
const busy = (retryAfterMs?: number) => new GoogleApiError('busy', 503, 'UNAVAILABLE', retryAfterMs);

describe('retryDelay: the one retry decision', () => {
  it('backs off exponentially with full jitter, up to the cap', () => {
    const delays = [1, 2, 3, 4].map((attempt) => retryDelay(policy, attempt, busy(), timing));
    expect(delays.map((d) => (d.retry ? d.delayMs : null))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay({ ...policy, maxAttempts: 10 }, 6, busy(), { ...timing, random: 0.99 })).toMatchObject({
      delayMs: 7920,
    });
    expect(retryDelay({ ...policy, jitter: false }, 2, busy(), timing)).toMatchObject({ delayMs: 2000 });
  });

  it('waits what the server asked for (Retry-After, RetryInfo), never less than a quarter of the backoff', () => {
    expect(retryDelay(policy, 1, busy(7000), timing)).toEqual({ retry: true, delayMs: 7000, asked: true });
    expect(retryDelay(policy, 4, busy(0), timing)).toEqual({ retry: true, delayMs: 1000, asked: true });
  });

  it('stops on what retrying cannot fix, after the last attempt, past the time allowed and at the deadline', () => {
    expect(retryDelay(policy, 1, new GoogleApiError('no', 400, 'INVALID_ARGUMENT'), timing)).toEqual({
      retry: false,
      why: 'not retryable',
    });
    expect(retryDelay(policy, 1, new Error('plain'), timing)).toMatchObject({ retry: false, why: 'not retryable' });
    expect(retryDelay(policy, 5, busy(), timing)).toMatchObject({ retry: false, why: 'attempts' });
    expect(retryDelay(policy, 1, busy(121_000), timing)).toMatchObject({ retry: false, why: 'retry-after too long' });
    expect(retryDelay(policy, 1, busy(), { ...timing, elapsedMs: 119_800 })).toMatchObject({ why: 'time' });
    expect(retryDelay(policy, 1, busy(5000), { ...timing, leftMs: 4000 })).toMatchObject({ why: 'time' });
  });

  it('retries connection failures', () => {
    expect(retryDelay(policy, 1, new NetworkError('reset', 'ECONNRESET'), timing)).toMatchObject({ retry: true });
  });
});

describe('withRetry', () => {
  it('sleeps on the clock it is given, then returns the first success', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 3) throw busy(2000);
        return 'ok';
      },
      { clock, policy },
    );
    expect(value).toBe('ok');
    expect(clock.slept).toEqual([2000, 2000]);
  });

  it('throws the last error when the decision is to stop, and stops waiting when the signal fires', async () => {
    const clock = new VirtualClock();
    await expect(withRetry(() => Promise.reject(busy()), { clock, policy })).rejects.toThrow('busy');
    expect(clock.slept).toHaveLength(4);
    const stop = new AbortController();
    const pending = withRetry(() => Promise.reject(busy(60_000)), {
      clock: new VirtualClock(),
      policy,
      signal: stop.signal,
    });
    stop.abort();
    await expect(pending).rejects.toThrow('busy');
  });
});
