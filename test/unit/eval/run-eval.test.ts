import { describe, expect, it } from 'vitest';
import { GoogleApiError, NetworkError } from '../../../src/backends/errors.js';
import { runEval, type RunEvalOptions } from '../../../src/eval/run-eval.js';
import { createFakeServer, delay, mulberry32 } from './fake-server.js';
import type { EvalCase, ScorerName } from '../../../src/domain.js';
import { instantClock } from '../../helpers/virtual-clock.js';

/** q0..q(n-1); expected a<i>; every 10th case unscored, every 7th scored with `contains`. */
function makeCases(n: number): EvalCase[] {
  return Array.from({ length: n }, (_, i) => {
    const unscored = i % 10 === 9;
    const scorer: ScorerName = i % 7 === 0 ? 'contains' : 'exact';
    return {
      id: `case-${i}`,
      input: `q${i}`,
      expected: unscored ? null : `a${i}`,
      scorer: unscored ? null : scorer,
      line: i + 1,
    };
  });
}

function recordingLog() {
  const lines = { info: [] as string[], debug: [] as string[], warning: [] as string[] };
  return {
    lines,
    log: {
      info: (m: string) => lines.info.push(m),
      debug: (m: string) => lines.debug.push(m),
      warning: (m: string) => lines.warning.push(m),
    },
  };
}

const base = (over: Partial<RunEvalOptions> & Pick<RunEvalOptions, 'generate' | 'cases'>): RunEvalOptions => ({
  model: 'tuned',
  baselineModel: null,
  concurrency: 8,
  generationConfig: { temperature: 0 },
  baseBackoffMs: 2,
  maxBackoffMs: 20,
  ...over,
});

describe('runEval: fault-free', () => {
  it('scores every case, in case order, with baseline side by side', async () => {
    const cases = makeCases(40);
    const server = createFakeServer({ seed: 7 });
    const summary = await runEval(base({ cases, generate: server.generate, baselineModel: 'base' }));

    expect(summary.cases.map((c) => c.id)).toEqual(cases.map((c) => c.id));
    expect(summary.model).toBe('tuned');
    expect(summary.baselineModel).toBe('base');
    expect(summary.generationConfig).toEqual({ temperature: 0 });

    // tuned passes i % 3 !== 0; baseline passes even i; cases with i % 10 === 9 unscored.
    const scored = cases.map((_, i) => i).filter((i) => i % 10 !== 9);
    const tunedPass = scored.filter((i) => i % 3 !== 0);
    const basePass = scored.filter((i) => i % 2 === 0);
    expect(summary.unscored).toBe(4);
    expect(summary.passed).toBe(tunedPass.length);
    expect(summary.failed).toBe(scored.length - tunedPass.length);
    expect(summary.errors).toBe(0);
    expect(summary.passRate).toBeCloseTo(tunedPass.length / scored.length);
    expect(summary.baselinePassRate).toBeCloseTo(basePass.length / scored.length);
    expect(summary.regressions).toEqual(scored.filter((i) => i % 2 === 0 && i % 3 === 0).map((i) => `case-${i}`));
    expect(summary.improvements).toEqual(scored.filter((i) => i % 2 !== 0 && i % 3 !== 0).map((i) => `case-${i}`));

    const c1 = summary.cases[1]!;
    expect(c1).toEqual({
      id: 'case-1',
      input: 'q1',
      expected: 'a1',
      scorer: 'exact',
      output: 'a1',
      pass: true,
      error: null,
      reason: null,
      blocked: null,
      truncated: false,
      latencyMs: expect.any(Number),
      usage: null,
      baselineOutput: 'nope 1',
      baselinePass: false,
      baselineError: null,
      baselineReason: 'expected exactly "a1", got "nope 1"',
      baselineBlocked: null,
      baselineTruncated: false,
      passes: 1,
      runs: 1,
      errors: 0,
      flaky: false,
      baselinePasses: 0,
      baselineRuns: 1,
      baselineErrors: 0,
    });
    const unscored = summary.cases[19]!;
    expect(unscored.output).toBe('a19');
    expect(unscored.pass).toBeNull();
    expect(unscored.baselinePass).toBeNull();
    expect(unscored.scorer).toBeNull();
    // out-of-order completion actually happened
    expect(server.stats.completionOrder).not.toEqual(server.stats.sendOrder);
  });

  it('omits baseline fields when there is no baseline', async () => {
    const server = createFakeServer();
    const summary = await runEval(base({ cases: makeCases(3), generate: server.generate }));
    expect(summary.baselinePassRate).toBeNull();
    expect(summary.regressions).toEqual([]);
    for (const c of summary.cases) expect(c).not.toHaveProperty('baselineOutput');
  });

  it('empty and all-unscored sets have a null pass rate', async () => {
    const server = createFakeServer();
    const empty = await runEval(base({ cases: [], generate: server.generate }));
    expect(empty).toMatchObject({ passRate: null, passed: 0, failed: 0, errors: 0, unscored: 0, cases: [] });
    const unscoredCases = makeCases(3).map((c) => ({ ...c, expected: null, scorer: null }));
    const s = await runEval(base({ cases: unscoredCases, generate: server.generate, baselineModel: 'base' }));
    expect(s.passRate).toBeNull();
    expect(s.baselinePassRate).toBeNull();
    expect(s.unscored).toBe(3);
    expect(s.cases.map((c) => c.output)).toEqual(['wrong 0', 'a1', 'a2']);
  });

  it('uses exact when a case has expected but no scorer', async () => {
    const server = createFakeServer();
    const cases: EvalCase[] = [{ id: 'x', input: 'q1', expected: '  a1 ', scorer: null, line: 1 }];
    const s = await runEval(base({ cases, generate: server.generate }));
    expect(s.cases[0]).toMatchObject({ scorer: 'exact', pass: true });
  });

  it('never has more calls in flight than concurrency', async () => {
    for (const concurrency of [1, 3, 5]) {
      const server = createFakeServer({ seed: concurrency });
      await runEval(base({ cases: makeCases(60), generate: server.generate, baselineModel: 'base', concurrency }));
      expect(server.stats.peakClientInFlight).toBe(concurrency);
    }
  });
});

describe('runEval: under faults', () => {
  it('matches the fault-free run with a capped, flaky server', async () => {
    const cases = makeCases(150);
    const clean = await runEval(
      base({ cases, generate: createFakeServer({ seed: 3 }).generate, baselineModel: 'base' }),
    );

    const server = createFakeServer({
      cap: 3,
      retryAfterMs: 4,
      unavailableRate: 0.05,
      resetRate: 0.03,
      latencyMs: [1, 5],
      seed: 11,
    });
    const { log, lines } = recordingLog();
    const faulty = await runEval(
      base({
        cases,
        generate: server.generate,
        baselineModel: 'base',
        concurrency: 8,
        maxAttempts: 20,
        random: mulberry32(5),
        log,
      }),
    );

    // The same results, case by case (how long each answered call took differs, of course).
    const withoutLatency = (s: typeof clean) => ({
      ...s,
      latency: null,
      cases: s.cases.map((c) => ({ ...c, latencyMs: null })),
    });
    expect(withoutLatency(faulty)).toEqual(withoutLatency(clean));
    expect(faulty.errors).toBe(0);
    // the faults really happened
    expect(server.stats.throttled).toBeGreaterThan(0);
    expect(server.stats.unavailable).toBeGreaterThan(0);
    expect(server.stats.resets).toBeGreaterThan(0);
    expect(server.stats.peakClientInFlight).toBeLessThanOrEqual(8);
    expect(server.stats.completionOrder).not.toEqual(server.stats.sendOrder);
    // the window settles near the cap: few 429s, and the server is kept busy
    expect(server.stats.throttled / server.stats.calls).toBeLessThan(0.25);
    const accepted = server.stats.acceptedConcurrency.slice(server.stats.acceptedConcurrency.length / 2);
    const meanBusy = accepted.reduce((s, x) => s + x, 0) / accepted.length;
    expect(meanBusy).toBeGreaterThanOrEqual(1.5);
    const windows = lines.info.flatMap((l) => /window (\d+)\/8/.exec(l)?.[1] ?? []).map(Number);
    expect(windows.length).toBeGreaterThanOrEqual(5);
    for (const w of windows.slice(1)) expect(w).toBeLessThanOrEqual(4);
    // what it took is summed up once
    expect(lines.info.filter((l) => /^eval: \d+ call\(s\) answered 429 and \d+ failed/.test(l))).toHaveLength(1);
    expect(lines.info.join('\n')).toContain(`eval: ${server.stats.throttled} call(s) answered 429`);
    // retries are logged at debug
    expect(lines.debug.some((l) => /attempt 1\/20 failed: HTTP 429 RESOURCE_EXHAUSTED/.test(l))).toBe(true);
    expect(lines.debug.some((l) => /network error \(ECONNRESET\)/.test(l))).toBe(true);
  });

  it('logs progress about every 10%', async () => {
    const { log, lines } = recordingLog();
    await runEval(base({ cases: makeCases(100), generate: createFakeServer().generate, log }));
    const progress = lines.info.filter((l) => /cases done/.test(l));
    expect(progress.length).toBe(10);
    expect(progress[0]).toMatch(
      /^eval: 10\/100 cases done, \d+\/\d+ scored runs passing so far, concurrency window 8\/8$/,
    );
    expect(progress.at(-1)).toMatch(/100\/100 cases done/);
    expect(lines.info.at(-1)).toMatch(
      /pass rate \d+\.\d% \(95% interval \d+\.\d%–\d+\.\d%\): \d+\/90 scored runs; cases \d+ passed, \d+ failed, 0 errored, 10 unscored$/,
    );
  });

  it('does not retry non-retryable errors and counts them apart', async () => {
    const calls = new Map<string, number>();
    const generate = async (model: string, prompt: string): Promise<string> => {
      const key = `${model}:${prompt}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      if (model === 'tuned' && prompt === 'q1') throw new GoogleApiError('Invalid argument', 400, 'INVALID_ARGUMENT');
      if (model === 'tuned' && prompt === 'q2') throw new Error('boom');
      if (model === 'base') throw new GoogleApiError('Model not found', 404, 'NOT_FOUND');
      return prompt === 'q4' ? 'wrong' : `a${prompt.slice(1)}`;
    };
    const { log, lines } = recordingLog();
    const s = await runEval(base({ cases: makeCases(5), generate, baselineModel: 'base', log }));
    expect(calls.get('tuned:q1')).toBe(1);
    expect(calls.get('tuned:q2')).toBe(1);
    expect(calls.get('base:q0')).toBe(1);
    expect(s.cases[1]).toMatchObject({
      output: null,
      pass: null,
      error: 'HTTP 400 INVALID_ARGUMENT: Invalid argument',
      baselineError: 'HTTP 404 NOT_FOUND: Model not found',
      baselinePass: null,
    });
    expect(s.cases[2]!.error).toBe('Error: boom');
    // Errored runs are neither passes nor failures (v2.1 decision 18): 2 of the 3 answered cases passed;
    // the baseline answered nothing, so it has no pass rate.
    expect(s).toMatchObject({
      passed: 2,
      failed: 1,
      errors: 2,
      erroredCases: 2,
      unscored: 0,
      passRate: 2 / 3,
      baselinePassRate: null,
    });
    expect(s.cases[1]).toMatchObject({ passes: 0, runs: 0, errors: 1, baselineErrors: 1 });
    expect(s.regressions).toEqual([]);
    expect(s.improvements).toEqual([]); // baseline errored: not an improvement
    expect(lines.warning.some((l) => /case case-1 \(tuned\) errored: HTTP 400/.test(l))).toBe(true);
  });

  it('errors are neither passes nor failures: all errored, no pass rate, no regression (scored on one side only)', async () => {
    const generate = async (model: string, prompt: string): Promise<string> => {
      if (model === 'tuned') throw new GoogleApiError('Internal', 500, 'INTERNAL');
      return `a${prompt.slice(1)}`;
    };
    const s = await runEval(
      base({ cases: makeCases(3), generate, baselineModel: 'base', maxAttempts: 2, clock: instantClock() }),
    );
    expect(s).toMatchObject({ passed: 0, failed: 0, errors: 3, erroredCases: 3, passRate: null, baselinePassRate: 1 });
    expect(s.passRateInterval).toBeNull();
    expect(s.regressions).toEqual([]);
    expect(s.comparison).toMatchObject({ regressions: [], improvements: [], pValue: 1, significant: false });
    for (const c of s.cases) expect(c.pass).toBeNull();
  });

  it('gives up after maxAttempts on a retryable error', async () => {
    let calls = 0;
    const generate = async (): Promise<string> => {
      calls++;
      throw new GoogleApiError('Unavailable', 503, 'UNAVAILABLE');
    };
    const s = await runEval(base({ cases: makeCases(1), generate, maxAttempts: 3, clock: instantClock() }));
    expect(calls).toBe(3);
    expect(s.cases[0]!.error).toBe('HTTP 503 UNAVAILABLE: Unavailable (gave up after 3 attempts)');
    expect(s.errors).toBe(1);
    expect(s.passRate).toBeNull();
  });

  it('backs off exponentially with full jitter', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const generate = async (): Promise<string> => {
      if (++calls <= 4) throw new NetworkError('reset', 'ECONNRESET');
      return 'a0';
    };
    const s = await runEval(
      base({
        cases: makeCases(1),
        generate,
        baseBackoffMs: 100,
        maxBackoffMs: 500,
        random: () => 0.5,
        clock: instantClock(sleeps),
      }),
    );
    expect(s.cases[0]!.pass).toBe(true);
    expect(sleeps).toEqual([50, 100, 200, 250]);
  });

  it('honours Retry-After on a 429', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const generate = async (): Promise<string> => {
      if (++calls === 1) throw new GoogleApiError('Slow down', 429, 'RESOURCE_EXHAUSTED', 1234);
      return 'a0';
    };
    const s = await runEval(base({ cases: makeCases(1), generate, random: () => 0.99, clock: instantClock(sleeps) }));
    expect(s.cases[0]!.pass).toBe(true);
    expect(calls).toBe(2);
    // once for the shared pause, once for this request's own wait
    expect(sleeps).toEqual([1234, 1234]);
  });

  it('a 429 without Retry-After backs off like a 5xx', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const generate = async (): Promise<string> => {
      if (++calls === 1) throw new GoogleApiError('Slow down', 429, 'RESOURCE_EXHAUSTED');
      return 'a0';
    };
    await runEval(
      base({
        cases: makeCases(1),
        generate,
        baseBackoffMs: 100,
        maxBackoffMs: 1000,
        random: () => 0.25,
        clock: instantClock(sleeps),
      }),
    );
    expect(sleeps).toEqual([25]);
  });

  it('does not wait for an absurd Retry-After', async () => {
    let calls = 0;
    const generate = async (): Promise<string> => {
      calls++;
      throw new GoogleApiError('Quota exceeded', 429, 'RESOURCE_EXHAUSTED', 3_600_000);
    };
    const sleeps: number[] = [];
    const s = await runEval(base({ cases: makeCases(3), generate, concurrency: 1, clock: instantClock(sleeps) }));
    expect(calls).toBe(3);
    expect(s.cases[0]!.error).toMatch(
      /^HTTP 429 RESOURCE_EXHAUSTED: Quota exceeded \(server asked to retry after 3600 s; not waiting\)$/,
    );
    expect(s.errors).toBe(3);
    // nor does it pause the other cases for it: they fail fast the same way
    expect(sleeps).toEqual([]);
  });

  it('times out a hanging call via its signal and retries it', async () => {
    let calls = 0;
    const aborted: unknown[] = [];
    const generate = async (_m: string, prompt: string, signal: AbortSignal): Promise<string> => {
      calls++;
      if (calls === 1) {
        await delay(60_000, signal).catch((e: unknown) => {
          aborted.push(e);
          throw e;
        });
      }
      return `a${prompt.slice(1)}`;
    };
    const started = Date.now();
    const s = await runEval(base({ cases: makeCases(1), generate, timeoutMs: 20, clock: instantClock() }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(calls).toBe(2);
    expect(aborted).toHaveLength(1);
    expect(String((aborted[0] as Error).message)).toMatch(/timed out after 20 ms/);
    expect(s.cases[0]).toMatchObject({ output: 'a0', pass: true, error: null });
  });

  it('whatever an aborted call rejects with, it counts as a timeout', async () => {
    let calls = 0;
    const generate = (_m: string, _p: string, signal: AbortSignal): Promise<string> => {
      if (++calls > 1) return Promise.resolve('a0');
      return new Promise<string>((_, reject) => {
        signal.addEventListener('abort', () => reject(new NetworkError('The operation was aborted', 'ABORT_ERR')));
      });
    };
    const { log, lines } = recordingLog();
    const s = await runEval(base({ cases: makeCases(1), generate, timeoutMs: 10, clock: instantClock(), log }));
    expect(s.cases[0]).toMatchObject({ output: 'a0', pass: true });
    expect(lines.debug.some((l) => /attempt 1\/6 failed: timed out after 10 ms/.test(l))).toBe(true);
  });

  it('an output that is not a string is an error, not retried', async () => {
    let calls = 0;
    const generate = (async () => {
      calls++;
      return undefined;
    }) as unknown as RunEvalOptions['generate'];
    const s = await runEval(base({ cases: makeCases(1), generate }));
    expect(calls).toBe(1);
    expect(s.cases[0]!.error).toBe('GenerateContractError: generate returned undefined, not a string or an answer');
  });

  it('survives a generate that ignores the signal', async () => {
    const generate = (): Promise<string> => new Promise<string>(() => {});
    const started = Date.now();
    const s = await runEval(
      base({ cases: makeCases(2), generate, timeoutMs: 10, maxAttempts: 2, clock: instantClock() }),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s.cases.map((c) => c.error)).toEqual([
      'timed out after 10 ms (gave up after 2 attempts)',
      'timed out after 10 ms (gave up after 2 attempts)',
    ]);
    expect(s.errors).toBe(2);
  });

  it('a timed-out call keeps its slot until it settles, so in-flight stays capped', async () => {
    let inFlight = 0;
    let peak = 0;
    let calls = 0;
    const generate = async (_m: string, prompt: string): Promise<string> => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        // the first call ignores the signal and runs past its timeout (but within the grace period)
        await delay(++calls === 1 ? 45 : 2);
        return `a${prompt.slice(1)}`;
      } finally {
        inFlight--;
      }
    };
    const s = await runEval(
      base({ cases: makeCases(6), generate, concurrency: 2, timeoutMs: 30, clock: instantClock() }),
    );
    expect(peak).toBeLessThanOrEqual(2);
    expect(s.errors).toBe(0);
  });

  it('a catastrophic regex case is an error (not scored) with a reason, and does not stall the run', async () => {
    const cases: EvalCase[] = [
      { id: 'evil', input: 'q0', expected: '^(a+)+$', scorer: 'regex', line: 1 },
      { id: 'ok', input: 'q1', expected: '/^A\\d$/i', scorer: 'regex', line: 2 },
    ];
    const generate = async (_m: string, prompt: string): Promise<string> =>
      prompt === 'q0' ? 'a'.repeat(40) + 'b' : 'a1';
    const { log, lines } = recordingLog();
    // 300 ms: small enough to keep the test quick, large enough for a trivial match on a busy machine
    const s = await runEval(base({ cases, generate, log, regexLimits: { matchMs: 300 } }));
    expect(s.cases.map((c) => c.pass)).toEqual([null, true]);
    expect(s.cases[0]!.output).toBe('a'.repeat(40) + 'b');
    expect(s).toMatchObject({ passed: 1, failed: 0, errors: 1 });
    expect(lines.warning.some((l) => /case evil \(tuned\) errored: regex .* timed out after 300 ms/.test(l))).toBe(
      true,
    );
  });
});
