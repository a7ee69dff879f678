/**
 * The bundle (dist/, or GEMINI_TUNE_DIST) with the vertex-ai backend, run as the runner runs it:
 * `node dist/main/index.js` with INPUT_* (project, location, staging-uri, api-endpoint), an
 * external_account credentials file whose subject token is a file (what google-github-actions/auth
 * writes, here with service-account impersonation), against the emulator's STS, IAM credentials,
 * Cloud Storage and Vertex AI, and the GitHub fake for the PR comment.
 */

import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WORKER_MIN_BYTES } from '../../src/dataset/analysis/thread.js';
import { contentKey, EMPTY_SET_DIGEST } from '../../src/dataset/content-key.js';
import { referenceDigest } from '../helpers/examples-digest.js';
import { loadTrainingSet } from '../../src/dataset/validate/load-training.js';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import {
  DIST_MAIN,
  DIST_POST,
  ROOT,
  runNode,
  runnerEnv,
  workspaceTempDir,
  type RunnerEnvOptions,
} from '../helpers/runner-env.js';

const TOKEN = 'ghs_fake_installation_token';
const PROJECT = 'e2e-tuning-proj';
const BUCKET = 'e2e-staging';
const SA = 'gemini-tune@e2e-tuning-proj.iam.gserviceaccount.com';
let emu: Emulator;
let gh: GitHubFake;
let dir: string;
let credentials: string;

function oidcToken(): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    enc({ alg: 'RS256', typ: 'JWT' }),
    enc({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/number-tuner:ref:refs/heads/main',
      iat: now,
      exp: now + 3600,
    }),
    'c2ln',
  ].join('.');
}

beforeAll(async () => {
  dir = workspaceTempDir('vertex-e2e-');
  emu = await startEmulator({ vertex: { stepMs: 5 } });
  gh = await startGitHubFake();
  const tokenFile = join(dir, 'github-oidc.jwt');
  writeFileSync(tokenFile, oidcToken());
  credentials = join(dir, 'gha-creds-e2e.json');
  writeFileSync(
    credentials,
    JSON.stringify({
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/e2e',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emu.url}/v1/token`,
      service_account_impersonation_url: `${emu.url}/v1/projects/-/serviceAccounts/${SA}:generateAccessToken`,
      credential_source: { file: tokenFile },
    }),
  );
});
afterAll(async () => {
  await emu.close();
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.reset();
  emu.configure({ vertex: { stepMs: 5, outcome: 'SUCCEEDED' }, generate: { latencyMs: 0 } });
});

function action(inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) {
  return runnerEnv({
    inputs: {
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': `gs://${BUCKET}/runs`,
      'api-endpoint': emu.url,
      'training-data': 'examples/number-generator/train.jsonl',
      'eval-data': 'examples/number-generator/eval.jsonl',
      'github-token': TOKEN,
      ...inputs,
    },
    githubApiUrl: gh.url,
    ...opts,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, ...(opts.extra ?? {}) },
  });
}

/**
 * A training set of `count` examples, about 500 bytes a line (input lengths spread so that the
 * percentiles mean something, a native record with a system instruction now and then), with exact
 * copies of earlier lines at `duplicateAt` and, at `emptyOutputAt`, an output without a letter or digit
 * (an empty one is an error, this one the doctor's empty-output finding).
 */
function largeTrainingSet(count: number, duplicateAt: number[], emptyOutputAt: number): string {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const dup = duplicateAt.indexOf(i);
    if (dup >= 0) {
      rows.push(rows[10 + 100 * dup]!);
      continue;
    }
    const words = `ticket ${i} mentions ${'billing refund delay '.repeat(14 + ((i * 7919) % 11))}`;
    const input = `Classify the support ticket:\n${words}${'z'.repeat((i * 104_729) % 97)}`;
    const output = i === emptyOutputAt ? ' … ' : `category ${(i * 31) % 17}: ${i % 3 === 0 ? 'urgent' : 'routine'}`;
    rows.push(
      JSON.stringify(
        i % 500 === 7
          ? {
              systemInstruction: { parts: [{ text: 'Answer with the category only.' }] },
              contents: [
                { role: 'user', parts: [{ text: input }] },
                { role: 'model', parts: [{ text: output }] },
              ],
            }
          : { text_input: input, output },
      ),
    );
  }
  return `${rows.join('\n')}\n`;
}

describe('dist/ with the vertex-ai backend', () => {
  it('uploads the dataset, tunes to ACTIVE, evaluates on the endpoint and comments a loss curve', async () => {
    const runner = action({ 'comment-key': 'vertex-e2e', 'epoch-count': '3' }, { prNumber: 9 });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.stderr).toBe('');
    expect(main.code).toBe(0);
    const out = runner.outputs();
    expect(out).toMatchObject({ state: 'ACTIVE', 'cache-hit': 'false' });
    expect(out['job']).toMatch(/^projects\/[^/]+\/locations\/us-central1\/tuningJobs\/[^/]+$/);
    expect(out['endpoint']).toMatch(/^projects\/[^/]+\/locations\/us\/endpoints\/[^/]+$/);

    // The uploaded object is contents JSONL, one record per training example.
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    const uri = `gs://${BUCKET}/runs/${report.contentKey}/training.jsonl`;
    const lines = emu.storage.get(uri)!.data.toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(15);
    for (const line of lines) {
      expect(JSON.parse(line)).toEqual({
        contents: [
          { role: 'user', parts: [{ text: expect.any(String) }] },
          { role: 'model', parts: [{ text: expect.any(String) }] },
        ],
      });
    }

    // The job was created with that URI and the content-key label.
    const creates = emu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path));
    expect(creates).toHaveLength(1);
    const body = JSON.parse(creates[0]!.body);
    expect(body.supervisedTuningSpec.trainingDatasetUri).toBe(uri);
    expect(body.supervisedTuningSpec.hyperParameters).toEqual({ epochCount: '3' });
    expect(body.labels).toMatchObject({ gemini_tune_key: report.contentKey.slice(0, 63) });
    const job = emu.vertex.jobs.list(PROJECT, 'us-central1', new URLSearchParams()) as {
      tuningJobs?: { name: string; labels?: Record<string, string> }[];
    };
    expect(job.tuningJobs?.map((j) => j.name)).toEqual([out['job']]);

    // The eval reached the tuned endpoint.
    const gen = emu.requests.filter((r) => r.path === `/v1/${out['endpoint']}:generateContent`);
    expect(gen).toHaveLength(10);
    expect(Number(out['pass-rate'])).toBeGreaterThan(0.5);

    // The credentials went through STS and impersonation; the token is masked.
    expect(emu.requests.some((r) => r.path === '/v1/token')).toBe(true);
    expect(emu.requests.some((r) => r.path.endsWith(`${SA}:generateAccessToken`))).toBe(true);
    const token = (creates[0]!.headers['authorization'] ?? '').replace(/^Bearer /, '');
    expect(token.length).toBeGreaterThan(10);
    expect(main.stdout).toContain(`::add-mask::${token}`);

    // The comment has the loss curve.
    const comments = gh.comments('octo-org', 'number-tuner', 9);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('xychart-beta');
    expect(report.snapshots.length).toBeGreaterThan(1);
    expect(Number(out['final-loss'])).toBe(report.finalLoss);

    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(emu.requests.filter((r) => r.path.endsWith(':cancel'))).toHaveLength(0);
  });

  it('a connection dropped mid-upload is resumed at the byte the service kept', async () => {
    const big = join(dir, 'big.jsonl');
    const rows: string[] = [];
    for (let i = 0; rows.join('\n').length < 600_000; i++) {
      rows.push(JSON.stringify({ text_input: `q${i} ${'y'.repeat(300)}`, output: `a${i}` }));
    }
    writeFileSync(big, `${rows.join('\n')}\n`);
    emu.faults.add({
      method: 'PUT',
      path: '/upload/storage/v1/',
      kind: 'reset-after',
      afterBodyBytes: 300_000,
      times: 1,
    });
    const runner = action({ 'training-data': big, 'eval-data': '' }, { event: 'push' });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code).toBe(0);
    const [session] = emu.storage.uploadSessions();
    expect(emu.storage.uploadSessions()).toHaveLength(1);
    expect(session).toMatchObject({ done: true, interrupted: 1 });
    // Sent: the whole file once, plus the 300,000 - 262,144 bytes that arrived past the kept 256 KiB unit.
    expect(session!.bytesReceived - session!.totalSize!).toBe(300_000 - 262_144);
    expect(main.stdout).toMatch(/resuming gs:\/\/e2e-staging\/\S+ at byte 262144 of \d+/);
    expect(main.stdout).toMatch(/interrupted 1 time\(s\); resumed at byte 262144 as Cloud Storage reported/);
    expect(runner.outputs()['state']).toBe('ACTIVE');
  });

  it('analyses a training set of 8 MiB or more in the bundled worker thread, with the in-thread results', async () => {
    const count = 18_000;
    const duplicateAt = [5_000, 9_000, 17_000];
    const file = join(dir, 'worker-sized.jsonl');
    writeFileSync(file, largeTrainingSet(count, duplicateAt, 12_345));
    // The size the loader hands to the worker (else this test would prove nothing about it).
    expect(statSync(file).size).toBeGreaterThanOrEqual(WORKER_MIN_BYTES);
    expect(statSync(file).size).toBeLessThan(WORKER_MIN_BYTES + 2 * 1024 * 1024);

    // 18,000 examples make thousands of steps: a few are enough here.
    emu.configure({ vertex: { stepMs: 5, totalSteps: 40, outcome: 'SUCCEEDED' } });
    const runner = action({ 'training-data': file, 'eval-data': '' }, { event: 'push' });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.stderr).toBe('');
    expect(main.code).toBe(0);
    const out = runner.outputs();
    expect(out).toMatchObject({ state: 'ACTIVE', 'cache-hit': 'false' });

    // The bundle analysed the set in its worker (dist/dataset-worker/index.js), not in the main thread.
    const shown = relative(ROOT, file).split(sep).join('/');
    expect(main.stdout).toContain(`::debug::${shown}: analysed in a worker thread`);

    // Every example was uploaded and the tuning job was created on that upload.
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    const uri = `gs://${BUCKET}/runs/${report.contentKey}/training.jsonl`;
    expect(emu.storage.get(uri)!.data.toString('utf8').trim().split('\n')).toHaveLength(count);
    const creates = emu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path));
    expect(creates).toHaveLength(1);
    expect(JSON.parse(creates[0]!.body).supervisedTuningSpec.trainingDatasetUri).toBe(uri);
    expect(report.tuningDataStats?.exampleCount).toBe(count);
    expect(report.dataset.examples).toBe(count);

    // The same file analysed here, in this thread, from the sources.
    const here = await loadTrainingSet(file, {
      backend: 'vertex-ai',
      role: 'training',
      workspace: ROOT,
      analysisWorker: null,
    });
    const analysis = here.analysis!;
    expect(analysis.inWorker).toBe(false);
    expect(here.records).toHaveLength(count);
    const findings = analysis.findings();
    // What was planted is found (so the comparison below compares something).
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'duplicate', count: duplicateAt.length }));
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'empty-output', count: 1, examples: [12_346] }));

    const warnings = here.problems.filter((p) => p.severity === 'warning').length + findings.length;
    const stats = analysis.stats(warnings);
    expect(stats).toMatchObject({ count, duplicates: duplicateAt.length });
    expect(stats.input.chars.p95).toBeGreaterThan(stats.input.chars.median);
    expect(report.dataset.stats.training).toEqual(stats);
    expect(report.dataset.stats.training.input.chars.p95).toBe(stats.input.chars.p95);
    expect(report.dataset.stats.validation).toBeNull();
    expect(report.dataset.findings).toEqual(findings);
    expect(report.dataset.findings.map((f: { kind: string; count: number }) => [f.kind, f.count])).toEqual(
      findings.map((f) => [f.kind, f.count]),
    );

    // The content key is built on the worker's digest: the same as this thread's, and as hashing
    // the records. (The key has the hyperparameters as given, none here; the report's are the job's.)
    const none = {
      epochCount: null,
      batchSize: null,
      learningRate: null,
      learningRateMultiplier: null,
      adapterSize: null,
    };
    const key = { backend: 'vertex-ai', baseModel: report.baseModel, hyperparameters: none } as const;
    expect(report.contentKey).toBe(
      contentKey({ ...key, examples: analysis.digest, validationExamples: EMPTY_SET_DIGEST }),
    );
    expect(report.contentKey).toBe(
      contentKey({ ...key, examples: referenceDigest(here.records), validationExamples: EMPTY_SET_DIGEST }),
    );
  }, 60_000);
});
