import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../helpers/virtual-clock.js';

describe('VirtualClock (the tests’ clock)', () => {
  it('moves time on to the earliest sleeper at once, in order', async () => {
    const clock = new VirtualClock(0);
    const woke: string[] = [];
    const started = Date.now();
    await Promise.all([
      clock.sleep(60_000).then(() => woke.push(`a@${Math.round(clock.now() / 1000)}`)),
      clock.sleep(3_600_000).then(() => woke.push(`b@${Math.round(clock.now() / 1000)}`)),
    ]);
    expect(woke).toEqual(['a@60', 'b@3600']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fires a timeout once time reaches it, but never jumps to one', async () => {
    const clock = new VirtualClock(0);
    const signal = clock.timeout(10_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(signal.aborted).toBe(false); // nothing slept: time did not jump to the timeout
    await clock.sleep(10_000);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('wakes a sleeper whose signal fires without moving time', async () => {
    const clock = new VirtualClock(0);
    const stop = new AbortController();
    const sleeping = clock.sleep(60_000, stop.signal);
    stop.abort();
    await sleeping;
    expect(clock.now()).toBeLessThan(1000);
  });
});
