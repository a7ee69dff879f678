/**
 * Every ending publishes (issue 12, items 7 and 8), in process on a virtual clock:
 * - a non-retryable error after the create (401/403/404 while polling, a create answered 200 with a
 *   body that is not JSON) ends with the JSON report, the outputs that are known, a final comment,
 *   a non-zero exit, and the job left running (an error is not a cancellation: neither the main
 *   step nor the post step touches it), with `resume:` to pick it up;
 * - a cancellation (SIGINT) while polling, during the eval or during the final comment write still
 *   writes the report, the summary, the final comment and the outputs.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { startFaultProxy, type FaultProxy, type ProxyAction } from '../helpers/fault-proxy.js';
import { GITHUB_TOKEN } from '../helpers/harness.js';
import { runMain, runPostStep, type InProcessResult } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile, githubOidcToken } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();
const API_KEY = 'AIzaSyEndings-secret-key-do-not-print-5';
const PROJECT = 'endings-tuning-proj';

let gemini: Emulator;
let vertex: Emulator;
let gh: GitHubFake;
let geminiProxy: FaultProxy;
let vertexProxy: FaultProxy;
let ghProxy: FaultProxy;
let credentials: string;

beforeAll(async () => {
  gemini = await startEmulator({ now: clock.now, training: { tunable: true }, apiKeys: [API_KEY] });
  vertex = await startEmulator({ now: clock.now });
  gh = await startGitHubFake();
  geminiProxy = await startFaultProxy(gemini.url);
  vertexProxy = await startFaultProxy(vertex.url);
  ghProxy = await startFaultProxy(gh.url);
  credentials = externalAccountFile(vertex.url, PROJECT);
});
afterAll(async () => {
  await Promise.all([geminiProxy, vertexProxy, ghProxy].map((p) => p.close()));
  await Promise.all([gemini.close(), vertex.close(), gh.close()]);
});
beforeEach(() => {
  for (const p of [geminiProxy, vertexProxy, ghProxy]) p.clear();
  gemini.reset();
  vertex.reset();
  // Still training when the fault comes (an hour a step).
  gemini.configure({ training: { stepMs: 3_600_000, outcome: 'ACTIVE' } });
  vertex.configure({ vertex: { stepMs: 3_600_000, outcome: 'SUCCEEDED' } });
  const now = Math.floor(clock.now() / 1000);
  writeFileSync(`${credentials}.oidc`, githubOidcToken({ iat: now, exp: now + 3600 }));
});

type Backend = 'gemini-api' | 'vertex-ai';
let pr = 1200;

function action(backend: Backend, n: number, inputs: Record<string, string> = {}): RunnerEnv {
  const common = {
    'training-data': 'examples/number-generator/train.jsonl',
    'eval-data': '',
    'github-token': GITHUB_TOKEN,
    'comment-key': `endings-${n}`,
    ...inputs,
  };
  const opts = { prNumber: n, githubApiUrl: ghProxy.url };
  if (backend === 'gemini-api') {
    return runnerEnv({ inputs: { ...common, 'api-key': API_KEY, 'api-endpoint': geminiProxy.url }, ...opts });
  }
  return runnerEnv({
    inputs: {
      ...common,
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': 'gs://endings-staging/runs',
      'api-endpoint': vertexProxy.url,
    },
    ...opts,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
  });
}

const proxyOf = (b: Backend): FaultProxy => (b === 'gemini-api' ? geminiProxy : vertexProxy);
const POLL = { 'gemini-api': /\/operations\//, 'vertex-ai': /\/tuningJobs\/[^/?]+$/ };
const CREATE = { 'gemini-api': /^\/v1beta\/tunedModels\?/, 'vertex-ai': /\/tuningJobs$/ };
const GENERATE = { 'gemini-api': /:generateContent$/, 'vertex-ai': /:generateContent$/ };

/** The remote jobs (Gemini API: tuned models) and their states. */
function remote(b: Backend): string[] {
  if (b === 'gemini-api') return gemini.tunedModels().map((m) => String(m['state']));
  return vertex.vertex.jobs.all().map((r) => String((vertex.vertex.jobs.render(r) as { state: string }).state));
}
const cancelCalls = (b: Backend): number =>
  (b === 'gemini-api' ? gemini : vertex).requests.filter((r) => r.method === 'DELETE' || r.path.endsWith(':cancel'))
    .length;
const RUNNING = { 'gemini-api': 'CREATING', 'vertex-ai': 'JOB_STATE_RUNNING' };

const googleError = (status: number, code: string): ProxyAction => ({
  kind: 'answer',
  status,
  body: JSON.stringify({ error: { code: status, message: `endings: ${code}`, status: code } }),
});

function reportOf(runner: RunnerEnv): Record<string, unknown> {
  const path = runner.outputs()['report-path'] ?? '';
  expect(path, 'report-path output').not.toBe('');
  expect(existsSync(path)).toBe(true);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The one comment on the pull request, which must be a final one. */
function finalComment(n: number): string {
  const comments = gh.comments('octo-org', 'number-tuner', n);
  expect(comments).toHaveLength(1);
  const body = comments[0]!.body;
  expect(body).not.toMatch(/Gemini tuning (started|in progress)/);
  return body;
}

/** An error after create: published, non-zero, and the job left running for `resume:`. */
async function expectLeftRunning(b: Backend, n: number, runner: RunnerEnv, main: InProcessResult): Promise<void> {
  expect(main.exitCode, main.stdout).toBe(1);
  const out = runner.outputs();
  expect(out['state']).toBe('CREATING');
  expect(out['job']).not.toBe('');
  // Known on the Gemini API from the start; on Vertex AI only once the job has succeeded.
  if (b === 'gemini-api') expect(out['tuned-model']).not.toBe('');
  expect(out['comment-url']).toMatch(/^https:\/\/github\.com\/.*#issuecomment-\d+$/);
  const report = reportOf(runner);
  expect(report['state']).toBe('CREATING');
  expect(report['resumeWith']).toBe(out['job']);
  expect(String(report['error'])).toContain('the tuning job is still running');
  expect(main.stdout).toMatch(new RegExp(`::notice::.*resume: ${out['job']!.replace(/[/.]/g, '\\$&')}`));
  expect(runner.summary()).toContain(out['job']);
  expect(finalComment(n)).toContain('The tuning job was left running');
  expect(main.stdout).toContain('::error::gemini-tune failed with:');
  // Not a cancellation: the main step and the post step leave it alone.
  expect(runner.state()['settled']).toBe('true');
  proxyOf(b).clear();
  const post = await runPostStep(runner, { clock });
  expect(post.exitCode).toBe(0);
  expect(cancelCalls(b)).toBe(0);
  expect(remote(b)).toEqual([RUNNING[b]]);
}

const BACKENDS: Backend[] = ['gemini-api', 'vertex-ai'];

describe('item 7: a non-retryable error after create publishes and leaves the job running', () => {
  for (const b of BACKENDS) {
    for (const [status, code] of [
      [401, 'UNAUTHENTICATED'],
      [403, 'PERMISSION_DENIED'],
      [404, 'NOT_FOUND'],
    ] as const) {
      it(`${b}: ${status} while polling`, async () => {
        const n = pr++;
        proxyOf(b).add({ method: 'GET', path: POLL[b], skip: 1, action: googleError(status, code) });
        const runner = action(b, n);
        const main = await runMain(runner, { clock });
        expect(main.stdout).toContain(`${code} (HTTP ${status})`);
        await expectLeftRunning(b, n, runner, main);
      });
    }

    it(`${b}: a create answered 200 with a body that is not JSON`, async () => {
      const n = pr++;
      // The service made the job; the answer was lost on the way.
      proxyOf(b).add({
        method: 'POST',
        path: CREATE[b],
        action: { kind: 'replace', status: 200, body: 'Created null', contentType: 'text/plain' },
      });
      const runner = action(b, n);
      const main = await runMain(runner, { clock });
      expect(main.exitCode, main.stdout).toBe(1);
      expect(main.stderr).toBe('');
      const out = runner.outputs();
      const report = reportOf(runner);
      expect(report['state']).toBe(out['state']);
      expect(String(report['error'])).not.toBe('');
      finalComment(n);
      // An error is not a cancellation: the job the service made is not deleted, now or by the post step.
      proxyOf(b).clear();
      const post = await runPostStep(runner, { clock });
      expect(post.exitCode).toBe(0);
      expect(cancelCalls(b)).toBe(0);
      expect(remote(b)).toEqual([RUNNING[b]]);
    });
  }
});

/** Sends SIGINT (to this process's listeners, as the runner's would reach them) when the request arrives. */
const sigint: ProxyAction = { kind: 'tap', fn: () => void process.emit('SIGINT', 'SIGINT') };

describe('item 8: a cancellation publishes', () => {
  for (const b of BACKENDS) {
    it(`${b}: SIGINT while polling: report, summary, final comment and every known output`, async () => {
      const n = pr++;
      proxyOf(b).add({ method: 'GET', path: POLL[b], skip: 1, action: sigint });
      const runner = action(b, n);
      const main = await runMain(runner, { clock });
      expect(main.exitCode, main.stdout).toBe(1);
      const out = runner.outputs();
      expect(out['state']).toBe('CANCELLED');
      if (b === 'gemini-api') expect(out['tuned-model']).not.toBe('');
      expect(out['job']).not.toBe('');
      expect(out['comment-url']).toMatch(/#issuecomment-\d+$/);
      expect(reportOf(runner)['state']).toBe('CANCELLED');
      expect(runner.summary()).toContain('CANCELLED');
      expect(finalComment(n)).toContain('CANCELLED');
      expect(cancelCalls(b)).toBe(1);
    });

    it(`${b}: SIGINT during the eval: the run reports what it has (state ACTIVE) and fails`, async () => {
      const n = pr++;
      gemini.configure({ training: { stepMs: 10 }, generate: { latencyMs: 50 } });
      vertex.configure({ vertex: { stepMs: 10 }, generate: { latencyMs: 50 } });
      proxyOf(b).add({ method: 'POST', path: GENERATE[b], action: sigint });
      const runner = action(b, n, { 'eval-data': 'examples/number-generator/eval.jsonl' });
      const main = await runMain(runner, { clock });
      expect(main.exitCode, main.stdout).toBe(1);
      const out = runner.outputs();
      // Tuning had ended: nothing to cancel, and the tuned model stays usable.
      expect(out['state']).toBe('ACTIVE');
      expect(out['tuned-model']).not.toBe('');
      expect(out['comment-url']).toMatch(/#issuecomment-\d+$/);
      const report = reportOf(runner);
      expect(report['state']).toBe('ACTIVE');
      expect(String(report['error'])).toContain('SIGINT');
      expect(main.stdout).toMatch(/::error::gemini-tune failed with: .*SIGINT/);
      finalComment(n);
      expect(cancelCalls(b)).toBe(0);
    });

    it(`${b}: SIGINT during the final comment write: the comment is still written, the verdict stands`, async () => {
      const n = pr++;
      gemini.configure({ training: { stepMs: 10 } });
      vertex.configure({ vertex: { stepMs: 10 } });
      ghProxy.add({
        path: /\/issues\/(\d+\/)?comments(\/\d+)?$/,
        body: /^(?=[\s\S]*"body")(?![\s\S]*Gemini tuning (started|in progress))/,
        action: sigint,
      });
      const runner = action(b, n);
      const main = await runMain(runner, { clock });
      expect(ghProxy.hits.some((h) => h.action === 'tap')).toBe(true);
      expect(main.exitCode, main.stdout).toBe(0);
      expect(runner.outputs()['state']).toBe('ACTIVE');
      expect(runner.outputs()['comment-url']).toMatch(/#issuecomment-\d+$/);
      expect(reportOf(runner)['state']).toBe('ACTIVE');
      finalComment(n);
      expect(cancelCalls(b)).toBe(0);
    });
  }
});
