/**
 * The fault matrix of issue 12: each phase of a run (upload [Vertex AI only], create, poll, eval,
 * final comment write) × {SIGINT, a non-retryable error, a hang} × both backends, with the real
 * run() and post step in this process on a virtual clock shared with the emulator. For every
 * cell: the exit code, `state`, a JSON report on disk, a final PR comment that is not "in
 * progress", and whether the remote job was cancelled (deleted) exactly when the contract says:
 * SIGINT → cancelled once its name is known (`state: CANCELLED`); an error → left running; a
 * hang → bounded by `timeout-minutes`, left running. The matrix is printed at the end.
 *
 * Faults are placed by a proxy in front of the emulator and the GitHub fake
 * (test/helpers/fault-proxy.ts): the signal is sent the moment the phase's request arrives.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { startFaultProxy, type FaultProxy, type ProxyAction, type ProxyRule } from '../helpers/fault-proxy.js';
import { GITHUB_TOKEN } from '../helpers/harness.js';
import { runMain, runPostStep } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile, githubOidcToken } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();
const API_KEY = 'AIzaSyMatrix-secret-key-do-not-print-31';
const PROJECT = 'matrix-tuning-proj';
const TIMEOUT_MINUTES = 30;

let gemini: Emulator;
let vertex: Emulator;
let gh: GitHubFake;
let geminiProxy: FaultProxy;
let vertexProxy: FaultProxy;
let ghProxy: FaultProxy;
let credentials: string;

beforeAll(async () => {
  gemini = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 60_000 } });
  vertex = await startEmulator({ now: clock.now, vertex: { stepMs: 60_000 } });
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
  for (const p of [geminiProxy, vertexProxy, ghProxy]) {
    p.clear();
    p.onHang = null;
  }
  gemini.reset();
  vertex.reset();
  // GitHub's OIDC token, valid for an hour of the (virtual) time the emulator's STS checks it on.
  const now = Math.floor(clock.now() / 1000);
  writeFileSync(`${credentials}.oidc`, githubOidcToken({ iat: now, exp: now + 3600 }));
  gemini.configure({ training: { outcome: 'ACTIVE' } });
  vertex.configure({ vertex: { outcome: 'SUCCEEDED' } });
});

type Backend = 'gemini-api' | 'vertex-ai';
type Phase = 'upload' | 'create' | 'poll' | 'eval' | 'comment';
type Fault = 'SIGINT' | 'error' | 'hang';
/** What became of the remote job. */
type Remote = 'none' | 'running' | 'cancelled' | 'deleted' | 'trained';

interface Expected {
  exitCode: 0 | 1;
  state: string;
  remote: Remote;
  /** 'retried': GitHub did not answer the first final write (it hung); the second one landed. */
  comment?: 'final' | 'retried';
}

/** The contract, cell by cell. */
function expected(backend: Backend, phase: Phase, fault: Fault): Expected {
  const gone: Remote = backend === 'gemini-api' ? 'deleted' : 'cancelled';
  if (fault === 'SIGINT') {
    // During the upload no create was sent yet: none is sent, nothing to cancel.
    if (phase === 'upload') return { exitCode: 1, state: 'CANCELLED', remote: 'none' };
    // The job is cancelled as soon as its name is known.
    if (phase === 'create' || phase === 'poll') return { exitCode: 1, state: 'CANCELLED', remote: gone };
    // Tuning has ended: nothing to cancel; the run still fails (it was cancelled) after its report.
    if (phase === 'eval') return { exitCode: 1, state: 'ACTIVE', remote: 'trained' };
    // The verdict was reached and written before the signal: it stands.
    return { exitCode: 0, state: 'ACTIVE', remote: 'trained' };
  }
  if (fault === 'error') {
    // A 403 on the upload or the create: nothing was created, and the run cannot go on.
    if (phase === 'upload' || phase === 'create') return { exitCode: 1, state: 'REJECTED', remote: 'none' };
    if (phase === 'poll') return { exitCode: 1, state: 'CREATING', remote: 'running' };
    // An eval call refused: its cases error (no gate here); the comment writer recovers from a 404.
    return { exitCode: 0, state: 'ACTIVE', remote: 'trained' };
  }
  // hang: timeout-minutes bounds the whole run; a job is left running. Before a job was confirmed
  // (the create never answered) there is nothing to resume: FAILED.
  if (phase === 'upload' || phase === 'create') return { exitCode: 1, state: 'FAILED', remote: 'none' };
  if (phase === 'poll') return { exitCode: 1, state: 'CREATING', remote: 'running' };
  if (phase === 'eval') return { exitCode: 1, state: 'ACTIVE', remote: 'trained' };
  // A GitHub call that never answers is cut off after its own time limit and never fails the run;
  // the final write is sent once more, so the comment does not stay "in progress".
  return { exitCode: 0, state: 'ACTIVE', remote: 'trained', comment: 'retried' };
}

/** The request each phase is recognised by. */
function phaseRequest(backend: Backend, phase: Exclude<Phase, 'comment'>): Pick<ProxyRule, 'method' | 'path'> {
  if (backend === 'gemini-api') {
    if (phase === 'create') return { method: 'POST', path: /^\/v1beta\/tunedModels\?/ };
    if (phase === 'poll') return { method: 'GET', path: /\/operations\// };
    if (phase === 'eval') return { method: 'POST', path: /^\/v1beta\/tunedModels\/[^/]+:generateContent/ };
    throw new Error('the Gemini API has no upload');
  }
  if (phase === 'upload') return { method: 'POST', path: /^\/upload\/storage\/v1\/b\/[^/]+\/o\?/ };
  if (phase === 'create') return { method: 'POST', path: /\/tuningJobs$/ };
  if (phase === 'poll') return { method: 'GET', path: /\/tuningJobs\/[^/?]+$/ };
  return { method: 'POST', path: /\/endpoints\/[^/]+:generateContent/ };
}

const googleError = (status: number, code: string, message: string): ProxyAction => ({
  kind: 'answer',
  status,
  body: JSON.stringify({ error: { code: status, message, status: code } }),
});

const ERRORS: Record<Exclude<Phase, 'comment'>, ProxyAction> = {
  upload: googleError(403, 'PERMISSION_DENIED', 'matrix: the caller may not write to this bucket'),
  create: googleError(403, 'PERMISSION_DENIED', 'matrix: permission denied on create'),
  poll: googleError(404, 'NOT_FOUND', 'matrix: the job is not found'),
  eval: googleError(403, 'PERMISSION_DENIED', 'matrix: the caller may not call this model'),
};

/** The final comment write: an edit (or a create) whose body is no longer the "started" one. */
const FINAL_COMMENT: Pick<ProxyRule, 'path' | 'body'> = {
  path: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+\/)?comments(\/\d+)?$/,
  body: /^(?=[\s\S]*"body")(?![\s\S]*Gemini tuning (started|in progress))/,
};

interface Row {
  backend: Backend;
  phase: Phase;
  fault: Fault;
  exitCode: number;
  state: string;
  report: boolean;
  comment: string;
  remote: Remote;
  verdict: string;
}
const rows: Row[] = [];

let pr = 900;

function runnerFor(backend: Backend, n: number): RunnerEnv {
  const common = {
    'eval-data': 'examples/number-generator/eval.jsonl',
    'github-token': GITHUB_TOKEN,
    'comment-key': `matrix-${n}`,
    'timeout-minutes': String(TIMEOUT_MINUTES),
    'training-data': 'examples/number-generator/train.jsonl',
    'epoch-count': '1',
  };
  if (backend === 'gemini-api') {
    return runnerEnv({
      inputs: { ...common, 'api-key': API_KEY, 'api-endpoint': geminiProxy.url },
      prNumber: n,
      githubApiUrl: ghProxy.url,
    });
  }
  return runnerEnv({
    inputs: {
      ...common,
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': 'gs://matrix-staging/runs',
      'api-endpoint': vertexProxy.url,
    },
    prNumber: n,
    githubApiUrl: ghProxy.url,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
  });
}

/** What became of the remote job(s) this run could have made. */
function remoteOutcome(backend: Backend): Remote {
  if (backend === 'gemini-api') {
    const models = gemini.tunedModels();
    const deleted = gemini.requests.some((r) => r.method === 'DELETE' && r.status === 200);
    if (models.length === 0) return deleted ? 'deleted' : 'none';
    expect(models).toHaveLength(1);
    return models[0]!['state'] === 'ACTIVE' ? 'trained' : 'running';
  }
  const jobs = vertex.vertex.jobs.all().map((r) => String((vertex.vertex.jobs.render(r) as { state: string }).state));
  if (jobs.length === 0) return 'none';
  expect(jobs).toHaveLength(1);
  if (jobs[0] === 'JOB_STATE_CANCELLED') return 'cancelled';
  if (jobs[0] === 'JOB_STATE_SUCCEEDED') return 'trained';
  return 'running';
}

const emulatorOf = (backend: Backend): Emulator => (backend === 'gemini-api' ? gemini : vertex);
const proxyOf = (backend: Backend): FaultProxy => (backend === 'gemini-api' ? geminiProxy : vertexProxy);

/** Sends the runner's stop signal, as the runner would, to this process's listeners. */
const sigint = (): ProxyAction => ({ kind: 'tap', fn: () => void process.emit('SIGINT', 'SIGINT') });

const ticking = new Set<NodeJS.Timeout>();
afterEach(() => {
  for (const t of ticking) clearInterval(t);
  ticking.clear();
});

/** While a request hangs (until the run gives up on it), time moves on, ten seconds a turn. */
function advanceWhileHanging(proxy: FaultProxy): void {
  proxy.onHang = () => {
    const tick = setInterval(() => {
      if (proxy.hanging() > 0) return clock.advance(10_000);
      clearInterval(tick);
      ticking.delete(tick);
    }, 2);
    ticking.add(tick);
  };
}

const PHASES: Phase[] = ['upload', 'create', 'poll', 'eval', 'comment'];
const FAULTS: Fault[] = ['SIGINT', 'error', 'hang'];
const BACKENDS: Backend[] = ['gemini-api', 'vertex-ai'];

describe('fault matrix: phase × fault × backend', () => {
  for (const backend of BACKENDS) {
    for (const phase of PHASES) {
      if (backend === 'gemini-api' && phase === 'upload') continue;
      for (const fault of FAULTS) {
        const key = `${backend} ${phase} ${fault}`;
        it(key, async () => {
          const want = expected(backend, phase, fault);
          const n = pr++;
          const proxy = phase === 'comment' ? ghProxy : proxyOf(backend);
          const action: ProxyAction =
            fault === 'SIGINT'
              ? sigint()
              : fault === 'hang'
                ? { kind: 'hang' }
                : phase === 'comment'
                  ? { kind: 'answer', status: 404, body: JSON.stringify({ message: 'Not Found' }) }
                  : ERRORS[phase];
          const where = phase === 'comment' ? FINAL_COMMENT : phaseRequest(backend, phase);
          // An eval error refuses every eval call; the other faults hit the phase's first request.
          proxy.add({ ...where, action, times: fault === 'error' && phase === 'eval' ? Infinity : 1 });
          if (fault === 'hang') advanceWhileHanging(proxy);
          // Train quickly when the fault is meant for what comes after tuning; else slowly enough
          // that the job still trains when the run (bounded by timeout-minutes) has ended.
          const stepMs = phase === 'eval' || phase === 'comment' ? 10 : 3_600_000;
          gemini.configure({ training: { stepMs } });
          vertex.configure({ vertex: { stepMs } });

          const runner = runnerFor(backend, n);
          const main = await runMain(runner, { clock });
          const out = runner.outputs();
          const hit = proxy.hits.some((h) => h.action !== 'pass');
          expect(hit, `the fault was placed (${key})`).toBe(true);

          const reportPath = out['report-path'] ?? '';
          const report = reportPath && existsSync(reportPath);
          const comments = gh.comments('octo-org', 'number-tuner', n);
          const body = comments.at(-1)?.body ?? '';
          const comment =
            comments.length === 0 ? 'none' : /Gemini tuning (started|in progress)/.test(body) ? 'IN PROGRESS' : 'final';
          const remote = remoteOutcome(backend);
          const row: Row = {
            backend,
            phase,
            fault,
            exitCode: main.exitCode,
            state: out['state'] ?? '',
            report: Boolean(report),
            comment,
            remote,
            verdict: 'FAIL',
          };
          rows.push(row);

          expect(main.exitCode, main.stdout).toBe(want.exitCode);
          expect(out['state']).toBe(want.state);
          expect(report, 'a JSON report on disk').toBe(true);
          const json = JSON.parse(readFileSync(reportPath, 'utf8')) as Record<string, unknown>;
          expect(json['state']).toBe(want.state);
          expect(runner.summary()).toContain(want.state);
          expect(comments).toHaveLength(1);
          expect(comment, body).toBe('final');
          if (want.comment === 'retried') {
            expect(main.stdout).toMatch(/::warning::Could not write the PR comment: GitHub did not answer/);
            expect(main.stdout).toContain('sending it once more');
          }
          expect(remote).toBe(want.remote);
          if (fault === 'hang') {
            // Bounded by timeout-minutes, however long the call would have hung.
            const took = Date.parse(String(json['finishedAt'])) - Date.parse(String(json['startedAt']));
            expect(took).toBeLessThanOrEqual(TIMEOUT_MINUTES * 60_000);
          }
          if (want.remote === 'running') {
            // Left running on purpose: the log and the report say how to pick it up again.
            expect(json['resumeWith']).toBe(out['job']);
            expect(main.stdout).toContain(`resume: ${out['job']}`);
          }

          // The post step never changes what the main step decided.
          proxy.clear();
          const before = remoteOutcome(backend);
          const post = await runPostStep(runner, { clock });
          expect(post.exitCode).toBe(0);
          expect(remoteOutcome(backend)).toBe(before);
          expect(
            emulatorOf(backend).requests.filter((r) => r.method === 'DELETE' || r.path.endsWith(':cancel')).length,
          ).toBe(want.remote === 'cancelled' || want.remote === 'deleted' ? 1 : 0);
          row.verdict = 'ok';
        });
      }
    }
  }
});

afterAll(() => {
  const header = ['backend', 'phase', 'fault', 'exit', 'state', 'report', 'comment', 'remote job', 'cell'];
  const lines = rows.map((r) => [
    r.backend,
    r.phase,
    r.fault,
    String(r.exitCode),
    r.state,
    r.report ? 'yes' : 'NO',
    r.comment,
    r.remote,
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const table = [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
  console.log(`\nFault matrix (issue 12)\n${table}\n`);
});
