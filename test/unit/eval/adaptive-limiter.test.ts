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

  it('lowers the window to the calls still in flight: one event for a whole burst', async () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const permits = await take(limiter, 8);
    // A server capped at 5 refuses the last 3 at once, while it serves the first 5.
    for (const p of permits.slice(5)) limiter.release(p, 'throttled');
    expect(limiter.window).toBe(5);
    expect(limiter.inFlight).toBe(5);
    expect(limiter.decreases).toBe(1);
    expect(limiter.paused).toBe(false); // the server is busy, not closed
  });

  it('a 429 from before the last event lowers to in-flight without counting; one sent after is a new event', async () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const permits = await take(limiter, 8);
    limiter.release(permits[7]!, 'throttled'); // new event: 8 -> 7 in flight
    expect(limiter.window).toBe(7);
    limiter.release(permits[0]!, 'success');
    limiter.release(permits[1]!, 'success');
    const [late] = await take(limiter, 1); // sent after the event began
    limiter.release(permits[6]!, 'throttled'); // old burst: down to the 5 still in flight, same event
    expect(limiter.window).toBe(5);
    expect(limiter.decreases).toBe(1);
    limiter.release(late!, 'throttled'); // new event
    expect(limiter.window).toBe(4);
    expect(limiter.decreases).toBe(2);
  });

  it('refuse-all: a 429 with nothing else in flight drops to 1 and pauses every send for Retry-After', async () => {
    const { sleep, pending } = manualSleep();
    const limiter = new AdaptiveLimiter({ max: 4, sleep, now: () => 0 });
    const [a, b] = await take(limiter, 2);
    limiter.release(a!, 'throttled', 1000); // b still in flight: no pause
    expect(limiter.paused).toBe(false);
    expect(limiter.window).toBe(1);
    limiter.release(b!, 'throttled', 1000); // nothing in flight: the server refuses everything
    expect(limiter.window).toBe(1);
    expect(limiter.paused).toBe(true);
    let got = false;
    void limiter.acquire().then(() => (got = true));
    await flush();
    expect(got).toBe(false); // a slot is free, but sends are paused
    expect(pending.map((p) => p.ms)).toEqual([1000]);
    pending[0]!.resolve();
    await flush();
    expect(got).toBe(true);
    expect(limiter.paused).toBe(false);
  });

  it('a longer Retry-After during a pause extends it, a shorter one does not', async () => {
    const { sleep, pending } = manualSleep();
    let now = 0;
    const limiter = new AdaptiveLimiter({ max: 4, sleep, now: () => now });
    const [a] = await take(limiter, 1);
    limiter.release(a!, 'throttled', 1000);
    const got: number[] = [];
    // a retry that was sent before the pause (front of the queue) comes back refused as well
    const waiting = [limiter.acquire(), limiter.acquire()];
    waiting.forEach((w, i) => void w.then(() => got.push(i)));
    now = 100;
    expect(pending.map((p) => p.ms)).toEqual([1000]);
    pending[0]!.resolve();
    await flush();
    expect(got).toEqual([0]);
    const b = await waiting[0]!;
    limiter.release(b, 'throttled', 500);
    now = 200;
    expect(pending.map((p) => p.ms)).toEqual([1000, 500]);
    expect(got).toEqual([0]);
    pending[1]!.resolve();
    await flush();
    expect(got).toEqual([0, 1]);
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

  it('does not grow on neutral outcomes, nor stop growing below a known ceiling', async () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const permits = await take(limiter, 8);
    for (const p of permits.slice(3)) limiter.release(p, 'throttled'); // cap 3
    expect(limiter.window).toBe(3);
    for (const p of permits.slice(0, 3)) limiter.release(p, 'neutral');
    expect(limiter.window).toBe(3);
  });
});

/**
 * Virtual-time replay of how runEval drives the limiter (a refused call waits its Retry-After,
 * then retries at the head of the queue) against a server that answers 429 to any call over
 * `cap(now)` at once and serves the others in `latencyMs`.
 */
async function simulate(opts: {
  jobs: number;
  max: number;
  cap: (now: number) => number;
  latencyMs?: number;
  retryAfterMs?: number;
}): Promise<{ elapsed: number; throttled: number; windows: Array<{ at: number; window: number }> }> {
  const latency = opts.latencyMs ?? 100;
  const retryAfter = opts.retryAfterMs ?? 1000;
  let now = 0;
  let timerSeq = 0;
  const timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => timers.push({ at: now + ms, seq: timerSeq++, resolve }));
  const windows: Array<{ at: number; window: number }> = [{ at: 0, window: opts.max }];
  const limiter = new AdaptiveLimiter({
    max: opts.max,
    sleep,
    now: () => now,
    onWindowChange: (window) => windows.push({ at: now, window }),
  });
  let serving = 0;
  let throttled = 0;
  const job = async (): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const permit = await limiter.acquire({ front: attempt > 1 });
      if (serving >= opts.cap(now)) {
        throttled++;
        limiter.release(permit, 'throttled', retryAfter);
        await sleep(retryAfter);
        continue;
      }
      serving++;
      await sleep(latency);
      serving--;
      limiter.release(permit, 'success');
      return;
    }
  };
  let done = false;
  void Promise.all(Array.from({ length: opts.jobs }, job)).then(() => (done = true));
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (done) break;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (!next) throw new Error('simulation stalled');
    now = next.at;
    next.resolve();
  }
  return { elapsed: now, throttled, windows };
}

describe('AdaptiveLimiter against a capped server (virtual time)', () => {
  it.each([1, 2, 3, 4, 8, 16])('finds a cap of %i from 32 and stays close to the ideal time', async (cap) => {
    const jobs = 500;
    const r = await simulate({ jobs, max: 32, cap: () => cap });
    const ideal = Math.ceil(jobs / cap) * 100;
    expect(r.elapsed).toBeLessThanOrEqual(ideal * 1.1);
    // the first burst, then a few probes (each one after twice as many successes)
    expect(r.throttled).toBeLessThanOrEqual(32 - cap + 12);
    expect(r.windows.at(-1)!.window).toBeLessThanOrEqual(cap + 1);
  });

  it('halving would not: the window keeps to the cap instead of sawing between cap/2 and cap+1', async () => {
    const r = await simulate({ jobs: 400, max: 32, cap: () => 8 });
    const after = r.windows.filter((w) => w.at > 0);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.min(...after.map((w) => w.window))).toBeGreaterThanOrEqual(7);
  });

  it('follows a cap that rises, once it has been seen to', async () => {
    const r = await simulate({ jobs: 2000, max: 32, cap: (now) => (now < 2000 ? 4 : 12) });
    expect(Math.max(...r.windows.filter((w) => w.at > 0 && w.at < 2000).map((w) => w.window))).toBeLessThanOrEqual(5);
    expect(r.windows.at(-1)!.window).toBeGreaterThanOrEqual(11);
  });

  it('a server refusing everything for a while gets one 429 per call in flight, then nothing until Retry-After', async () => {
    const r = await simulate({ jobs: 200, max: 16, cap: (now) => (now < 3000 ? 0 : 8), retryAfterMs: 1000 });
    // 16 refused at t=0, then each pause lets one call through to be refused: about one a second
    expect(r.throttled).toBeLessThanOrEqual(16 + 3 + 16);
    expect(r.elapsed).toBeGreaterThan(3000);
  });
});
