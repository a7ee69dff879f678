/**
 * Issue 12, items 5 and 6, with the bundle run as the runner runs it (real time, child processes):
 *  - the Gemini API main step killed while its create is under way: the tuned model id was saved
 *    before the request, so the post step deletes the model the service made all the same;
 *  - two main steps with the same content key started together, on both backends, while the
 *    service takes 1.5 s to make a job: one job remains, both runs report the same tuned model,
 *    and only one of them started it.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { createCalls, deleteCalls, geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, DIST_POST, runNode, runnerEnv } from '../helpers/runner-env.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const API_KEY = 'AIzaSyConcurrency-key-do-not-print-7';
const PROJECT = 'concurrency-e2e-proj';
const CREATE_MS = 1500;
let gemini: Emulator;
let vertex: Emulator;
let gh: GitHubFake;
let credentials: string;

beforeAll(async () => {
  gemini = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 2000 } });
  vertex = await startEmulator({ vertex: { stepMs: 2000 } });
  gh = await startGitHubFake();
  credentials = externalAccountFile(vertex.url, PROJECT);
});
afterAll(async () => {
  await Promise.all([gemini.close(), vertex.close(), gh.close()]);
});
beforeEach(() => {
  gemini.reset();
  vertex.reset();
});

const geminiAction = (inputs: Record<string, string> = {}) =>
  geminiRun({ emu: gemini, gh, apiKey: API_KEY }, { 'eval-data': '', ...inputs }, { event: 'push' });

const vertexAction = (inputs: Record<string, string> = {}) =>
  runnerEnv({
    inputs: {
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': 'gs://concurrency-staging/runs',
      'api-endpoint': vertex.url,
      'training-data': 'examples/number-generator/train.jsonl',
      ...inputs,
    },
    event: 'push',
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
  });

const until = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(done()).toBe(true);
};

describe('dist/: the main step killed during the create (Gemini API)', () => {
  it('the post step deletes the tuned model from the id saved before the request', async () => {
    gemini.configure({ training: { stepMs: 2000, outcome: 'ACTIVE', createLatencyMs: CREATE_MS } });
    const runner = geminiAction();
    const result = await runNode(DIST_MAIN, runner.env, {
      onSpawn: (kill) => {
        const timer = setInterval(() => {
          if (createCalls(gemini) === 0) return;
          clearInterval(timer);
          // The runner's SIGINT, then SIGKILL before the create has answered.
          kill('SIGINT');
          setTimeout(() => kill('SIGKILL'), 300);
        }, 10);
      },
    });
    expect(result.signal).toBe('SIGKILL');
    const saved = runner.state();
    expect(saved['tuned-model']).toMatch(/^tunedModels\/gt-[a-z0-9-]+$/);
    expect(saved['settled']).toBe('false');
    // The service makes the model all the same, once its create latency has passed.
    await until(() => gemini.tunedModels().length === 1);
    expect(String(gemini.tunedModels()[0]!['name'])).toBe(saved['tuned-model']);

    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(deleteCalls(gemini)).toBe(1);
    expect(gemini.tunedModels()).toHaveLength(0);
  });
});

describe('dist/: two runs with the same content key at the same moment', () => {
  it('Gemini API: one tuned model; the run that got ALREADY_EXISTS attaches and never deletes it', async () => {
    gemini.configure({ training: { stepMs: 5, outcome: 'ACTIVE', createLatencyMs: CREATE_MS } });
    const a = geminiAction();
    const b = geminiAction();
    const [ra, rb] = await Promise.all([runNode(DIST_MAIN, a.env), runNode(DIST_MAIN, b.env)]);
    expect([ra.code, rb.code], ra.stdout + rb.stdout).toEqual([0, 0]);
    expect(gemini.tunedModels()).toHaveLength(1);
    expect(a.outputs()['tuned-model']).toBe(b.outputs()['tuned-model']);
    const attached = [ra, rb].filter((r) => /created a moment ago by another run|already being tuned/.test(r.stdout));
    expect(attached).toHaveLength(1);
    for (const r of [a, b]) expect((await runNode(DIST_POST, r.postEnv())).code).toBe(0);
    expect(deleteCalls(gemini)).toBe(0);
    expect(gemini.tunedModels()).toHaveLength(1);
  });

  it('Vertex AI: both looked before either job existed; the newer job is cancelled and both follow the older', async () => {
    // Each job stays PENDING for 4 s: the newer run's list and cancel come well within that on a busy
    // machine (a job that already ended can no longer be cancelled, and the race would look unmended).
    vertex.configure({ vertex: { stepMs: 5, pendingMs: 4000, outcome: 'SUCCEEDED', createLatencyMs: CREATE_MS } });
    const a = vertexAction();
    const b = vertexAction();
    const [ra, rb] = await Promise.all([runNode(DIST_MAIN, a.env), runNode(DIST_MAIN, b.env)]);
    expect([ra.code, rb.code], ra.stdout + rb.stdout).toEqual([0, 0]);
    const states = vertex.vertex.jobs
      .all()
      .map((r) => String((vertex.vertex.jobs.render(r) as { state: string }).state))
      .sort();
    // Both creates were sent (the race happened), and only one job was kept.
    expect(states).toEqual(['JOB_STATE_CANCELLED', 'JOB_STATE_SUCCEEDED']);
    expect(a.outputs()['tuned-model']).toBe(b.outputs()['tuned-model']);
    expect(a.outputs()['job']).toBe(b.outputs()['job']);
    expect([ra, rb].filter((r) => /Another run created .* attaching to/.test(r.stdout))).toHaveLength(1);
    for (const r of [a, b]) expect((await runNode(DIST_POST, r.postEnv())).code).toBe(0);
    expect(vertex.requests.filter((r) => r.path.endsWith(':cancel'))).toHaveLength(1);
  });
});
