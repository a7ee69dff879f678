/**
 * Reuse: a re-run with identical inputs creates nothing, through the Actions cache (a fake of the
 * cache service speaking its v2 protocol to the real @actions/cache) and, with the cache service
 * unavailable, through the remote lookup; on the Gemini API and on Vertex AI. The real run() and
 * post step in this process, over real HTTP, on a virtual clock shared with the emulators.
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startActionsCacheFake, type ActionsCacheFake } from '../emulator/actions-cache-fake.js';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { GITHUB_TOKEN, createCalls, deleteCalls, geminiRun } from '../helpers/harness.js';
import { runMain, runPostStep } from '../helpers/in-process.js';
import { runnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();

const API_KEY = 'AIzaSyFaults-secret-key-do-not-print-77';
let emu: Emulator;
let gh: GitHubFake;
let cache: ActionsCacheFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
  gh = await startGitHubFake();
  cache = await startActionsCacheFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
  await cache.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' } });
  cache.reset();
});

describe('reuse on the Gemini API: a re-run with identical inputs creates nothing', () => {
  let runnerTemp: string;
  const run = (cacheEnv: Record<string, string> | null) =>
    geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'eval-data': '' },
      { event: 'push', extra: { RUNNER_TEMP: runnerTemp, ...(cacheEnv ?? {}) } },
    );

  it('through the Actions cache, then through the remote lookup when the cache service is unavailable', async () => {
    runnerTemp = mkdtempSync(join(tmpdir(), 'gemini-tune-it-reuse-'));
    const token = cache.token({ write: 'refs/heads/main' });

    const first = run(cache.env(token));
    const m1 = await runMain(first, { clock });
    expect(m1.exitCode, m1.stdout).toBe(0);
    expect(first.outputs()).toMatchObject({ state: 'ACTIVE', 'cache-hit': 'false' });
    expect(cache.entries()).toMatchObject([{ finalized: true, scope: 'refs/heads/main' }]);

    // Second run: restored from the Actions cache, verified ACTIVE, nothing created.
    const second = run(cache.env(token));
    const m2 = await runMain(second, { clock });
    expect(m2.exitCode, m2.stdout).toBe(0);
    expect(m2.stdout).toContain('Cache hit (Actions cache)');
    expect(second.outputs()).toMatchObject({
      state: 'ACTIVE',
      'cache-hit': 'true',
      job: first.outputs()['job'],
      'tuned-model': first.outputs()['tuned-model'],
    });
    expect(second.summary()).toContain('**Cache:** hit');
    expect(JSON.parse(readFileSync(second.outputs()['report-path']!, 'utf8')).cacheHit).toBe(true);

    // Third run: the cache service resets every connection: the remote lookup finds the model.
    cache.setFault('reset');
    const third = run(cache.env(token));
    const m3 = await runMain(third, { clock });
    expect(m3.exitCode, m3.stdout).toBe(0);
    expect(m3.stdout).not.toContain('Cache hit (Actions cache)');
    expect(m3.stdout).not.toMatch(/::(error|warning)::/);
    expect(third.outputs()).toMatchObject({ 'cache-hit': 'true', 'tuned-model': first.outputs()['tuned-model'] });
    cache.setFault('none');

    // Fourth run: no cache service at all (a local run).
    const fourth = run(null);
    const m4 = await runMain(fourth, { clock });
    expect(m4.exitCode, m4.stdout).toBe(0);
    expect(fourth.outputs()).toMatchObject({ 'cache-hit': 'true', 'tuned-model': first.outputs()['tuned-model'] });

    expect(createCalls(emu)).toBe(1);
    expect(emu.stats().creates).toBe(1);
    for (const r of [first, second, third, fourth]) {
      const post = await runPostStep(r, { clock });
      expect(post.exitCode).toBe(0);
    }
    expect(deleteCalls(emu)).toBe(0);
  });
});

/** The vertex-ai backend against the emulator's Vertex AI, Cloud Storage, STS and IAM credentials. */
describe('reuse on Vertex AI', () => {
  const PROJECT = 'faults-tuning-proj';
  let vemu: Emulator;
  let credentials: string;
  beforeAll(async () => {
    vemu = await startEmulator({ now: clock.now, vertex: { stepMs: 10 } });
    credentials = externalAccountFile(vemu.url, PROJECT);
  });
  afterAll(async () => {
    await vemu.close();
  });
  beforeEach(() => {
    vemu.reset();
    vemu.configure({ vertex: { stepMs: 10, outcome: 'SUCCEEDED' } });
  });

  const vertexRun = (n: number, extra: Record<string, string> = {}) =>
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
      extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT, ...extra },
    });
  const vertexCreates = (): Emulator['requests'] =>
    vemu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path));

  it('a re-run with identical inputs reuses the tuned model: through the Actions cache, then by label', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'gemini-tune-vertex-cache-'));
    const token = cache.token();
    const first = vertexRun(20, { RUNNER_TEMP: temp, ...cache.env(token) });
    const m1 = await runMain(first, { clock });
    expect(m1.exitCode, m1.stdout).toBe(0);
    expect(cache.entries()).toHaveLength(1);

    const second = vertexRun(21, { RUNNER_TEMP: temp, ...cache.env(token) });
    const m2 = await runMain(second, { clock });
    expect(m2.exitCode, m2.stdout).toBe(0);
    expect(m2.stdout).toContain('Cache hit (Actions cache)');
    expect(second.outputs()).toMatchObject({
      'cache-hit': 'true',
      job: first.outputs()['job'],
      endpoint: first.outputs()['endpoint'],
    });

    const third = vertexRun(22, { RUNNER_TEMP: temp }); // no cache service: the label lookup
    const m3 = await runMain(third, { clock });
    expect(m3.exitCode, m3.stdout).toBe(0);
    expect(m3.stdout).not.toContain('Cache hit (Actions cache)');
    expect(third.outputs()).toMatchObject({ 'cache-hit': 'true', job: first.outputs()['job'] });
    expect(vertexCreates()).toHaveLength(1);
  });
});
