/**
 * The fault matrix on Vertex AI: the real run() and the post step in this process with the
 * vertex-ai backend, against the emulator's Vertex AI, Cloud Storage, STS and IAM credentials and
 * its fault injector, on a virtual clock shared with the emulator. For every fault: the expected
 * end state, exactly one tuning job, the report and the job summary written, the post step quiet,
 * and the GitHub token in no output channel.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/util/clock.js';
import { startEmulator, startGitHubFake, type Emulator, type FaultRule, type GitHubFake } from '../emulator/index.js';
import { GITHUB_TOKEN } from '../helpers/harness.js';
import { runMain, runPostStep } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();

const PROJECT = 'faults-tuning-proj';
let vemu: Emulator;
let gh: GitHubFake;
let credentials: string;

beforeAll(async () => {
  vemu = await startEmulator({ now: clock.now, vertex: { stepMs: 10 } });
  gh = await startGitHubFake();
  credentials = externalAccountFile(vemu.url, PROJECT);
});
afterAll(async () => {
  await vemu.close();
  await gh.close();
});
beforeEach(() => {
  vemu.reset();
  vemu.configure({ vertex: { stepMs: 10, outcome: 'SUCCEEDED' } });
});

const vertexRun = (n: number): RunnerEnv =>
  runnerEnv({
    inputs: {
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': 'gs://faults-staging/runs',
      'api-endpoint': vemu.url,
      'training-data': 'examples/number-generator/train.jsonl',
      'github-token': GITHUB_TOKEN,
      'comment-key': `vertex-faults-${n}`,
    },
    prNumber: 500 + n,
    githubApiUrl: gh.url,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
  });
const vertexCreates = (): Emulator['requests'] =>
  vemu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path));
const jobs = (): { name: string; state: string }[] =>
  vemu.vertex.jobs.all().map((r) => {
    const j = vemu.vertex.jobs.render(r) as { name: string; state: string };
    return { name: j.name, state: j.state };
  });

/**
 * The run's clock, which calls `act` with the job's name at the first wait after the job is in the
 * saved state (the action is polling it), and waits for it before sleeping on.
 */
function actingWhilePolling(
  runner: RunnerEnv,
  act: (job: string) => Promise<void>,
): { clock: Clock; acted: () => boolean } {
  let acted = false;
  return {
    acted: () => acted,
    clock: {
      now: clock.now,
      timeout: clock.timeout,
      sleep: async (ms, signal) => {
        const job = acted ? undefined : runner.state()['job'];
        if (job) {
          acted = true;
          await act(job);
        }
        return clock.sleep(ms, signal);
      },
    },
  };
}

const VERTEX_MATRIX: {
  name: string;
  faults?: FaultRule[];
  vertex?: Record<string, unknown>;
  state: 'ACTIVE' | 'FAILED' | 'CANCELLED';
  exitCode: 0 | 1;
  jobState: string;
  happened?: () => boolean;
  /** Something the test does while the job trains (given the job name). */
  during?: (job: string) => Promise<void>;
}[] = [
  {
    name: 'connection resets and a 429 storm on polling',
    faults: [
      { method: 'GET', path: '/tuningJobs/', kind: 'reset', times: 2 },
      { method: 'GET', path: '/tuningJobs/', kind: 'status', status: 429, retryAfterSeconds: 1, skip: 2, times: 3 },
    ],
    vertex: { stepMs: 300 },
    state: 'ACTIVE',
    exitCode: 0,
    jobState: 'JOB_STATE_SUCCEEDED',
    happened: () => vemu.requests.filter((r) => r.status === 429 || r.status === 0).length === 5,
  },
  {
    name: '503 on create (nothing created): looked up by label, created once',
    faults: [{ method: 'POST', path: /\/tuningJobs$/, kind: 'status', status: 503, times: 1 }],
    state: 'ACTIVE',
    exitCode: 0,
    jobState: 'JOB_STATE_SUCCEEDED',
    happened: () =>
      vertexCreates()
        .map((r) => r.status)
        .join() === '503,200',
  },
  {
    name: 'connection reset after the service created the job: found by label and attached to',
    faults: [{ method: 'POST', path: /\/tuningJobs$/, kind: 'reset-after', times: 1 }],
    // Long enough that the job is still running when it is found again.
    vertex: { stepMs: 100 },
    state: 'ACTIVE',
    exitCode: 0,
    jobState: 'JOB_STATE_SUCCEEDED',
    happened: () =>
      vertexCreates()
        .map((r) => r.status)
        .join() === '0',
  },
  {
    name: 'tuning FAILED',
    vertex: { outcome: 'FAILED' },
    state: 'FAILED',
    exitCode: 1,
    jobState: 'JOB_STATE_FAILED',
  },
  {
    name: 'tuning EXPIRED (reported as FAILED)',
    vertex: { outcome: 'EXPIRED' },
    state: 'FAILED',
    exitCode: 1,
    jobState: 'JOB_STATE_EXPIRED',
  },
  {
    name: 'job CANCELLED from outside while the action polls',
    vertex: { stepMs: 300 },
    state: 'CANCELLED',
    exitCode: 1,
    jobState: 'JOB_STATE_CANCELLED',
    during: async (job) => {
      const res = await fetch(`${vemu.url}/v1/${job}:cancel`, {
        method: 'POST',
        headers: { authorization: 'Bearer emulator-access-token', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
    },
  },
];

describe('fault matrix on Vertex AI (run() in-process, on a virtual clock)', () => {
  VERTEX_MATRIX.forEach((c, i) => {
    it(c.name, async () => {
      if (c.vertex) vemu.configure({ vertex: { stepMs: 10, outcome: 'SUCCEEDED', ...c.vertex } });
      for (const f of c.faults ?? []) vemu.faults.add(f);
      const runner = vertexRun(i);
      const driver = c.during ? actingWhilePolling(runner, c.during) : undefined;
      const main = await runMain(runner, { clock: driver?.clock ?? clock });
      if (driver) expect(driver.acted(), 'cancelled while the action polled').toBe(true);
      expect(main.stderr).toBe('');
      expect(main.exitCode, main.stdout).toBe(c.exitCode);
      const out = runner.outputs();
      expect(out['state']).toBe(c.state);
      if (c.happened) expect(c.happened(), 'the fault happened').toBe(true);
      // Exactly one tuning job, in the expected end state.
      expect(jobs()).toEqual([{ name: out['job'], state: c.jobState }]);
      expect(vemu.stats().creates).toBe(1);
      // Report and summary, every time.
      const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
      expect(report['state']).toBe(c.state);
      expect(report['job']).toBe(out['job']);
      expect(runner.summary()).toContain(c.state);
      vemu.faults.clear();
      const post = await runPostStep(runner, { clock });
      expect(post.exitCode).toBe(0);
      expect(vemu.requests.filter((r) => r.path.endsWith(':cancel')).length).toBe(c.during ? 1 : 0);
      for (const channel of [main.stdout, post.stdout, runner.summary(), JSON.stringify(report)]) {
        expect(channel.replace(/^::add-mask::.*$/gm, '')).not.toContain(GITHUB_TOKEN);
      }
    });
  });
});
