/**
 * The real run() in process, on a virtual clock shared with the emulator, with the emulator
 * answering 429 (Retry-After: 1 s) to every third generateContent call: every case still gets a
 * result, the same as without the 429s, none of them is an error, and every refused call waited
 * the Retry-After it was given (on the virtual clock: `clock.slept` is every wait the run asked for).
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { geminiRun } from '../helpers/harness.js';
import { runMain } from '../helpers/in-process.js';
import type { RunnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** Polls, training steps and the Retry-After pauses on virtual time. */
const clock = new VirtualClock();

const API_KEY = 'integration-eval-429-key-0123456789';
const RETRY_AFTER_MS = 1_000;
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 5 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu?.close();
  await gh?.close();
});

interface CaseResult {
  id: string;
  output: string | null;
  pass: boolean | null;
  error: string | null;
  reason?: string | null;
  baselineOutput?: string | null;
  baselinePass?: boolean | null;
  baselineError?: string | null;
}

interface Run {
  runner: RunnerEnv;
  stdout: string;
  /** Every sleep the run asked for, in ms. */
  slept: number[];
  /** How long the run took on the virtual clock, ms. */
  virtualMs: number;
}

const run = async (): Promise<Run> => {
  const runner = geminiRun(
    { emu, gh, apiKey: API_KEY },
    {
      'training-data': 'test/fixtures/eval/train.jsonl',
      'eval-data': 'test/fixtures/eval/eval.jsonl',
      'eval-baseline': 'base',
      'eval-concurrency': '4',
    },
    { event: 'push' },
  );
  const sleeps = clock.slept.length;
  const startedAt = clock.now();
  const r = await runMain(runner, { clock });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return { runner, stdout: r.stdout, slept: clock.slept.slice(sleeps), virtualMs: clock.now() - startedAt };
};

const verdicts = (cases: CaseResult[]) =>
  cases.map((c) => ({
    id: c.id,
    output: c.output,
    pass: c.pass,
    error: c.error,
    reason: c.reason ?? null,
    baselineOutput: c.baselineOutput,
    baselinePass: c.baselinePass,
    baselineError: c.baselineError,
  }));

describe('eval under 429s (in process, virtual clock)', () => {
  it('gives every case the result it gets without the 429s', async () => {
    emu.reset();
    emu.configure({ training: { stepMs: 5, outcome: 'ACTIVE' } });
    const clean = await run();
    const cleanReport = JSON.parse(readFileSync(clean.runner.outputs()['report-path']!, 'utf8'));
    const calls = (): typeof emu.requests => emu.requests.filter((r) => r.path.includes(':generateContent'));
    expect(calls().every((r) => r.status === 200)).toBe(true);
    const cleanCalls = calls().length;
    expect(cleanCalls).toBe(28); // 14 cases, tuned and base

    emu.requests.length = 0;
    emu.faults.add({
      kind: 'status',
      status: 429,
      retryAfterSeconds: RETRY_AFTER_MS / 1000,
      path: ':generateContent',
      every: 3,
    });
    const faulty = await run();
    const report = JSON.parse(readFileSync(faulty.runner.outputs()['report-path']!, 'utf8'));
    expect(report.cacheHit).toBe(true);
    expect(report.tunedModel).toBe(cleanReport.tunedModel);

    // the 429s happened, with Retry-After, and every refused call was made again
    const throttled = calls().filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(Math.floor(cleanCalls / 3));
    expect(calls().filter((r) => r.status === 200)).toHaveLength(cleanCalls);
    // ... after waiting the Retry-After it was given: at least one wait of exactly Retry-After per
    // refused call (any more are the window's shared pauses, Retry-After too), and nothing else
    // (a cache hit does not poll; no shorter backoff in place of the server's Retry-After).
    expect(faulty.slept.filter((ms) => ms === RETRY_AFTER_MS).length).toBeGreaterThanOrEqual(throttled.length);
    expect(faulty.slept.every((ms) => ms === RETRY_AFTER_MS)).toBe(true);
    expect(faulty.virtualMs).toBeGreaterThanOrEqual(RETRY_AFTER_MS);

    // the same results, case by case, and no errors from the 429s (the catastrophic regex case is an
    // error in both runs: past its time limit, it is not scored)
    expect(report.eval.errors).toBe(1);
    expect(cleanReport.eval.errors).toBe(1);
    expect(verdicts(report.eval.cases)).toEqual(verdicts(cleanReport.eval.cases));
    expect(report.eval.passRate).toBe(cleanReport.eval.passRate);
    expect(report.eval.baselinePassRate).toBe(cleanReport.eval.baselinePassRate);
    expect(report.eval.regressions).toEqual(cleanReport.eval.regressions);
    expect(report.eval.improvements).toEqual(cleanReport.eval.improvements);
    expect(faulty.runner.outputs()['pass-rate']).toBe(clean.runner.outputs()['pass-rate']);
    const callErrors = (c: CaseResult): boolean =>
      [c.error, c.baselineError].some((e) => e !== null && e !== undefined && !/^regex /.test(e));
    expect(report.eval.cases.filter(callErrors)).toEqual([]);
    expect(faulty.stdout).toContain(`eval: ${throttled.length} call(s) answered 429 and 0 failed`);
    expect(clean.stdout).not.toContain('answered 429');
    // retries are not warnings: the log stays quiet about recovered 429s
    expect(faulty.stdout).not.toMatch(/::warning::eval: case .* errored: (?!regex )/);
  });
});
