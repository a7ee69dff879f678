/**
 * The fault matrix, with the bundle run as the runner runs it (`node dist/main/index.js`, then the
 * post step) against the emulator's fault injector: for every fault, the expected end state,
 * exactly one tuned model created, the report and the job summary written, the post step quiet,
 * and neither the API key nor the GitHub token in any output channel.
 *
 * Then reuse through the bundle: a re-run with identical inputs creates nothing, through the
 * Actions cache (a fake of the cache service speaking its v2 protocol to the real @actions/cache)
 * and, with the cache service unavailable, through the remote lookup.
 */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startActionsCacheFake, type ActionsCacheFake } from '../emulator/actions-cache-fake.js';
import {
  startEmulator,
  startGitHubFake,
  type Emulator,
  type FaultRule,
  type GitHubFake,
  type TrainingOptions,
} from '../emulator/index.js';
import { GITHUB_TOKEN, createCalls, deleteCalls, geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, DIST_POST, runNode, runnerEnv, type ProcessResult, type RunnerEnv } from '../helpers/runner-env.js';

const API_KEY = 'AIzaSyFaults-secret-key-do-not-print-77';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { stepMs: 15 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' } });
});

const CREATE = { method: 'POST', path: /^\/v1beta\/tunedModels$/ } as const;
const POLL = { method: 'GET', path: '/operations/' } as const;

interface Case {
  name: string;
  faults?: FaultRule[];
  training?: TrainingOptions;
  inputs?: Record<string, string>;
  state: 'ACTIVE' | 'FAILED' | 'CREATING';
  exitCode: 0 | 1;
  /** Proof that the fault did happen (so that a green row means something). */
  happened: (requests: Emulator['requests']) => boolean;
  /** Whether a retry must show in the debug log. */
  retried?: boolean;
  check?: (r: { main: ProcessResult; runner: RunnerEnv; report: Record<string, unknown> }) => void;
}

const statusSeen = (code: number, method?: string) => (rs: Emulator['requests']) =>
  rs.some((r) => r.status === code && (method === undefined || r.method === method));

const MATRIX: Case[] = [
  {
    name: '429 storm on create and on polling (Retry-After honoured)',
    faults: [
      { ...CREATE, kind: 'status', status: 429, retryAfterSeconds: 1, times: 3 },
      { ...POLL, kind: 'status', status: 429, retryAfterSeconds: 1, times: 3 },
    ],
    state: 'ACTIVE',
    exitCode: 0,
    happened: (rs) => rs.filter((r) => r.status === 429).length === 6,
    retried: true,
    check: ({ main }) => expect(main.stdout).toContain('(server asked via Retry-After)'),
  },
  {
    name: '503 burst on every call',
    faults: [{ kind: 'status', status: 503, times: 3 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: (rs) => rs.filter((r) => r.status === 503).length === 3,
    retried: true,
  },
  {
    name: 'connection reset on create, before the service saw it',
    faults: [{ ...CREATE, kind: 'reset', times: 2 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: statusSeen(0, 'POST'),
    retried: true,
  },
  {
    name: 'connection reset on create, after the service created the model (idempotent create)',
    faults: [{ ...CREATE, kind: 'reset-after', times: 1 }],
    state: 'ACTIVE',
    exitCode: 0,
    // The retried create found ALREADY_EXISTS and attached to the model the first attempt made.
    happened: (rs) => {
      const creates = rs.filter((r) => r.method === 'POST' && /\/tunedModels\?/.test(r.path));
      return creates.length === 2 && creates[0]!.status === 0 && creates[1]!.status === 409;
    },
    retried: true,
  },
  {
    name: 'connection reset on polling',
    faults: [{ ...POLL, kind: 'reset', times: 3 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: statusSeen(0, 'GET'),
    retried: true,
  },
  {
    name: 'slow responses on every call',
    faults: [{ kind: 'latency', delayMs: 400 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: (rs) => rs.length >= 3 && rs.every((r) => r.status === 200 || r.status === 404),
  },
  {
    name: 'operation error (the operation ends done with an error at once)',
    training: { stepMs: 15, outcome: 'FAILED', failAtPercent: 0 },
    state: 'FAILED',
    exitCode: 1,
    happened: () => emu.tunedModels().some((m) => m['state'] === 'FAILED'),
    check: ({ main, report }) => {
      expect(main.stdout).toContain('::error::gemini-tune failed with: tuning FAILED');
      // The service's own reason, in the report and in the failure message.
      const reason = report['error'] as string;
      expect(reason).toMatch(/\S/);
      expect(main.stdout).toContain(reason);
    },
  },
  {
    name: 'tuning FAILED half way (loss so far reported)',
    training: { stepMs: 15, outcome: 'FAILED', failAtPercent: 50 },
    state: 'FAILED',
    exitCode: 1,
    happened: () => emu.tunedModels().some((m) => m['state'] === 'FAILED'),
    check: ({ report }) => expect((report['snapshots'] as unknown[]).length).toBeGreaterThan(0),
  },
  {
    name: 'timeout: the job is left running and the exact resume: line is printed',
    training: { stepMs: 2000 },
    inputs: { 'timeout-minutes': '0.05' },
    state: 'CREATING',
    exitCode: 1,
    happened: () => emu.tunedModels().some((m) => m['state'] === 'CREATING'),
    check: ({ main, runner, report }) => {
      const job = runner.outputs()['job']!;
      expect(job).toMatch(/^tunedModels\/[a-z0-9-]+\/operations\/.+$/);
      expect(report['resumeWith']).toBe(job);
      expect(main.stdout).toContain(`resume: ${job}`);
      expect(runner.summary()).toContain(job);
      expect(runner.state()['settled']).toBe('true');
    },
  },
];

const runs: { runner: RunnerEnv; results: ProcessResult[] }[] = [];

describe('fault matrix (dist/ as a child process)', () => {
  MATRIX.forEach((c, i) => {
    it(c.name, async () => {
      if (c.training) emu.configure({ training: c.training });
      for (const f of c.faults ?? []) emu.faults.add(f);
      const runner = geminiRun(
        { emu, gh, apiKey: API_KEY },
        { 'eval-data': '', 'comment-key': `faults-${i}`, ...(c.inputs ?? {}) },
        { prNumber: 300 + i },
      );
      const main = await runNode(DIST_MAIN, runner.env);
      expect(main.stderr).toBe('');
      expect(main.code, main.stdout).toBe(c.exitCode);
      const out = runner.outputs();
      expect(out['state']).toBe(c.state);
      expect(out['cache-hit']).toBe('false');

      expect(c.happened(emu.requests), 'the fault happened').toBe(true);
      // Exactly one remote job, however many attempts the create took.
      expect(emu.stats().creates).toBe(1);
      expect(emu.tunedModels()).toHaveLength(1);
      if (c.retried) expect(main.stdout).toMatch(/::debug::[^\n]*attempt 1 failed[^\n]*retrying in \d+ ms/);

      // Report and summary, every time.
      expect(existsSync(out['report-path']!)).toBe(true);
      const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
      expect(report['state']).toBe(c.state);
      expect(report['tunedModel']).toBe(out['tuned-model']);
      expect(runner.summary()).toContain(c.state);
      expect(gh.comments('octo-org', 'number-tuner', 300 + i)).toHaveLength(1);
      c.check?.({ main, runner, report });

      // The post step never deletes here (the main step finished) and never fails.
      emu.faults.clear();
      const post = await runNode(DIST_POST, runner.postEnv());
      expect(post.code).toBe(0);
      expect(post.stdout).not.toContain('::warning');
      expect(deleteCalls(emu)).toBe(0);
      runs.push({ runner, results: [main, post] });
    });
  });

  it('a timed-out job is picked up with the printed resume: value, or by its tuned model name', async () => {
    emu.configure({ training: { stepMs: 150 } });
    const first = geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'eval-data': '', 'timeout-minutes': '0.02' },
      { event: 'push' },
    );
    const m1 = await runNode(DIST_MAIN, first.env);
    expect(m1.code).toBe(1);
    // A notice (shown as its own lines by the runner: the newline travels as %0A).
    const line = /^::notice::.*%0A\s*resume: (tunedModels\/[a-z0-9-]+\/operations\/[\w-]+)$/m.exec(m1.stdout);
    expect(line, 'the log prints the resume: line').not.toBeNull();
    const job = line![1]!;
    expect(first.outputs()).toMatchObject({ state: 'CREATING', job });
    for (const resume of [job, first.outputs()['tuned-model']!]) {
      const again = geminiRun(
        { emu, gh, apiKey: API_KEY },
        { 'eval-data': '', 'training-data': '', resume },
        { event: 'push' },
      );
      const m = await runNode(DIST_MAIN, again.env);
      expect(m.code, m.stdout).toBe(0);
      expect(again.outputs()).toMatchObject({ state: 'ACTIVE', 'tuned-model': first.outputs()['tuned-model'] });
    }
    expect(emu.stats().creates).toBe(1);
    expect(deleteCalls(emu)).toBe(0);
  });

  it('no fault run showed the API key or the GitHub token in any channel', () => {
    expect(runs).toHaveLength(MATRIX.length);
    const stdout = runs.flatMap((r) => r.results.map((p) => p.stdout)).join('\n');
    // The runner consumes ::add-mask:: lines; both secrets are masked first thing.
    for (const r of runs)
      expect(r.results[0]!.stdout.split('\n').slice(0, 2).sort()).toEqual(
        [`::add-mask::${API_KEY}`, `::add-mask::${GITHUB_TOKEN}`].sort(),
      );
    const channels: Record<string, string> = {
      stdout: stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      stderr: runs.flatMap((r) => r.results.map((p) => p.stderr)).join('\n'),
      summary: runs.map((r) => r.runner.summary()).join('\n'),
      outputs: JSON.stringify(runs.map((r) => r.runner.outputs())),
      state: JSON.stringify(runs.map((r) => r.runner.state())),
      report: runs.map((r) => readFileSync(r.runner.outputs()['report-path']!, 'utf8')).join('\n'),
      comments: MATRIX.map((_, i) =>
        gh
          .comments('octo-org', 'number-tuner', 300 + i)
          .map((c) => c.body)
          .join('\n'),
      ).join('\n'),
    };
    for (const [channel, text] of Object.entries(channels)) {
      if (channel !== 'stderr') expect(text.length, channel).toBeGreaterThan(0);
      expect(text.includes(API_KEY), `API key in ${channel}`).toBe(false);
      expect(text.includes(GITHUB_TOKEN), `GitHub token in ${channel}`).toBe(false);
    }
  });
});

/**
 * Two runs with bearer tokens from the emulator's STS / IAM credentials routes (the external_account
 * files google-github-actions/auth writes): through a service account riding out a 503 burst, then
 * direct federation with a tuning that FAILS. Checks that every token sent to the Gemini API was
 * masked first, and that no issued token, the OIDC token or the GitHub token shows in any channel.
 */
async function bearerTokenRuns(tokenLifetimeSeconds: number): Promise<{ used: Set<string> }> {
  {
    const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-wif-'));
    const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const oidc = [
      enc({ alg: 'RS256', typ: 'JWT' }),
      enc({
        iss: 'https://token.actions.githubusercontent.com',
        sub: 'repo:octo-org/number-tuner:ref:refs/heads/main',
        iat: now,
        exp: now + 3600,
      }),
      'c2lnbmF0dXJl',
    ].join('.');
    writeFileSync(join(dir, 'oidc-token'), oidc);
    // What google-github-actions/auth writes: through a service account (impersonation), or direct.
    const external = {
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/faults',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emu.url}/v1/token`,
      credential_source: { file: join(dir, 'oidc-token') },
    };
    const impersonated = join(dir, 'gha-creds-impersonated.json');
    writeFileSync(
      impersonated,
      JSON.stringify({
        ...external,
        service_account_impersonation_url: `${emu.url}/v1/projects/-/serviceAccounts/gemini-tune@faults-proj.iam.gserviceaccount.com:generateAccessToken`,
      }),
    );
    const direct = join(dir, 'gha-creds-direct.json');
    writeFileSync(direct, JSON.stringify(external));
    const runners: RunnerEnv[] = [];
    const results: ProcessResult[] = [];
    // Impersonation, riding out a 503 burst; then direct federation and a tuning that FAILS (error
    // messages are the likeliest leak).
    const plan = [
      { outcome: 'ACTIVE', credentials: impersonated },
      { outcome: 'FAILED', credentials: direct },
    ] as const;
    for (const [i, { outcome, credentials }] of plan.entries()) {
      emu.configure({ training: { stepMs: 150, outcome }, auth: { tokenLifetimeSeconds } });
      emu.faults.clear();
      emu.faults.add({ kind: 'status', status: 503, times: 2 });
      const runner = geminiRun(
        { emu, gh, apiKey: '' },
        {
          'eval-data': i === 0 ? 'examples/number-generator/eval.jsonl' : '',
          'comment-key': `wif-${i}`,
          cache: 'false',
        },
        {
          prNumber: 400 + i, // google-github-actions/auth exports the project too; without it google-auth-library would look
          // the project up at cloudresourcemanager.googleapis.com.
          // Another run id each time: with cache: false the tuned model id is per run.
          extra: {
            GOOGLE_APPLICATION_CREDENTIALS: credentials,
            GOOGLE_CLOUD_PROJECT: 'faults-proj',
            GITHUB_RUN_ID: String(7000 + i),
          },
        },
      );
      const main = await runNode(DIST_MAIN, runner.env);
      expect(main.code, main.stdout).toBe(i === 0 ? 0 : 1);
      expect(runner.outputs()['state']).toBe(outcome);
      results.push(main, await runNode(DIST_POST, runner.postEnv()));
      runners.push(runner);
    }
    // The Gemini API calls carried issued (impersonated) tokens, not an API key. (The STS token only
    // ever goes from google-auth-library to the IAM credentials route; it is scanned for below.)
    const used = new Set(
      emu.requests
        .filter((r) => r.path.startsWith('/v1beta/'))
        .map((r) => /^Bearer (.+)$/.exec(r.headers['authorization'] ?? '')?.[1])
        .filter((t): t is string => t !== undefined),
    );
    expect(used.size).toBeGreaterThan(0);
    expect(emu.requests.some((r) => r.headers['x-goog-api-key'])).toBe(false);
    const issued = emu.tokens.all().map((t) => t.token);
    for (const t of used) expect(issued).toContain(t);

    const stdout = results.map((r) => r.stdout).join('\n');
    // Masked before use: the runner hides every later occurrence (the ::add-mask:: line itself is consumed).
    for (const t of used) expect(stdout).toContain(`::add-mask::${t}`);
    const channels: Record<string, string> = {
      stdout: stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      stderr: results.map((r) => r.stderr).join('\n'),
      summary: runners.map((r) => r.summary()).join('\n'),
      outputs: JSON.stringify(runners.map((r) => r.outputs())),
      state: JSON.stringify(runners.map((r) => r.state())),
      report: runners.map((r) => readFileSync(r.outputs()['report-path']!, 'utf8')).join('\n'),
      comments: [400, 401]
        .map((n) =>
          gh
            .comments('octo-org', 'number-tuner', n)
            .map((c) => c.body)
            .join('\n'),
        )
        .join('\n'),
    };
    for (const [channel, text] of Object.entries(channels)) {
      if (channel !== 'stderr') expect(text.length, channel).toBeGreaterThan(0);
      for (const t of issued) expect(text.includes(t), `access token in ${channel}`).toBe(false);
      expect(text.includes(oidc), `OIDC token in ${channel}`).toBe(false);
      expect(text.includes(GITHUB_TOKEN), `GitHub token in ${channel}`).toBe(false);
    }
    return { used };
  }
}

describe('bearer-token auth (Workload Identity Federation) under faults', () => {
  it('masks every access token first and never shows one, nor the OIDC token, in any channel', async () => {
    await bearerTokenRuns(3600);
  });

  // Tokens this short-lived (what direct federation gives) are renewed by the library between
  // requests: every token actually sent must have been masked first, not only the first one.
  it('masks renewed tokens too, when they live only seconds', async () => {
    const { used } = await bearerTokenRuns(2);
    expect(used.size).toBeGreaterThan(2);
  });
});

describe('reuse through the bundle: a re-run with identical inputs creates nothing', () => {
  let cache: ActionsCacheFake;
  let runnerTemp: string;
  beforeAll(async () => {
    cache = await startActionsCacheFake();
  });
  afterAll(async () => {
    await cache.close();
  });

  const run = (cacheEnv: Record<string, string> | null) =>
    geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'eval-data': '' },
      { event: 'push', extra: { RUNNER_TEMP: runnerTemp, ...(cacheEnv ?? {}) } },
    );

  it('through the Actions cache, then through the remote lookup when the cache service is unavailable', async () => {
    runnerTemp = mkdtempSync(join(tmpdir(), 'gemini-tune-e2e-cache-'));
    const token = cache.token({ write: 'refs/heads/main' });

    const first = run(cache.env(token));
    const m1 = await runNode(DIST_MAIN, first.env);
    expect(m1.code, m1.stdout).toBe(0);
    expect(first.outputs()).toMatchObject({ state: 'ACTIVE', 'cache-hit': 'false' });
    expect(cache.entries()).toMatchObject([{ finalized: true, scope: 'refs/heads/main' }]);

    // Second run: restored from the Actions cache, verified ACTIVE, nothing created.
    const second = run(cache.env(token));
    const m2 = await runNode(DIST_MAIN, second.env);
    expect(m2.code, m2.stdout).toBe(0);
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
    const m3 = await runNode(DIST_MAIN, third.env);
    expect(m3.code, m3.stdout).toBe(0);
    expect(m3.stdout).not.toContain('Cache hit (Actions cache)');
    expect(m3.stdout).not.toMatch(/::(error|warning)::/);
    expect(third.outputs()).toMatchObject({ 'cache-hit': 'true', 'tuned-model': first.outputs()['tuned-model'] });
    cache.setFault('none');

    // Fourth run: no cache service at all (a local run).
    const fourth = run(null);
    const m4 = await runNode(DIST_MAIN, fourth.env);
    expect(m4.code, m4.stdout).toBe(0);
    expect(fourth.outputs()).toMatchObject({ 'cache-hit': 'true', 'tuned-model': first.outputs()['tuned-model'] });

    expect(createCalls(emu)).toBe(1);
    expect(emu.stats().creates).toBe(1);
    for (const r of [first, second, third, fourth]) {
      const post = await runNode(DIST_POST, r.postEnv());
      expect(post.code).toBe(0);
    }
    expect(deleteCalls(emu)).toBe(0);
  });
});

/** The vertex-ai backend against the emulator's Vertex AI, Cloud Storage, STS and IAM credentials. */
describe('fault matrix on Vertex AI (dist/ as a child process)', () => {
  const PROJECT = 'faults-tuning-proj';
  let vemu: Emulator;
  let credentials: string;
  beforeAll(async () => {
    vemu = await startEmulator({ vertex: { stepMs: 10 } });
    const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-vertex-faults-'));
    const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    writeFileSync(
      join(dir, 'oidc'),
      [
        enc({ alg: 'RS256', typ: 'JWT' }),
        enc({ sub: 'repo:octo-org/number-tuner', iat: now, exp: now + 3600 }),
        'c2ln',
      ].join('.'),
    );
    credentials = join(dir, 'creds.json');
    writeFileSync(
      credentials,
      JSON.stringify({
        type: 'external_account',
        audience:
          '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/f',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${vemu.url}/v1/token`,
        service_account_impersonation_url: `${vemu.url}/v1/projects/-/serviceAccounts/gemini-tune@${PROJECT}.iam.gserviceaccount.com:generateAccessToken`,
        credential_source: { file: join(dir, 'oidc') },
      }),
    );
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
  const jobs = (): { name: string; state: string }[] =>
    vemu.vertex.jobs.all().map((r) => {
      const j = vemu.vertex.jobs.render(r) as { name: string; state: string };
      return { name: j.name, state: j.state };
    });

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

  VERTEX_MATRIX.forEach((c, i) => {
    it(c.name, async () => {
      if (c.vertex) vemu.configure({ vertex: { stepMs: 10, outcome: 'SUCCEEDED', ...c.vertex } });
      for (const f of c.faults ?? []) vemu.faults.add(f);
      const runner = vertexRun(i);
      let acted: Promise<void> | undefined;
      const main = await runNode(DIST_MAIN, runner.env, {
        onSpawn: () => {
          if (!c.during) return;
          const timer = setInterval(() => {
            const job = runner.state()['job'];
            if (!job) return;
            clearInterval(timer);
            acted = c.during!(job);
          }, 25);
        },
      });
      await acted;
      expect(main.stderr).toBe('');
      expect(main.code, main.stdout).toBe(c.exitCode);
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
      const post = await runNode(DIST_POST, runner.postEnv());
      expect(post.code).toBe(0);
      expect(vemu.requests.filter((r) => r.path.endsWith(':cancel')).length).toBe(c.during ? 1 : 0);
      for (const channel of [main.stdout, post.stdout, runner.summary(), JSON.stringify(report)]) {
        expect(channel.replace(/^::add-mask::.*$/gm, '')).not.toContain(GITHUB_TOKEN);
      }
    });
  });

  it('a re-run with identical inputs reuses the tuned model: through the Actions cache, then by label', async () => {
    const cache = await startActionsCacheFake();
    try {
      const temp = mkdtempSync(join(tmpdir(), 'gemini-tune-vertex-cache-'));
      const token = cache.token();
      const first = vertexRun(20, { RUNNER_TEMP: temp, ...cache.env(token) });
      const m1 = await runNode(DIST_MAIN, first.env);
      expect(m1.code, m1.stdout).toBe(0);
      expect(cache.entries()).toHaveLength(1);

      const second = vertexRun(21, { RUNNER_TEMP: temp, ...cache.env(token) });
      const m2 = await runNode(DIST_MAIN, second.env);
      expect(m2.code, m2.stdout).toBe(0);
      expect(m2.stdout).toContain('Cache hit (Actions cache)');
      expect(second.outputs()).toMatchObject({
        'cache-hit': 'true',
        job: first.outputs()['job'],
        endpoint: first.outputs()['endpoint'],
      });

      const third = vertexRun(22, { RUNNER_TEMP: temp }); // no cache service: the label lookup
      const m3 = await runNode(DIST_MAIN, third.env);
      expect(m3.code, m3.stdout).toBe(0);
      expect(m3.stdout).not.toContain('Cache hit (Actions cache)');
      expect(third.outputs()).toMatchObject({ 'cache-hit': 'true', job: first.outputs()['job'] });
      expect(vertexCreates()).toHaveLength(1);
    } finally {
      await cache.close();
    }
  });
});
