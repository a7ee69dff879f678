import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../../../src/backends/errors.js';
import { nextDelay, waitForJob } from '../../../src/job/wait.js';
import type { JobStatus } from '../../../src/domain.js';

const EPOCH = Date.parse('2026-11-22T06:00:00Z');

function status(
  steps: number,
  total: number,
  state: JobStatus['state'] = 'CREATING',
  stepMs: number | null = null,
  startedAt = 0,
): JobStatus {
  return {
    job: 'tunedModels/m/operations/o',
    state,
    tunedModel: 'tunedModels/m',
    endpoint: 'tunedModels/m',
    completedPercent: (steps / total) * 100,
    completedSteps: steps,
    totalSteps: total,
    // Like the service: a snapshot per finished step, stamped with its compute time (server clock).
    snapshots:
      stepMs === null
        ? []
        : Array.from({ length: steps }, (_, i) => ({
            step: i + 1,
            epoch: 1,
            meanLoss: 1 / (i + 1),
            computeTime: new Date(EPOCH + startedAt + (i + 1) * stepMs).toISOString(),
          })),
    error: null,
    hyperparameters: null,
  };
}

/**
 * A job that advances with a fake clock: `total` steps of `stepMs` each. It was created
 * `startedAt` ms before the wait begins (the create call and the first comment take time).
 */
function simulatedJob(
  total: number,
  stepMs: number,
  opts: { failPolls?: Set<number>; timedSnapshots?: boolean; startedAt?: number } = {},
) {
  const offset = opts.startedAt ?? -137;
  let clock = 0;
  let polls = 0;
  const doneAt = total * stepMs;
  let observedAt: number | null = null;
  const poll = async (): Promise<JobStatus> => {
    polls++;
    if (opts.failPolls?.has(polls)) throw new GoogleApiError('busy', 503, 'UNAVAILABLE', 3000);
    const steps = Math.min(total, Math.floor((clock - offset) / stepMs));
    const s = status(
      steps,
      total,
      clock - offset >= doneAt ? 'ACTIVE' : 'CREATING',
      opts.timedSnapshots === false ? null : stepMs,
      offset,
    );
    if (s.state === 'ACTIVE' && observedAt === null) observedAt = clock;
    return s;
  };
  const now = (): number => clock;
  return {
    poll,
    now,
    /** Simulated time: a sleep moves it on at once; the poll's deadline signal never fires by itself. */
    clock: {
      now,
      sleep: async (ms: number) => {
        clock += ms;
      },
      timeout: () => new AbortController().signal,
    },
    get polls() {
      return polls;
    },
    latency: () => (observedAt === null ? null : observedAt - offset - doneAt),
  };
}

describe('nextDelay', () => {
  const opts = { minIntervalMs: 400, maxIntervalMs: 60_000, firstIntervalMs: 2000, overdueSince: null };
  it('backs off geometrically while there is no progress', () => {
    expect(nextDelay([{ at: 0, steps: 0 }], 0, opts)).toBe(2000);
    expect(
      nextDelay(
        [
          { at: 0, steps: 0 },
          { at: 2000, steps: 0 },
        ],
        2000,
        opts,
      ),
    ).toBe(3200);
  });
  it('aims just past the predicted end', () => {
    // 20% done after 2 s: 8 s left.
    const d = nextDelay(
      [
        { at: 0, steps: 0 },
        { at: 2000, steps: 0.2 },
      ],
      2000,
      opts,
    );
    expect(d).toBeGreaterThan(8000);
    expect(d).toBeLessThan(8600);
  });
  it('never waits longer than the maximum interval', () => {
    expect(
      nextDelay(
        [
          { at: 0, steps: 0 },
          { at: 60_000, steps: 0.01 },
        ],
        60_000,
        opts,
      ),
    ).toBe(60_000);
  });
});

describe('waitForJob', () => {
  it.each([-137, -20, -480, 0])(
    'notices the end of a 10 s job within 1 s using fewer polls than a fixed 5 s loop (created %i ms before)',
    async (startedAt) => {
      const job = simulatedJob(19, 526, { startedAt });
      const r = await waitForJob({
        initial: status(0, 19),
        poll: job.poll,
        deadline: 60_000,
        clock: job.clock,
      });
      expect(r.status.state).toBe('ACTIVE');
      expect(r.timedOut).toBe(false);
      expect(job.latency()).not.toBeNull();
      expect(job.latency()!).toBeLessThanOrEqual(1000);
      // A fixed loop that polls, then sleeps 5 s, polls at 0, 5 and 10 s: 3 polls.
      expect(r.polls).toBeLessThan(3);
    },
  );

  it('estimates from progress alone when snapshots carry no times, erring late rather than early', async () => {
    const job = simulatedJob(19, 526, { timedSnapshots: false });
    const r = await waitForJob({
      initial: status(0, 19),
      poll: job.poll,
      deadline: 60_000,
      clock: job.clock,
    });
    expect(r.status.state).toBe('ACTIVE');
    expect(r.polls).toBeLessThanOrEqual(3);
    expect(job.latency()!).toBeLessThanOrEqual(2000);
  });

  it('follows a long job with at most one poll a minute, then lands near its end', async () => {
    const job = simulatedJob(600, 1000); // 10 minutes
    const r = await waitForJob({
      initial: status(0, 600),
      poll: job.poll,
      deadline: 3_600_000,
      clock: job.clock,
    });
    expect(r.status.state).toBe('ACTIVE');
    expect(r.polls).toBeLessThanOrEqual(12);
    expect(job.latency()!).toBeLessThanOrEqual(1500);
  });

  it('stops at the deadline without sleeping past it', async () => {
    const job = simulatedJob(1000, 1000);
    const r = await waitForJob({
      initial: status(0, 1000),
      poll: job.poll,
      deadline: 30_000,
      clock: job.clock,
    });
    expect(r.timedOut).toBe(true);
    expect(job.now()).toBe(30_000);
    expect(r.status.state).toBe('CREATING');
  });

  it('rides out transient errors, waiting at least the Retry-After', async () => {
    const job = simulatedJob(10, 1000, { failPolls: new Set([1, 2]) });
    const waits: number[] = [];
    const r = await waitForJob({
      initial: status(0, 10),
      poll: job.poll,
      deadline: 120_000,
      clock: job.clock,
      onTransientError: (_e, ms) => waits.push(ms),
    });
    expect(r.status.state).toBe('ACTIVE');
    expect(waits).toHaveLength(2);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(3000);
  });

  it('propagates errors that retrying cannot fix', async () => {
    await expect(
      waitForJob({
        initial: status(0, 10),
        poll: async () => {
          throw new GoogleApiError('gone', 404, 'NOT_FOUND');
        },
        deadline: 60_000,
        clock: { now: () => 0, sleep: async () => {}, timeout: () => new AbortController().signal },
      }),
    ).rejects.toThrow('gone');
  });

  it('returns at once for a job that already ended', async () => {
    const r = await waitForJob({
      initial: status(10, 10, 'FAILED'),
      poll: () => Promise.reject(new Error('no')),
      deadline: 1,
    });
    expect(r).toMatchObject({ polls: 0, timedOut: false, status: { state: 'FAILED' } });
  });

  it('gives a poll stuck in its own retries a signal that fires at the deadline, then reports a timeout', async () => {
    const seen: AbortSignal[] = [];
    const r = await waitForJob({
      initial: status(0, 10),
      deadline: Date.now() + 300,
      firstIntervalMs: 10,
      minIntervalMs: 10,
      poll: (signal) => {
        seen.push(signal);
        // Like GoogleHttp retrying a persistent 503: it ends only when the signal fires.
        return new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new GoogleApiError('busy', 503, 'UNAVAILABLE'))),
        );
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.aborted).toBe(true);
    expect(r).toMatchObject({ timedOut: true, polls: 1, status: { state: 'CREATING' } });
  });
});
