/**
 * The runner's stop signal (SIGINT) at moments the end-to-end tests cannot aim at: while the create
 * is still under way. The signal is watched for the whole run, so the job the create makes is
 * cancelled (deleted) as soon as it exists, and the run still reports. In process: the signal is
 * emitted to this process's listeners, as the runner's would be.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/util/clock.js';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { createCalls, deleteCalls, geminiRun } from '../helpers/harness.js';
import { runMain, runPostStep } from '../helpers/in-process.js';
import { runnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const API_KEY = 'stop-signal-key-0123456789';
const clock = new VirtualClock();
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 60_000 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => emu.reset());

/** The run's clock, which sends SIGINT the first time the run waits after the create was refused. */
function signalAfterFirstCreate(): Clock {
  let sent = false;
  return {
    now: clock.now,
    timeout: clock.timeout,
    sleep: (ms, signal) => {
      if (!sent && createCalls(emu) > 0) {
        sent = true;
        process.emit('SIGINT', 'SIGINT');
      }
      return clock.sleep(ms, signal);
    },
  };
}

describe('a stop signal while the create is under way', () => {
  it('deletes the job as soon as the create makes it, reports CANCELLED, and leaves the post step nothing', async () => {
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'status', status: 503, times: 1 });
    const runner = geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock: signalAfterFirstCreate() });
    expect(result.exitCode).toBe(1);
    expect(createCalls(emu)).toBe(2);
    expect(result.stdout).toContain('::warning::Received SIGINT: deleting tunedModels/');
    expect(deleteCalls(emu)).toBe(1);
    expect(emu.tunedModels()).toEqual([]);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    expect(runner.state()['settled']).toBe('true');
    expect(result.stdout).toContain(
      '::error::gemini-tune failed with: the run was cancelled; the tuning job was cancelled with it',
    );
    const post = await runPostStep(runner, { clock });
    expect(post.exitCode).toBe(0);
    expect(deleteCalls(emu)).toBe(1);
  });

  it('with cancel-on-abort: false, the signal still ends the run with its report; the job is left running to resume', async () => {
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'status', status: 503, times: 1 });
    const runner = geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'eval-data': '', 'cancel-on-abort': 'false', 'timeout-minutes': '5' },
      { event: 'push' },
    );
    // Signals are watched whatever cancel-on-abort says: the run ends at the signal, publishes, and
    // leaves the job (it needs 19 minutes) to train, with the way to resume it.
    const result = await runMain(runner, { clock: signalAfterFirstCreate() });
    expect(deleteCalls(emu)).toBe(0);
    expect(runner.outputs()['state']).toBe('CREATING');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain('Received SIGINT: deleting');
    expect(result.stdout).toContain('cancel-on-abort is false');
    expect(runner.outputs()['job']).toMatch(/\/operations\//);
    expect(result.stdout).toContain(`resume: ${runner.outputs()['job']}`);
    const r = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8')) as Record<string, unknown>;
    expect(r['state']).toBe('CREATING');
    expect(r['resumeWith']).toBe(runner.outputs()['job']);
    expect(clock.now() - Date.parse(String(r['startedAt']))).toBeLessThan(60_000); // ended at the signal, not at the timeout
    const post = await runPostStep(runner, { clock });
    expect(post.stdout).toContain('nothing to clean up');
    expect(deleteCalls(emu)).toBe(0);
    expect(emu.tunedModels()).toHaveLength(1);
  });
});

describe('SIGINT, and the create never answers: the post step finds the job from the state saved before it was sent', () => {
  it('Gemini API: the tuned model id is saved before the create is sent; the post step deletes the model', async () => {
    // Every attempt is handled, then its connection reset: the first made the model, the rest got 409.
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'reset-after' });
    const runner = geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '', cache: 'false' }, { event: 'push' });
    const result = await runMain(runner, { clock: signalAfterFirstCreate() });
    expect(result.exitCode).toBe(1);
    expect(deleteCalls(emu)).toBe(0);
    expect(emu.tunedModels()).toHaveLength(1);
    const model = String(emu.tunedModels()[0]!['name']);
    expect(runner.state()).toMatchObject({ job: model, 'tuned-model': model, settled: 'false' });
    const post = await runPostStep(runner, { clock });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`::warning::The main step ended before ${model} finished: deleted it`);
    expect(emu.tunedModels()).toEqual([]);
  });

  it('Gemini API: a model the create never made is nothing to clean up', async () => {
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'reset' });
    const runner = geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '', cache: 'false' }, { event: 'push' });
    expect((await runMain(runner, { clock: signalAfterFirstCreate() })).exitCode).toBe(1);
    const post = await runPostStep(runner, { clock });
    expect(post.stdout).toContain('was never created');
    expect(post.stdout).not.toContain('::warning');
    expect(deleteCalls(emu)).toBe(0);
  });
});

describe('Vertex AI: a stop signal while the create is under way, and a create whose answer is lost', () => {
  const PROJECT = 'stop-signal-proj';
  let vemu: Emulator;
  let credentials: string;
  /** Called when the emulator starts holding a create (its create latency). */
  let onCreateHeld: (() => void) | null = null;
  beforeAll(async () => {
    vemu = await startEmulator({
      now: clock.now,
      sleep: (ms) => {
        onCreateHeld?.();
        return clock.sleep(ms);
      },
    });
    credentials = externalAccountFile(vemu.url, PROJECT);
  });
  afterAll(async () => {
    await vemu.close();
  });
  beforeEach(() => {
    vemu.reset();
    onCreateHeld = null;
    vemu.configure({ vertex: { stepMs: 60_000, outcome: 'SUCCEEDED', createLatencyMs: 1500 } });
  });

  const vertexRun = (inputs: Record<string, string> = {}) =>
    runnerEnv({
      inputs: {
        project: PROJECT,
        location: 'us-central1',
        'staging-uri': 'gs://stop-signal-staging/runs',
        'api-endpoint': vemu.url,
        'training-data': 'examples/number-generator/train.jsonl',
        ...inputs,
      },
      event: 'push',
      githubApiUrl: gh.url,
      extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
    });
  const jobs = () =>
    vemu.vertex.jobs
      .all()
      .map((r) => vemu.vertex.jobs.render(r) as { name: string; state: string; labels: Record<string, string> });
  const cancels = () => vemu.requests.filter((r) => r.path.endsWith(':cancel'));

  it('SIGINT during a slow create: the labels are saved before it answers; the main step cancels the job it made', async () => {
    const runner = vertexRun({ 'eval-data': '' });
    let savedWhileHeld: Record<string, string> = {};
    onCreateHeld = () => {
      onCreateHeld = null;
      savedWhileHeld = runner.state();
      process.emit('SIGINT', 'SIGINT');
    };
    const result = await runMain(runner, { clock });
    expect(savedWhileHeld).toMatchObject({ job: '', settled: 'false' });
    expect(savedWhileHeld['content-key']).toMatch(/^[0-9a-f]{64}$/);
    expect(savedWhileHeld['run-label']).toBe('1658821493-1'); // gemini_tune_run: <GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('::warning::Received SIGINT: cancelling projects/');
    expect(jobs().map((j) => j.state)).toEqual(['JOB_STATE_CANCELLED']);
    expect(jobs()[0]!.labels['gemini_tune_run']).toBe(savedWhileHeld['run-label']);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    const post = await runPostStep(runner, { clock });
    expect(post.stdout).toContain('handled by the main step');
    expect(cancels()).toHaveLength(1);
  });

  it('SIGINT and the create answer is lost, cache: true: the main step finds its job by the content key and cancels it', async () => {
    vemu.faults.add({ method: 'POST', path: /\/tuningJobs$/, kind: 'reset-after', times: 1 });
    const runner = vertexRun({ 'eval-data': '' });
    onCreateHeld = () => {
      onCreateHeld = null;
      process.emit('SIGINT', 'SIGINT');
    };
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(jobs().map((j) => j.state)).toEqual(['JOB_STATE_CANCELLED']);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    expect((await runPostStep(runner, { clock })).stdout).toContain('handled by the main step');
    expect(cancels()).toHaveLength(1);
  });

  it('SIGINT and the create answer is lost, cache: false: the post step finds this run’s job by its labels and cancels only that one', async () => {
    // Another run's job with the same content key, left running on purpose.
    const other = vertexRun({ 'eval-data': '', cache: 'false', wait: 'false' });
    expect((await runMain(other, { clock })).exitCode).toBe(0);
    const otherJob = other.outputs()['job']!;

    vemu.faults.add({ method: 'POST', path: /\/tuningJobs$/, kind: 'reset-after', times: 1 });
    const runner = vertexRun({ 'eval-data': '', cache: 'false' });
    onCreateHeld = () => {
      onCreateHeld = null;
      process.emit('SIGINT', 'SIGINT');
    };
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(jobs()).toHaveLength(2);
    expect(cancels()).toHaveLength(0);
    expect(runner.state()).toMatchObject({ job: '', settled: 'false' });

    const post = await runPostStep(runner, { clock });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('::warning::The main step ended before projects/');
    expect(cancels()).toHaveLength(1);
    expect(cancels()[0]!.path).not.toContain(otherJob);
    const states = Object.fromEntries(jobs().map((j) => [j.name, j.state]));
    expect(states[otherJob]).toBe('JOB_STATE_RUNNING');
    expect(Object.values(states).sort()).toEqual(['JOB_STATE_CANCELLED', 'JOB_STATE_RUNNING']);
  });
});
