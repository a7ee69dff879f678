/**
 * Two runs with the same content key at the same moment (issue 12, item 6), in this process over
 * real HTTP against one emulator, on one virtual clock. The emulator holds each create (its create
 * latency) until both runs have sent theirs, so both looked before either job existed: the race
 * that used to make two Vertex AI jobs, and a Gemini API run that got ALREADY_EXISTS believe it
 * had started the model (and delete it on a stop signal). Now: one job remains, both runs report
 * the same tuned model, the second says it attached, and a stop signal on the attached run leaves
 * the other run's job alone.
 */

import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/util/clock.js';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { together } from '../helpers/concurrent.js';
import { createCalls, deleteCalls, geminiRun } from '../helpers/harness.js';
import { runPostStep } from '../helpers/in-process.js';
import { runnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const API_KEY = 'concurrent-runs-key-0123456789';
const PROJECT = 'concurrent-proj';
const CREATE_MS = 1500;
const clock = new VirtualClock();

/**
 * The emulator's waits: a create is held until `holdFor` creates have arrived, then each takes
 * CREATE_MS of emulated time (plus 100 ms per place in the order of arrival, so the first to arrive
 * is made first).
 */
class CreateGate {
  holdFor = 2;
  private held: (() => void)[] = [];
  private arrivals = 0;
  private onArrival: (() => void)[] = [];

  readonly sleep = async (ms: number): Promise<void> => {
    const place = this.arrivals++;
    this.onArrival.splice(0).forEach((f) => f());
    if (this.arrivals < this.holdFor) await new Promise<void>((resolve) => this.held.push(resolve));
    else this.held.splice(0).forEach((release) => release());
    // 100 ms apart, not 1: the clock's "now" moves with real time, and the held create resumes a
    // moment after the one that released it has already asked to sleep.
    await clock.sleep(ms + place * 100);
  };

  /** Resolves once `n` creates have arrived. */
  arrived(n: number): Promise<void> {
    if (this.arrivals >= n) return Promise.resolve();
    return new Promise((resolve) => this.onArrival.push(() => void this.arrived(n).then(resolve)));
  }

  reset(): void {
    this.holdFor = 2;
    this.arrivals = 0;
    this.held.splice(0).forEach((release) => release());
  }
}

const gate = new CreateGate();
let emu: Emulator;
let gh: GitHubFake;
let credentials: string;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, sleep: gate.sleep, training: { tunable: true }, apiKeys: [API_KEY] });
  gh = await startGitHubFake();
  credentials = externalAccountFile(emu.url, PROJECT);
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  gate.reset();
  emu.configure({
    training: { stepMs: 60_000, outcome: 'ACTIVE', createLatencyMs: CREATE_MS },
    vertex: { stepMs: 60_000, outcome: 'SUCCEEDED', createLatencyMs: CREATE_MS },
  });
});

const gemini = (inputs: Record<string, string> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '', ...inputs }, { event: 'push' });
const vertex = (inputs: Record<string, string> = {}) =>
  runnerEnv({
    inputs: {
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': 'gs://concurrent-staging/runs',
      'api-endpoint': emu.url,
      'training-data': 'examples/number-generator/train.jsonl',
      ...inputs,
    },
    event: 'push',
    githubApiUrl: gh.url,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
  });

const ATTACHED = /attaching to (it|projects\/\S+) \(this run will not cancel it\)/;
const jobStates = (): string[] =>
  emu.vertex.jobs.all().map((r) => String((emu.vertex.jobs.render(r) as { state: string }).state));
const vertexCreates = () =>
  emu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path.split('?')[0]!)).length;
const vertexCancels = () => emu.requests.filter((r) => r.path.endsWith(':cancel'));

/**
 * A run of its own (as if in its own process): its clock sends SIGINT, on the run's own signal
 * source, the first time the run waits (it is then polling its job). The other run in this process
 * never hears it.
 */
function signalOnFirstWait(): { clock: Clock; signals: EventEmitter } {
  let sent = false;
  const signals = new EventEmitter();
  return {
    signals,
    clock: {
      now: clock.now,
      timeout: clock.timeout,
      sleep: (ms, signal) => {
        if (!sent) {
          sent = true;
          signals.emit('SIGINT', 'SIGINT');
        }
        return clock.sleep(ms, signal);
      },
    },
  };
}

describe('two runs with the same content key started together', () => {
  it('Gemini API: one tuned model; the run that got ALREADY_EXISTS says it attached', async () => {
    const [a, b] = [gemini(), gemini()];
    const results = await together((start) => Promise.all([start(a, { clock }), start(b, { clock })]));
    expect(createCalls(emu)).toBe(2);
    expect(emu.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual(
      expect.arrayContaining([200, 409]),
    );
    expect(emu.tunedModels()).toHaveLength(1);
    for (const r of results) expect(r.exitCode, r.stdout).toBe(0);
    expect(a.outputs()['state']).toBe('ACTIVE');
    expect(b.outputs()['state']).toBe('ACTIVE');
    expect(a.outputs()['tuned-model']).toBe(b.outputs()['tuned-model']);
    expect(results.filter((r) => ATTACHED.test(r.stdout))).toHaveLength(1);
    expect(deleteCalls(emu)).toBe(0);
  });

  it('Vertex AI: both created a job; the newer one is cancelled and its run attaches to the older', async () => {
    const [a, b] = [vertex(), vertex()];
    const results = await together((start) => Promise.all([start(a, { clock }), start(b, { clock })]));
    expect(vertexCreates()).toBe(2);
    expect(jobStates().sort()).toEqual(['JOB_STATE_CANCELLED', 'JOB_STATE_SUCCEEDED']);
    for (const r of results) expect(r.exitCode, r.stdout).toBe(0);
    expect(a.outputs()['state']).toBe('ACTIVE');
    expect(b.outputs()['state']).toBe('ACTIVE');
    expect(a.outputs()['tuned-model']).toBeTruthy();
    expect(a.outputs()['tuned-model']).toBe(b.outputs()['tuned-model']);
    expect(a.outputs()['job']).toBe(b.outputs()['job']);
    const attached = results.filter((r) => ATTACHED.test(r.stdout));
    expect(attached).toHaveLength(1);
    // The one cancel is the attached run's own, newer job.
    expect(vertexCancels()).toHaveLength(1);
    expect(vertexCancels()[0]!.path).not.toContain(a.outputs()['job']!.split('/').pop());
    // Nothing is left for either post step.
    for (const runner of [a, b]) expect((await runPostStep(runner, { clock })).stdout).toContain('nothing to clean up');
    expect(vertexCancels()).toHaveLength(1);
  });
});

describe('a stop signal on the run that attached', () => {
  /** The first run (which would never cancel: cancel-on-abort false) is in its create; the second starts then. */
  async function raceWithSignal(first: ReturnType<typeof gemini>, second: ReturnType<typeof gemini>) {
    return together(async (start) => {
      const one = start(first, { clock });
      await gate.arrived(1);
      const two = start(second, signalOnFirstWait());
      return Promise.all([one, two]);
    });
  }

  it('Gemini API: does not delete the model the other run started, which finishes and reports', async () => {
    const first = gemini({ 'cancel-on-abort': 'false' });
    const second = gemini();
    const [r1, r2] = await raceWithSignal(first, second);
    expect(createCalls(emu)).toBe(2);
    expect(r2.stdout).toMatch(ATTACHED);
    expect(r2.stdout).not.toContain('Received SIGINT: deleting');
    expect(deleteCalls(emu)).toBe(0);
    expect(r1.exitCode, r1.stdout).toBe(0);
    expect(first.outputs()['state']).toBe('ACTIVE');
    expect(first.outputs()['report-path']).toBeTruthy();
    expect(second.outputs()['tuned-model']).toBe(first.outputs()['tuned-model']);
    expect(emu.tunedModels()).toMatchObject([{ state: 'ACTIVE' }]);
    // The attached run left nothing for its post step.
    expect((await runPostStep(second, { clock })).stdout).toContain('nothing to clean up');
    expect(deleteCalls(emu)).toBe(0);
  });

  it('Vertex AI: cancels only its own duplicate, never the job the other run started', async () => {
    const first = vertex({ 'cancel-on-abort': 'false' });
    const second = vertex();
    const [r1, r2] = await raceWithSignal(first, second);
    expect(vertexCreates()).toBe(2);
    expect(r2.stdout).toMatch(ATTACHED);
    expect(r2.stdout).not.toContain('Received SIGINT: cancelling');
    const firstJob = first.outputs()['job']!;
    expect(r1.exitCode, r1.stdout).toBe(0);
    expect(first.outputs()['state']).toBe('ACTIVE');
    expect(vertexCancels()).toHaveLength(1);
    expect(vertexCancels()[0]!.path).not.toContain(firstJob);
    expect(second.outputs()['job']).toBe(firstJob);
    expect(jobStates().sort()).toEqual(['JOB_STATE_CANCELLED', 'JOB_STATE_SUCCEEDED']);
    expect((await runPostStep(second, { clock })).stdout).toContain('nothing to clean up');
    expect(vertexCancels()).toHaveLength(1);
  });
});
