import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter, type Permit } from '../../../src/eval/adaptive-limiter.js';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A sleep the test resolves by hand. */
function manualSleep() {
  const pending: Array<{ ms: number; resolve: () => void }> = [];
  const sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => pending.push({ ms, resolve }));
  return { sleep, pending };
}

async function take(limiter: AdaptiveLimiter, n: number): Promise<Permit[]> {
  const permits: Permit[] = [];
  for (let i = 0; i < n; i++) permits.push(await limiter.acquire());
  return permits;
}

describe('AdaptiveLimiter', () => {
  it('starts at max (no slow start) unless told otherwise, and clamps', () => {
    expect(new AdaptiveLimiter({ max: 8 }).window).toBe(8);
    expect(new AdaptiveLimiter({ max: 8, initial: 2 }).window).toBe(2);
    expect(new AdaptiveLimiter({ max: 8, initial: 50 }).window).toBe(8);
    expect(new AdaptiveLimiter({ max: 0 }).window).toBe(1);
  });

  it('never hands out more permits than the window, FIFO', async () => {
    const limiter = new AdaptiveLimiter({ max: 3 });
    const order: number[] = [];
    const acquired = [0, 1, 2, 3, 4].map((i) => limiter.acquire().then((p) => (order.push(i), p)));
    await flush();
    expect(order).toEqual([0, 1, 2]);
    expect(limiter.inFlight).toBe(3);
    const first = await acquired[0]!;
    limiter.release(first, 'neutral');
    await flush();
    expect(order).toEqual([0, 1, 2, 3]);
    expect(limiter.inFlight).toBe(3);
    expect(limiter.peakInFlight).toBe(3);
  });

  it('front: a retry jumps the queue', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const p0 = await limiter.acquire();
    const order: string[] = [];
    void limiter.acquire().then(() => order.push('queued'));
    void limiter.acquire({ front: true }).then(() => order.push('retry'));
    limiter.release(p0, 'neutral');
    await flush();
    expect(order).toEqual(['retry']);
  });

  it('halves once for a whole burst of 429s', async () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const permits = await take(limiter, 8);
    for (const p of permits) limiter.release(p, 'throttled');
    expect(limiter.window).toBe(4);
    expect(limiter.decreases).toBe(1);
  });

  it('halves again for a 429 on a request sent after the decrease, down to 1', async () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const windows: number[] = [];
    for (let round = 0; round < 5; round++) {
      const [p] = await take(limiter, 1);
      limiter.release(p!, 'throttled');
      windows.push(limiter.window);
    }
    expect(windows).toEqual([4, 2, 1, 1, 1]);
  });

  it('a 429 from before the decrease does not count, one sent after does', async () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const [a, b] = await take(limiter, 2);
    limiter.release(a!, 'throttled'); // 8 -> 4
    const [c] = await take(limiter, 1);
    limiter.release(b!, 'throttled'); // old burst: ignored
    expect(limiter.window).toBe(4);
    limiter.release(c!, 'throttled'); // new event: 4 -> 2
    expect(limiter.window).toBe(2);
  });

  it('adds one per window of successes, up to max', async () => {
    const limiter = new AdaptiveLimiter({ max: 5, initial: 2 });
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [p] = await take(limiter, 1);
      limiter.release(p!, 'success');
      seen.push(limiter.window);
    }
    // 2 successes -> 3, 3 more -> 4, 4 more -> 5, then capped
    expect(seen.slice(0, 10)).toEqual([2, 3, 3, 3, 4, 4, 4, 4, 5, 5]);
    expect(Math.max(...seen)).toBe(5);
  });

  it('neutral outcomes leave the window alone', async () => {
    const limiter = new AdaptiveLimiter({ max: 4, initial: 2 });
    for (let i = 0; i < 10; i++) {
      const [p] = await take(limiter, 1);
      limiter.release(p!, 'neutral');
    }
    expect(limiter.window).toBe(2);
  });

  it('waits out Retry-After before any new send, extending for a longer one', async () => {
    const { sleep, pending } = manualSleep();
    let now = 0;
    const limiter = new AdaptiveLimiter({ max: 4, sleep, now: () => now });
    const [a, b, c] = await take(limiter, 3);
    limiter.release(a!, 'throttled', 1000);
    expect(limiter.paused).toBe(true);
    let got = false;
    void limiter.acquire().then(() => (got = true));
    await flush();
    expect(got).toBe(false); // window is now 2 and 2 are in flight
    now = 100;
    limiter.release(b!, 'throttled', 500); // same burst: no decrease; ends at 600 < 1000: no extension
    expect(limiter.window).toBe(2);
    expect(pending.map((p) => p.ms)).toEqual([1000]);
    await flush();
    expect(got).toBe(false); // a slot is free, but sends are paused
    now = 200;
    limiter.release(c!, 'throttled', 2000); // ends at 2200: extends the pause
    expect(pending.map((p) => p.ms)).toEqual([1000, 2000]);
    pending[0]!.resolve();
    await flush();
    expect(got).toBe(false);
    pending[1]!.resolve();
    await flush();
    expect(got).toBe(true);
    expect(limiter.paused).toBe(false);
  });

  it('converges near a server cap (round-based simulation)', async () => {
    for (const cap of [2, 3, 5, 8]) {
      const limiter = new AdaptiveLimiter({ max: 16 });
      const windows: number[] = [];
      for (let round = 0; round < 200; round++) {
        const permits = await take(limiter, limiter.window);
        permits.forEach((p, i) => limiter.release(p, i < cap ? 'success' : 'throttled'));
        windows.push(limiter.window);
      }
      const tail = windows.slice(100);
      expect(Math.max(...tail)).toBeLessThanOrEqual(cap + 1);
      expect(Math.min(...tail)).toBeGreaterThanOrEqual(Math.max(1, Math.floor(cap / 2)));
      const mean = tail.reduce((s, w) => s + w, 0) / tail.length;
      expect(mean).toBeGreaterThanOrEqual(cap * 0.6);
    }
  });
});
