/**
 * Cancellation with the bundle run as the runner runs it. The runner sends SIGINT (then SIGTERM)
 * to a cancelled step and kills it 7.5 s later; the post step runs afterwards. Only a job this run
 * created is ever deleted, only when cancel-on-abort is true, and within that grace.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { createCalls, deleteCalls, geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, DIST_POST, runNode, runnerEnv, type RunnerEnv } from '../helpers/runner-env.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

/** The runner's grace between SIGINT and SIGKILL. */
const GRACE_MS = 7500;
const API_KEY = 'AIzaSyCancel-secret-key-do-not-print-42';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 2000 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  // Long enough that the job is still training when the signal comes.
  emu.configure({ training: { stepMs: 2000, outcome: 'ACTIVE' } });
});

const action = (inputs: Record<string, string> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '', ...inputs }, { event: 'push' });

/**
 * Runs the main step and, once it is polling (`ready`), sends SIGINT; like the runner, SIGKILLs it
 * if it is still alive after the grace. Returns when the process has ended, and when SIGINT was sent.
 */
async function interruptWhilePolling(runner: RunnerEnv, ready: (stdout: string) => boolean) {
  let sentAt = 0;
  let seen = '';
  let killTimer: NodeJS.Timeout | undefined;
  const result = await runNode(DIST_MAIN, runner.env, {
    onStdout: (chunk) => (seen += chunk),
    onSpawn: (kill) => {
      const timer = setInterval(() => {
        if (!ready(seen)) return;
        clearInterval(timer);
        sentAt = Date.now();
        kill('SIGINT');
        killTimer = setTimeout(() => kill('SIGKILL'), GRACE_MS);
      }, 25);
    },
  });
  clearTimeout(killTimer);
  expect(sentAt, 'the signal was sent').toBeGreaterThan(0);
  return { result, sentAt };
}

const polling = (stdout: string): boolean => /::group::Tuning tunedModels\//.test(stdout);
const models = (): { name: string; state: string }[] =>
  emu.tunedModels().map((m) => ({ name: String(m['name']), state: String(m['state']) }));

describe('SIGINT during polling (dist/ as a child process)', () => {
  it('deletes the job this run created, within the 7.5 s grace, even when the delete needs a retry', async () => {
    emu.faults.add({ method: 'DELETE', kind: 'status', status: 503, times: 1 });
    emu.faults.add({ method: 'DELETE', kind: 'latency', delayMs: 500 });
    const runner = action();
    const { result, sentAt } = await interruptWhilePolling(runner, polling);
    expect(result.signal).toBeNull(); // it exited by itself, before the runner's SIGKILL
    expect(result.code).toBe(1);
    const deletes = emu.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.status)).toEqual([503, 200]);
    // The delete that worked arrived within the grace.
    expect(deletes[1]!.at - sentAt).toBeLessThan(GRACE_MS);
    expect(models()).toEqual([]);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    expect(result.stdout).toContain('::warning::Received SIGINT: deleting tunedModels/');

    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(deleteCalls(emu)).toBe(2);
  });

  it('when the delete cannot finish within the grace, the post step deletes the job (warning while it cannot)', async () => {
    emu.faults.add({ method: 'DELETE', kind: 'status', status: 503, retryAfterSeconds: 0, times: 1000 });
    const runner = action();
    const { result } = await interruptWhilePolling(runner, polling);
    // Killed by the "runner" after the grace, or gave up first once the delete's retries ran out.
    expect(result.signal === 'SIGKILL' || result.code === 1).toBe(true);
    expect(models()).toHaveLength(1);
    expect(runner.state()['settled']).toBe('false');

    // While the service still refuses, the post step warns and does not fail the job.
    const failing = await runNode(DIST_POST, runner.postEnv());
    expect(failing.code).toBe(0);
    expect(failing.stdout).toContain('::warning::gemini-tune post step could not clean up');
    expect(failing.stdout).not.toContain('::error');
    expect(models()).toHaveLength(1);

    emu.faults.clear();
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('::warning::The main step ended before');
    expect(models()).toEqual([]);
  });

  it('cancel-on-abort: false leaves the job alone, in the main step and in the post step', async () => {
    const runner = action({ 'cancel-on-abort': 'false' });
    const { result } = await interruptWhilePolling(runner, polling);
    // The signal is still watched: the run ends with its report, leaving the job to train.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('cancel-on-abort is false');
    expect(runner.outputs()['state']).toBe('CREATING');
    expect(deleteCalls(emu)).toBe(0);
    expect(models()).toMatchObject([{ state: 'CREATING' }]);
    // The main step settled it (left running on purpose): the post step leaves it.
    expect(runner.state()['settled']).toBe('true');
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('handled by the main step');
    expect(deleteCalls(emu)).toBe(0);
    expect(models()).toMatchObject([{ state: 'CREATING' }]);
  });

  it('a resumed job is never cancelled by this run', async () => {
    const first = action({ wait: 'false' });
    const m1 = await runNode(DIST_MAIN, first.env);
    expect(m1.code).toBe(0);
    const job = first.outputs()['job']!;
    expect(job).toMatch(/\/operations\//);

    const resumed = action({ resume: job, 'training-data': '' });
    const { result } = await interruptWhilePolling(resumed, polling);
    expect(result.signal === 'SIGINT' || result.code !== 0).toBe(true);
    expect(result.stdout).not.toContain('Received SIGINT: deleting');
    expect(deleteCalls(emu)).toBe(0);
    // Nothing was saved for the post step: it has nothing to clean up.
    expect(resumed.state()['job']).toBeUndefined();
    const post = await runNode(DIST_POST, resumed.postEnv());
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('nothing to clean up');
    expect(deleteCalls(emu)).toBe(0);
    expect(models()).toMatchObject([{ state: 'CREATING' }]);
    expect(createCalls(emu)).toBe(1);
  });

  it('a job attached to through the content key (started by another run) is never cancelled by this run', async () => {
    const first = action({ wait: 'false' });
    expect((await runNode(DIST_MAIN, first.env)).code).toBe(0);

    const attached = action();
    const { result } = await interruptWhilePolling(attached, polling);
    expect(result.stdout).toContain('is already being tuned from the same content key: attaching to it');
    expect(result.signal === 'SIGINT' || result.code !== 0).toBe(true);
    expect(deleteCalls(emu)).toBe(0);
    const post = await runNode(DIST_POST, attached.postEnv());
    expect(post.code).toBe(0);
    expect(deleteCalls(emu)).toBe(0);
    expect(models()).toMatchObject([{ state: 'CREATING' }]);
    expect(createCalls(emu)).toBe(1);
  });
});

describe('SIGINT during polling on Vertex AI (dist/ as a child process)', () => {
  const PROJECT = 'cancel-tuning-proj';
  let vemu: Emulator;
  let credentials: string;
  beforeAll(async () => {
    vemu = await startEmulator({ vertex: { stepMs: 2000 } });
    credentials = externalAccountFile(vemu.url, PROJECT);
  });
  afterAll(async () => {
    await vemu.close();
  });
  beforeEach(() => {
    vemu.reset();
    vemu.configure({ vertex: { stepMs: 2000, outcome: 'SUCCEEDED', createLatencyMs: 0 } });
  });

  const vertexAction = (inputs: Record<string, string> = {}) =>
    runnerEnv({
      inputs: {
        project: PROJECT,
        location: 'us-central1',
        'staging-uri': 'gs://cancel-staging/runs',
        'api-endpoint': vemu.url,
        'training-data': 'examples/number-generator/train.jsonl',
        ...inputs,
      },
      event: 'push',
      extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
    });
  const jobStates = (): string[] =>
    vemu.vertex.jobs.all().map((r) => String((vemu.vertex.jobs.render(r) as { state: string }).state));
  const cancels = (): Emulator['requests'] => vemu.requests.filter((r) => r.path.endsWith(':cancel'));
  const vertexPolling = (stdout: string): boolean => /::group::Tuning projects\//.test(stdout);

  it('cancels the job this run created, within the 7.5 s grace', async () => {
    const runner = vertexAction();
    const { result, sentAt } = await interruptWhilePolling(runner, vertexPolling);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(cancels()).toHaveLength(1);
    expect(cancels()[0]!.at - sentAt).toBeLessThan(GRACE_MS);
    expect(jobStates()).toEqual(['JOB_STATE_CANCELLED']);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    expect(result.stdout).toContain('::warning::Received SIGINT: cancelling projects/');
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(cancels()).toHaveLength(1);
  });

  it('the main step killed during a slow create: the post step finds the job by its labels and cancels it', async () => {
    vemu.configure({ vertex: { createLatencyMs: 1500 } });
    const runner = vertexAction();
    const createSent = () => vemu.requests.some((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path));
    // The runner's SIGINT as soon as the create is sent, then (sooner than its 7.5 s) SIGKILL: the
    // main step dies before the create answers, never learning the job's name.
    const result = await runNode(DIST_MAIN, runner.env, {
      onSpawn: (kill) => {
        const timer = setInterval(() => {
          if (!createSent()) return;
          clearInterval(timer);
          kill('SIGINT');
          setTimeout(() => kill('SIGKILL'), 300);
        }, 10);
      },
    });
    expect(result.signal).toBe('SIGKILL');
    expect(runner.state()).toMatchObject({ job: '', settled: 'false' });
    expect(runner.state()['run-label']).toBe('1658821493-1');
    // The service makes the job all the same, once its create latency has passed.
    for (let i = 0; i < 200 && vemu.vertex.jobs.all().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(jobStates()).toEqual(['JOB_STATE_RUNNING']);

    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('::warning::The main step ended before projects/');
    expect(cancels()).toHaveLength(1);
    expect(jobStates()).toEqual(['JOB_STATE_CANCELLED']);
  });

  it('cancel-on-abort: false leaves the job running', async () => {
    const runner = vertexAction({ 'cancel-on-abort': 'false' });
    await interruptWhilePolling(runner, vertexPolling);
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(cancels()).toHaveLength(0);
    expect(jobStates()).toEqual(['JOB_STATE_RUNNING']);
  });

  it('a resumed job is never cancelled by this run', async () => {
    const first = vertexAction({ wait: 'false' });
    expect((await runNode(DIST_MAIN, first.env)).code).toBe(0);
    const resumed = vertexAction({ resume: first.outputs()['job']!, 'training-data': '' });
    const { result } = await interruptWhilePolling(resumed, vertexPolling);
    expect(result.stdout).not.toContain('Received SIGINT: cancelling');
    const post = await runNode(DIST_POST, resumed.postEnv());
    expect(post.code).toBe(0);
    expect(cancels()).toHaveLength(0);
    expect(jobStates()).toEqual(['JOB_STATE_RUNNING']);
  });
});
