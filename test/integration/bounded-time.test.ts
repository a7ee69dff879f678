/**
 * Bounded time (issue 12, items 13 and 14), the real run() in process on a virtual clock shared
 * with the emulator:
 * - `timeout-minutes` bounds the whole run: a Google call that never answers (upload, create,
 *   generateContent, poll) is abandoned at the time limit, on both backends, and the run ends as
 *   a timeout (exit 1) with its report written;
 * - a GitHub API that never answers costs at most 30 s per call (virtual), never fails the run,
 *   and the "started" comment does not hold polling up; the final comment still lands after it.
 * While a call hangs nothing sleeps, so the test moves virtual time on itself (`clock.advance`);
 * no test waits for a timeout in real time.
 */

import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/util/clock.js';
import { startEmulator, startGitHubFake, type Emulator, type FaultRule, type GitHubFake } from '../emulator/index.js';
import { GITHUB_TOKEN, geminiRun } from '../helpers/harness.js';
import { runMain, type InProcessResult } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();
const API_KEY = 'integration-bounded-time-key-0123456789';
const PROJECT = 'bounded-time-proj';
const REAL_LIMIT_MS = 10_000;

let emu: Emulator;
let gh: GitHubFake;
let credentials: string;

beforeAll(async () => {
  emu = await startEmulator({
    now: clock.now,
    apiKeys: [API_KEY],
    training: { tunable: true, stepMs: 10 },
    vertex: { stepMs: 10 },
  });
  gh = await startGitHubFake();
  credentials = externalAccountFile(emu.url, PROJECT);
});
afterAll(async () => {
  await emu?.close();
  await gh?.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 10, outcome: 'ACTIVE' }, vertex: { stepMs: 10, outcome: 'SUCCEEDED' } });
});

type Backend = 'gemini-api' | 'vertex-ai';

function action(backend: Backend, inputs: Record<string, string>, n: number, event = 'push'): RunnerEnv {
  if (backend === 'gemini-api') {
    return geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'comment-key': `bounded-${n}`, ...inputs },
      { event, prNumber: 700 + n },
    );
  }
  return runnerEnv({
    inputs: {
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': 'gs://bounded-staging/runs',
      'api-endpoint': emu.url,
      'training-data': 'examples/number-generator/train.jsonl',
      'eval-data': 'examples/number-generator/eval.jsonl',
      'github-token': GITHUB_TOKEN,
      'comment-key': `bounded-${n}`,
      ...inputs,
    },
    event,
    prNumber: 700 + n,
    githubApiUrl: gh.url,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
  });
}

interface Timed {
  main: InProcessResult;
  /** Virtual ms the run took. */
  virtualMs: number;
  realMs: number;
}

/**
 * Runs the main step, moving virtual time on (1 s every 10 ms of real time) while `hanging()`
 * says a call is held unanswered (code that never gave it up would never end: the test fails).
 */
async function runMoving(runner: RunnerEnv, hanging: () => boolean, runClock: Clock = clock): Promise<Timed> {
  const t0 = clock.now();
  const r0 = performance.now();
  const timer = setInterval(() => {
    if (hanging()) clock.advance(1000);
  }, 10);
  try {
    const main = await runMain(runner, { clock: runClock });
    return { main, virtualMs: clock.now() - t0, realMs: performance.now() - r0 };
  } finally {
    clearInterval(timer);
  }
}

/** A recorded request's path without its query, as the fault rules see it. */
const bare = (path: string): string => (path.split('?')[0] ?? '').replace(/%3A/gi, ':');

/** A request the emulator holds unanswered (a hang fault; status 0 until the client gives up). */
const heldBy = (method: string, path: RegExp) => (): boolean =>
  emu.requests.some((r) => r.method === method && r.status === 0 && path.test(bare(r.path)));

function report(runner: RunnerEnv): Record<string, unknown> {
  const path = runner.outputs()['report-path'];
  expect(path, 'report-path output').toBeTruthy();
  expect(existsSync(path!)).toBe(true);
  return JSON.parse(readFileSync(path!, 'utf8')) as Record<string, unknown>;
}

const GENERATE = /:generateContent$/;
const CASES: {
  name: string;
  backend: Backend;
  fault: FaultRule & { method: string; path: RegExp };
  minutes: number;
  state: 'FAILED' | 'ACTIVE' | 'CREATING';
  /** What the report's error says. */
  error: RegExp;
  jobs: number;
  evalData?: boolean;
}[] = [
  {
    name: 'a hanging tunedModels.create (Gemini API)',
    backend: 'gemini-api',
    fault: { method: 'POST', path: /\/tunedModels$/, kind: 'hang' },
    minutes: 0.2,
    state: 'FAILED',
    error:
      /timed out after 0\.2 minutes \(timeout-minutes\) during the create, before a tuning job was confirmed \(tunedModels\.create was abandoned/,
    jobs: 0,
  },
  {
    name: 'a hanging upload to Cloud Storage (Vertex AI)',
    backend: 'vertex-ai',
    fault: { method: 'PUT', path: /^\/upload\/storage\//, kind: 'hang' },
    minutes: 0.2,
    state: 'FAILED',
    error:
      /timed out after 0\.2 minutes \(timeout-minutes\) during the create, before a tuning job was confirmed \(PUT \(Cloud Storage upload\) was abandoned/,
    jobs: 0,
  },
  {
    name: 'a hanging tuningJobs.create (Vertex AI)',
    backend: 'vertex-ai',
    fault: { method: 'POST', path: /\/tuningJobs$/, kind: 'hang' },
    minutes: 0.2,
    state: 'FAILED',
    // The job, if the service made it after all, is found by this run's label: named in the error and the log.
    error:
      /during the create, before a tuning job was confirmed \(tuningJobs\.create was abandoned.*it is a tuning job labelled gemini_tune_run=1658821493-1$/,
    jobs: 0,
  },
  {
    name: 'a hanging poll (Gemini API): the job is left running with a resume hint',
    backend: 'gemini-api',
    fault: { method: 'GET', path: /\/operations\//, kind: 'hang' },
    minutes: 0.2,
    state: 'CREATING',
    error: /timed out after 0\.2 minutes; the job is still running/,
    jobs: 1,
  },
  {
    name: 'a hanging generateContent in the eval (Gemini API)',
    backend: 'gemini-api',
    fault: { method: 'POST', path: GENERATE, kind: 'hang' },
    minutes: 0.5,
    state: 'ACTIVE',
    error:
      /timed out after 0\.5 minutes \(timeout-minutes\) during the eval: tunedModels\/\S+ is ready, but the eval did not finish/,
    jobs: 1,
    evalData: true,
  },
  {
    name: 'a hanging generateContent in the eval (Vertex AI)',
    backend: 'vertex-ai',
    fault: { method: 'POST', path: GENERATE, kind: 'hang' },
    minutes: 0.5,
    state: 'ACTIVE',
    error:
      /timed out after 0\.5 minutes \(timeout-minutes\) during the eval: projects\/\S+ is ready, but the eval did not finish/,
    jobs: 1,
    evalData: true,
  },
];

describe('timeout-minutes bounds the whole run (a Google call that never answers)', () => {
  CASES.forEach((c, i) => {
    it(`${c.name}: ends at the time limit as a timeout, report written`, async () => {
      emu.faults.add(c.fault);
      const inputs = {
        'timeout-minutes': String(c.minutes),
        // With an eval: a gate any finished eval would pass, missed because the eval is incomplete.
        ...(c.evalData ? { 'min-pass-rate': '0' } : { 'eval-data': '' }),
      };
      const runner = action(c.backend, inputs, i);
      const limitMs = c.minutes * 60_000;
      const { main, realMs } = await runMoving(runner, heldBy(c.fault.method, c.fault.path));

      // The hung call was given up by the action (the emulator saw the client close it).
      const hung = emu.requests.filter((r) => r.method === c.fault.method && c.fault.path.test(bare(r.path)));
      expect(hung.length).toBeGreaterThan(0);
      expect(hung.every((r) => r.status === 499)).toBe(true);
      expect(main.exitCode, main.stdout).toBe(1);
      expect(main.stderr).toBe('');
      expect(realMs).toBeLessThan(REAL_LIMIT_MS);

      const out = runner.outputs();
      expect(out['state']).toBe(c.state);
      const r = report(runner);
      // Ended at the time limit on the run's clock (the phases stop a tenth early, to publish), not before.
      const took = Date.parse(String(r['finishedAt'])) - Date.parse(String(r['startedAt']));
      expect(took).toBeLessThanOrEqual(limitMs);
      expect(took).toBeGreaterThanOrEqual(limitMs * 0.9 - 10);
      expect(r['state']).toBe(c.state);
      expect(String(r['error'])).toMatch(c.error);
      expect(main.stdout).toContain('::error::');
      expect(runner.summary()).toContain(c.state);
      const jobs = c.backend === 'gemini-api' ? emu.tunedModels().length : emu.vertex.jobs.all().length;
      expect(jobs).toBe(c.jobs);
      if (c.backend === 'vertex-ai' && c.state === 'FAILED') {
        expect(out['job']).toBe('');
        expect(r['runLabel']).toBe('1658821493-1');
        expect(main.stdout).toContain(
          '::notice::No tuning job was confirmed. If the service created one anyway, look for a tuning job labelled gemini_tune_run=1658821493-1.',
        );
      }
      if (c.state === 'CREATING') {
        expect(out['job']).toMatch(/^tunedModels\/[a-z0-9-]+\/operations\/.+$/);
        expect(r['resumeWith']).toBe(out['job']);
        expect(main.stdout).toContain(`resume: ${out['job']}`);
      }
      if (c.state === 'ACTIVE') {
        expect(out['tuned-model']).toBeTruthy();
        // The eval is reported as incomplete, its cases "not run", and its gate missed.
        const ev = r['eval'] as { incomplete: boolean; notRun: string[]; cases: { id: string; error: string }[] };
        expect(ev.incomplete).toBe(true);
        expect(ev.notRun.length).toBeGreaterThan(0);
        expect(ev.notRun).toEqual(ev.cases.map((x) => x.id));
        expect(ev.cases[0]!.error).toMatch(/^not run: the run reached its time limit/);
        expect(r['gates']).toEqual([
          { name: 'min-pass-rate', threshold: 0, value: null, passed: false, note: 'eval incomplete' },
        ]);
        expect(runner.summary()).toContain('❌ missed (eval incomplete)');
        expect(runner.summary()).toMatch(/⚠️ incomplete: \d+ not run \(the time limit came first\)/);
      }
      emu.faults.clear();
    }, 30_000);
  });
});

describe('GitHub calls have a time limit and never hold the run up', () => {
  it('a GitHub API that never answers: each call is given up after 30 s (virtual), the run succeeds, polling starts at once', async () => {
    const fake = await startGitHubFake();
    try {
      fake.hang({ path: /./ });
      const runner = geminiRun(
        { emu, gh: fake, apiKey: API_KEY },
        { 'eval-data': '', 'comment-key': 'bounded-gh-hang' },
        { prNumber: 790 },
      );
      // The virtual time of every sleep of the run: the first poll's wait comes right after create.
      const t0 = clock.now();
      const sleptAt: number[] = [];
      const watching: Clock = {
        now: clock.now,
        timeout: clock.timeout,
        sleep: (ms, signal) => {
          sleptAt.push(clock.now() - t0);
          return clock.sleep(ms, signal);
        },
      };
      const { main, virtualMs, realMs } = await runMoving(runner, () => fake.hanging() > 0, watching);

      expect(main.exitCode, main.stdout).toBe(0);
      expect(main.stderr).toBe('');
      expect(runner.outputs()['state']).toBe('ACTIVE');
      expect(runner.outputs()['comment-url'] ?? '').toBe('');
      expect(report(runner)['state']).toBe('ACTIVE');
      expect(main.stdout).toMatch(
        /::warning::Could not write the PR comment: GitHub did not answer [^\n]* within 30 s/,
      );
      // Polling did not wait for the "started" comment.
      expect(sleptAt[0]).toBeLessThan(5_000);
      // Two writes (started, final), each given up after one call of 30 s; the final one is not sent
      // again, since the started one was not answered either.
      expect(fake.requests.length).toBeGreaterThanOrEqual(2);
      expect(virtualMs).toBeLessThan(75_000);
      expect(realMs).toBeLessThan(REAL_LIMIT_MS);
    } finally {
      await fake.close();
    }
  }, 30_000);

  it('a "started" comment that never gets an answer: the final comment is still written, after it, once', async () => {
    const fake = await startGitHubFake();
    try {
      const pr = 791;
      fake.hang({ method: 'POST', path: `/repos/octo-org/number-tuner/issues/${pr}/comments`, times: 1 });
      const runner = geminiRun(
        { emu, gh: fake, apiKey: API_KEY },
        { 'eval-data': '', 'comment-key': 'bounded-gh-once' },
        { prNumber: pr },
      );
      const { main, realMs } = await runMoving(runner, () => fake.hanging() > 0);

      expect(main.exitCode, main.stdout).toBe(0);
      expect(main.stdout).toMatch(/::warning::Could not write the PR comment: GitHub did not answer POST /);
      const comments = fake.comments('octo-org', 'number-tuner', pr);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).not.toContain('in progress');
      expect(comments[0]!.body).toContain(runner.outputs()['tuned-model']!);
      expect(runner.outputs()['comment-url']).toBe(comments[0]!.html_url);
      // The final write went out after the hung one had been given up.
      const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.includes(`/issues/${pr}/comments`));
      expect(posts.map((r) => r.status)).toEqual([0, 201]);
      expect(realMs).toBeLessThan(REAL_LIMIT_MS);
    } finally {
      await fake.close();
    }
  }, 30_000);
});
