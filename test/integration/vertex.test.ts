/**
 * The real run() with the vertex-ai backend over real HTTP on 127.0.0.1: google-auth-library
 * reads an external_account credentials file (what google-github-actions/auth writes) whose
 * subject token is a file, exchanges it at the emulator's STS and impersonates a service account;
 * the dataset goes to the emulator's Cloud Storage; the tuning job, its loss metrics and the eval
 * run on the emulator's Vertex AI. Nothing of our own HTTP layer is mocked.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain, runPostStep } from '../helpers/in-process.js';
import { runnerEnv, workspaceTempDir, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const TOKEN = 'ghs_fake_installation_token';
const PROJECT = 'my-tuning-proj';
const BUCKET = 'tuning-bkt';
const SA = 'gemini-tune@my-tuning-proj.iam.gserviceaccount.com';
let emu: Emulator;
let gh: GitHubFake;
let dir: string;

/** A JWT that looks like GitHub's OIDC token (unsigned; the emulator's STS checks shape and expiry). */
function oidcToken(): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    enc({ alg: 'RS256', typ: 'JWT', kid: 'test' }),
    enc({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/repo',
      sub: 'repo:octo-org/number-tuner:pull_request',
      repository: 'octo-org/number-tuner',
      iat: now,
      exp: now + 3600,
    }),
    'c2lnbmF0dXJl',
  ].join('.');
}

/** The external_account file google-github-actions/auth writes, with a file as the token source. */
function credentialsFile(opts: { impersonate: boolean; quotaProject?: string }): string {
  const tokenPath = join(dir, `oidc-${opts.impersonate ? 'sa' : 'direct'}.jwt`);
  writeFileSync(tokenPath, oidcToken());
  const file = join(dir, `credentials-${opts.impersonate ? 'sa' : 'direct'}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/repo',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emu.url}/v1/token`,
      ...(opts.impersonate
        ? {
            service_account_impersonation_url: `${emu.url}/v1/projects/-/serviceAccounts/${SA}:generateAccessToken`,
          }
        : {}),
      credential_source: { file: tokenPath },
      ...(opts.quotaProject ? { quota_project_id: opts.quotaProject } : {}),
    }),
  );
  return file;
}

beforeAll(async () => {
  dir = workspaceTempDir('vertex-');
  emu = await startEmulator({ now: clock.now, vertex: { stepMs: 5 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ vertex: { stepMs: 5, outcome: 'SUCCEEDED' }, generate: { latencyMs: 0 } });
});

function action(
  inputs: Record<string, string> = {},
  opts: Omit<RunnerEnvOptions, 'inputs'> & { impersonate?: boolean; quotaProject?: string } = {},
) {
  const { impersonate = true, quotaProject, ...rest } = opts;
  return runnerEnv({
    inputs: {
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': `gs://${BUCKET}/ci`,
      'api-endpoint': emu.url,
      'training-data': 'examples/number-generator/train.jsonl',
      'eval-data': 'examples/number-generator/eval.jsonl',
      'github-token': TOKEN,
      ...inputs,
    },
    githubApiUrl: gh.url,
    ...rest,
    extra: {
      GOOGLE_APPLICATION_CREDENTIALS: credentialsFile({ impersonate, ...(quotaProject ? { quotaProject } : {}) }),
      ...(rest.extra ?? {}),
    },
  });
}

const creates = () => emu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path.split('?')[0]!));
const uploads = () => emu.requests.filter((r) => r.method === 'POST' && r.path.includes('uploadType=resumable'));
const puts = () => emu.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/upload/storage/v1/'));

describe('run() with the vertex-ai backend against the emulator', () => {
  it('uploads contents JSONL, creates the job, polls to ACTIVE, evaluates on the endpoint, reports a loss curve', async () => {
    const runner = action(
      { 'comment-key': 'vertex', 'eval-baseline': 'base', 'epoch-count': '4', 'adapter-size': '4' },
      { prNumber: 202 },
    );
    const result = await runMain(runner, { clock });
    expect(result.stdout).not.toContain('::error');
    expect(result.exitCode).toBe(0);
    // What the job says while it runs (tuningJobState, tuningJobMetadata.completedEpochCount), in the log.
    expect(result.stdout).toMatch(/\] CREATING \((processing the dataset|tuning)\)/);
    expect(result.stdout).toMatch(/· \d\/4 epochs done ·/);

    const out = runner.outputs();
    expect(out['state']).toBe('ACTIVE');
    expect(out['cache-hit']).toBe('false');
    expect(out['job']).toMatch(/^projects\/[^/]+\/locations\/us-central1\/tuningJobs\/[^/]+$/);
    expect(out['endpoint']).toMatch(/^projects\/[^/]+\/locations\/us\/endpoints\/[^/]+$/);
    expect(out['tuned-model']).toMatch(/^projects\/[^/]+\/locations\/us\/models\//);
    expect(Number(out['final-loss'])).toBeGreaterThan(0);

    // The dataset: valid contents JSONL, named by the content key, uploaded once.
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    const uri = `gs://${BUCKET}/ci/${report.contentKey}/training.jsonl`;
    const object = emu.storage.get(uri);
    expect(object).toBeDefined();
    const lines = object!.data.toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(15);
    for (const line of lines) {
      const rec = JSON.parse(line);
      expect(rec.contents.map((c: { role: string }) => c.role)).toEqual(['user', 'model']);
      expect(typeof rec.contents[0].parts[0].text).toBe('string');
    }
    expect(JSON.parse(lines[0]!)).toEqual({
      contents: [
        { role: 'user', parts: [{ text: '1' }] },
        { role: 'model', parts: [{ text: '2' }] },
      ],
    });

    // The create: that URI, the label, the wire types of the hyperparameters.
    expect(creates()).toHaveLength(1);
    const body = JSON.parse(creates()[0]!.body);
    expect(body.baseModel).toBe('gemini-3.5-flash');
    expect(body.supervisedTuningSpec.trainingDatasetUri).toBe(uri);
    expect(body.supervisedTuningSpec.hyperParameters).toEqual({ epochCount: '4', adapterSize: 'ADAPTER_SIZE_FOUR' });
    expect(body.labels.gemini_tune_key).toBe(report.contentKey.slice(0, 63));
    expect(body.tunedModelDisplayName).toBe('number-tuner-pr202');

    // Every Vertex AI / Cloud Storage call carried the impersonated service account's token.
    const bearer = (r: { headers: Record<string, string> }) => r.headers['authorization'] ?? '';
    const api = emu.requests.filter((r) => /^\/(v1|upload|storage)\//.test(r.path) && !r.path.startsWith('/v1/token'));
    expect(api.length).toBeGreaterThan(5);
    expect(api.filter((r) => !r.path.includes(':generateAccessToken')).every((r) => /^Bearer .+/.test(bearer(r)))).toBe(
      true,
    );
    expect(emu.requests.some((r) => r.path === '/v1/token')).toBe(true);
    expect(emu.requests.some((r) => r.path.includes(`${SA}:generateAccessToken`))).toBe(true);
    const token = bearer(creates()[0]!).slice('Bearer '.length);
    // Registered as a secret: the runner is told to mask it, and it is printed nowhere else.
    expect(result.stdout).toContain(`::add-mask::${token}`);
    expect(result.stdout.replaceAll(`::add-mask::${token}`, '')).not.toContain(token);
    expect(readFileSync(out['report-path']!, 'utf8')).not.toContain(token);

    // Eval on the tuned endpoint; baseline through publishers/google/models.
    const gen = emu.requests.filter((r) => r.path.includes(':generateContent'));
    expect(gen.filter((r) => r.path === `/v1/${out['endpoint']}:generateContent`)).toHaveLength(10);
    expect(
      gen.filter((r) =>
        r.path.endsWith(`/locations/us-central1/publishers/google/models/gemini-3.5-flash:generateContent`),
      ),
    ).toHaveLength(10);
    expect(report.eval.cases).toHaveLength(10);
    expect(report.eval.baselineModel).toBe('gemini-3.5-flash');

    // Loss curve from the experiment's TensorBoard, data stats from the job.
    expect(report.snapshots.length).toBeGreaterThan(1);
    expect(report.snapshots.every((s: { meanLoss: unknown }) => typeof s.meanLoss === 'number')).toBe(true);
    expect(report.finalLoss).toBe(report.snapshots.at(-1).meanLoss);
    expect(report.tuningDataStats).toMatchObject({ exampleCount: 15 });
    expect(emu.requests.some((r) => /\/timeSeries\/[^/]+:read/.test(r.path))).toBe(true);
    expect(runner.summary()).toContain('xychart-beta');
    const comments = gh.comments('octo-org', 'number-tuner', 202);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('xychart-beta');
    // What the service counted in the uploaded dataset (tuningDataStats).
    expect(comments[0]!.body).toMatch(/\*\*Vertex AI counted:\*\* \*\*15\*\* examples/);
    expect(comments[0]!.body).toContain(out['endpoint']!);
  });

  it('direct Workload Identity Federation (no impersonation), with a quota project, works too', async () => {
    const runner = action({ 'eval-data': '' }, { event: 'push', impersonate: false, quotaProject: 'billing-proj' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(0);
    expect(runner.outputs()['state']).toBe('ACTIVE');
    expect(emu.requests.some((r) => r.path.includes(':generateAccessToken'))).toBe(false);
    const api = emu.requests.filter((r) => /^\/(v1\/projects\/my-|upload\/|storage\/)/.test(r.path));
    expect(api.length).toBeGreaterThan(3);
    expect(api.every((r) => r.headers['x-goog-user-project'] === 'billing-proj')).toBe(true);
  });

  it('a validation set is uploaded too and named in the job', async () => {
    const validation = join(dir, 'validation.jsonl');
    writeFileSync(
      validation,
      '{"text_input": "9", "output": "10"}\n{"text_input": "ninety", "output": "ninety one"}\n',
    );
    const runner = action({ 'eval-data': '', 'validation-data': validation }, { event: 'push' });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    const key = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8')).contentKey as string;
    const uri = `gs://${BUCKET}/ci/${key}/validation.jsonl`;
    expect(emu.storage.get(uri)!.data.toString('utf8')).toBe(
      '{"contents":[{"role":"user","parts":[{"text":"9"}]},{"role":"model","parts":[{"text":"10"}]}]}\n' +
        '{"contents":[{"role":"user","parts":[{"text":"ninety"}]},{"role":"model","parts":[{"text":"ninety one"}]}]}\n',
    );
    expect(JSON.parse(creates()[0]!.body).supervisedTuningSpec.validationDatasetUri).toBe(uri);
  });

  it('a second run with the same content key reuses the tuned model: no upload, no create', async () => {
    const first = action({ 'eval-data': '' }, { event: 'push' });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    const [c, u] = [creates().length, uploads().length];
    const second = action({ 'eval-data': '' }, { event: 'push' });
    const result = await runMain(second, { clock });
    expect(result.exitCode).toBe(0);
    expect(second.outputs()).toMatchObject({ 'cache-hit': 'true', state: 'ACTIVE', job: first.outputs()['job'] });
    expect(creates()).toHaveLength(c);
    expect(uploads()).toHaveLength(u);
  });

  it('cache: false creates a new job but does not upload the same bytes again', async () => {
    expect((await runMain(action({ 'eval-data': '' }, { event: 'push' }), { clock })).exitCode).toBe(0);
    const before = { creates: creates().length, uploads: uploads().length, puts: puts().length };
    const result = await runMain(action({ 'eval-data': '', cache: 'false' }, { event: 'push' }), { clock });
    expect(result.exitCode).toBe(0);
    expect(creates()).toHaveLength(before.creates + 1);
    expect(uploads()).toHaveLength(before.uploads);
    expect(puts()).toHaveLength(before.puts);
    expect(result.stdout).toMatch(/already there \(same MD5\)/);
  });

  it('a connection dropped in the middle of the upload is resumed from what the service kept', async () => {
    // ~700 KB of training data: more than two 256 KiB units.
    const big = join(dir, 'big.jsonl');
    const rows: string[] = [];
    for (let i = 0; rows.join('\n').length < 700_000; i++) {
      rows.push(JSON.stringify({ text_input: `question ${i} ${'x'.repeat(200)}`, output: `answer ${i}` }));
    }
    writeFileSync(big, `${rows.join('\n')}\n`);
    emu.faults.add({
      method: 'PUT',
      path: '/upload/storage/v1/',
      kind: 'reset-after',
      afterBodyBytes: 400_000,
      times: 1,
    });
    const runner = action({ 'training-data': big, 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.stdout).not.toContain('::error');
    expect(result.exitCode).toBe(0);

    const sessions = emu.storage.uploadSessions();
    expect(sessions).toHaveLength(1); // one session: resumed, not restarted
    const s = sessions[0]!;
    expect(s.done).toBe(true);
    expect(s.interrupted).toBe(1);
    expect(s.statusQueries).toBeGreaterThanOrEqual(1);
    // The bytes that reached the service: the file plus what was lost past the last kept 256 KiB unit.
    const resent = s.bytesReceived - s.totalSize!;
    expect(resent).toBe(400_000 - 262_144);
    const resumed = puts().find((r) => /^bytes 262144-/.test(r.headers['content-range'] ?? ''));
    expect(resumed).toBeDefined();
    expect(result.stdout).toMatch(/resuming gs:\/\/tuning-bkt\/\S+ at byte 262144 of \d+/);
    expect(emu.storage.get(`gs://${BUCKET}/${s.name}`)!.data.equals(readVertexUpload(big))).toBe(true);
  });

  it('a FAILED job fails the step with the service message, after the report', async () => {
    emu.configure({ vertex: { stepMs: 5, outcome: 'FAILED' } });
    const runner = action({ 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(runner.outputs()['state']).toBe('FAILED');
    expect(result.stdout).toMatch(
      /::error::gemini-tune failed with: tuning FAILED: Vertex AI tuning job projects\/.+ failed: .+/,
    );
    expect(JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8')).state).toBe('FAILED');
  });

  it('wait: false returns the job name; resume attaches to it without training data', async () => {
    emu.configure({ vertex: { stepMs: 40 } });
    const first = action({ wait: 'false', 'eval-data': '' }, { event: 'push' });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    expect(first.outputs()['state']).toBe('CREATING');
    const job = first.outputs()['job']!;
    expect(job).toMatch(/\/tuningJobs\//);
    const post = await runPostStep(first, { clock });
    expect(post.exitCode).toBe(0);
    expect(emu.requests.filter((r) => r.path.endsWith(':cancel'))).toHaveLength(0);

    const second = action({ resume: job, 'training-data': '', 'staging-uri': '', 'eval-data': '' }, { event: 'push' });
    const result = await runMain(second, { clock });
    expect(result.exitCode).toBe(0);
    expect(second.outputs()).toMatchObject({ state: 'ACTIVE', job });
    expect(creates()).toHaveLength(1);
  });

  it('a job that waits for the project quota says so in the log and the comment, then runs when the slot frees', async () => {
    // Steps of 800 ms: the second run polls a few times while the first job still holds the slot.
    emu.configure({ vertex: { stepMs: 800, concurrentJobs: 1 } });
    const first = action({ wait: 'false', 'eval-data': '' }, { event: 'push' });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    gh.requests.length = 0;
    const second = action({ cache: 'false', 'comment-key': 'quota' }, { prNumber: 231 });
    const result = await runMain(second, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(second.outputs()['state']).toBe('ACTIVE');
    expect(result.stdout).toMatch(/CREATING \(waiting for tuning quota \(another job of the project is running\)\)/);
    const writes = gh.requests.filter((r) => /\/issues\/(231\/)?comments/.test(r.path) && r.method !== 'GET');
    expect(writes.some((w) => w.body.includes('waiting for tuning quota'))).toBe(true);
    // It started only once the first job had ended.
    const store = emu.vertex.jobs;
    const jobs = store.all().map((r) => store.render(r));
    expect(jobs).toHaveLength(2);
    const [a, b] = [first.outputs()['job'], second.outputs()['job']].map((name) =>
      jobs.find((j) => j['name'] === name),
    );
    expect(Date.parse(b!['startTime'] as string)).toBeGreaterThanOrEqual(Date.parse(a!['endTime'] as string));
  });

  it('the post step cancels a job the killed main step left running', async () => {
    emu.configure({ vertex: { stepMs: 5000 } });
    const first = action({ wait: 'false', 'eval-data': '' }, { event: 'push' });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    // As if the main step had been killed while waiting: the saved state says "not settled".
    const state = first.postEnv();
    state['STATE_settled'] = 'false';
    const post = await runPostStep({ ...first, postEnv: () => state }, { clock });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toMatch(/cancelled it/);
    const cancels = emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith(':cancel'));
    expect(cancels.map((r) => r.path)).toEqual([`/v1/${first.outputs()['job']}:cancel`]);
  });
});

/** The bytes the action uploads for a pair-format JSONL file: one contents record per line. */
function readVertexUpload(file: string): Buffer {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return Buffer.from(
    lines
      .map((l) => {
        const r = JSON.parse(l) as { text_input: string; output: string };
        return `${JSON.stringify({
          contents: [
            { role: 'user', parts: [{ text: r.text_input }] },
            { role: 'model', parts: [{ text: r.output }] },
          ],
        })}\n`;
      })
      .join(''),
  );
}

describe('the model catalog, before any request to Google (issue 13)', () => {
  it.each([
    ['gemini-2.5-flash', /was retired on 2026-10-16 .*use gemini-3\.5-flash instead/],
    ['gemini-2.0-flash-001', /is retired and can no longer be tuned on Vertex AI; use gemini-3\.5-flash instead/],
  ])('base-model %s: REJECTED, naming the retirement and the successor; nothing sent', async (model, message) => {
    const runner = action({ 'base-model': model, 'comment-key': `retired-${model}` }, { prNumber: 240 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`::error::gemini-tune failed with: base-model "${model}" ${message.source}`),
    );
    expect(emu.requests).toHaveLength(0);
    expect(runner.outputs()['state']).toBe('REJECTED');
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    expect(report.error).toMatch(message);
    expect(gh.comments('octo-org', 'number-tuner', 240).at(-1)?.body).toContain('REJECTED');
  });

  it('location asia-northeast1 with a Gemini 3.x model: REJECTED, naming the regions; nothing sent', async () => {
    const runner = action({ location: 'asia-northeast1' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::gemini-tune failed with: base-model "gemini-3.5-flash" is tuned only in us-central1 and europe-west4, not in "asia-northeast1"',
    );
    expect(emu.requests).toHaveLength(0);
    expect(runner.outputs()['state']).toBe('REJECTED');
  });

  it('a model the catalog does not know is sent as given, with a notice (the service decides: here 400)', async () => {
    const runner = action({ 'base-model': 'gemini-4-flash', 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.stdout).toMatch(/::notice::base-model "gemini-4-flash" is not in the action's model catalog/);
    expect(creates()).toHaveLength(1);
    expect(runner.outputs()['state']).toBe('REJECTED');
  });
});

describe('the natural workflow: google-github-actions/auth, then only the datasets and staging-uri (issue 13)', () => {
  it('no project, no base-model, no backend: Vertex AI with the catalog default, the project from the environment', async () => {
    const runner = action(
      { project: '', 'eval-data': 'examples/number-generator/eval.jsonl' },
      // What google-github-actions/auth exports besides the credentials file.
      {
        event: 'push',
        extra: { GOOGLE_CLOUD_PROJECT: PROJECT, CLOUDSDK_CORE_PROJECT: PROJECT, GCLOUD_PROJECT: PROJECT },
      },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    const body = JSON.parse(creates()[0]!.body) as { baseModel: string };
    expect(body.baseModel).toBe('gemini-3.5-flash');
    expect(creates()[0]!.path).toContain(`/projects/${PROJECT}/locations/us-central1/tuningJobs`);
    const out = runner.outputs();
    expect(out['state']).toBe('ACTIVE');
    expect(out['pass-rate']).not.toBe('');
    expect(JSON.parse(readFileSync(out['report-path']!, 'utf8'))).toMatchObject({
      backend: 'vertex-ai',
      baseModel: 'gemini-3.5-flash',
    });
  });
});

describe('eval requests as the contract says (issue 13)', () => {
  it('sends only the settings given, and the system instruction (the case own, else eval-system-instruction)', async () => {
    const evalFile = join(dir, 'system-eval.jsonl');
    writeFileSync(
      evalFile,
      [
        '{"id": "own", "input": "LXIII", "expected": "LXIV", "system": "Answer with the next Roman numeral."}',
        '{"id": "shared", "input": "seven", "expected": "eight"}',
      ].join('\n') + '\n',
    );
    const runner = action(
      {
        'eval-data': evalFile,
        'eval-temperature': '0.2',
        'eval-thinking': 'low',
        'eval-max-output-tokens': '256',
        'eval-system-instruction': 'Answer with the next number only.',
      },
      { event: 'push' },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    const bodies = emu.requests
      .filter((r) => r.path.includes(':generateContent'))
      .map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    for (const b of bodies) {
      expect(b['generationConfig']).toEqual({
        temperature: 0.2,
        maxOutputTokens: 256,
        thinkingConfig: { thinkingLevel: 'LOW' },
      });
    }
    const systems = bodies.map((b) => (b['systemInstruction'] as { parts: { text: string }[] }).parts[0]!.text).sort();
    expect(systems).toEqual(['Answer with the next Roman numeral.', 'Answer with the next number only.']);
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    expect(report.eval.generationConfig).toEqual({ temperature: 0.2, maxOutputTokens: 256, thinkingLevel: 'low' });
    // Per case: the latency of the answered call and the service's token counts.
    for (const c of report.eval.cases) {
      expect(c.latencyMs).toBeGreaterThanOrEqual(0);
      expect(c.usage.prompt).toBeGreaterThan(0);
      expect(c.usage.output).toBeGreaterThan(0);
    }
    expect(runner.summary()).toContain('temperature 0.2, thinking low, at most 256 output tokens');
  });

  it('eval-temperature 0 with a Gemini 3 model: REJECTED before any request', async () => {
    const runner = action({ 'eval-temperature': '0' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('eval-temperature 0 is not accepted by gemini-3.5-flash');
    expect(emu.requests).toHaveLength(0);
    expect(runner.outputs()['state']).toBe('REJECTED');
  });

  it('the emulator, like Vertex AI, refuses temperature 0 for a Gemini 3 model (the check above is not only ours)', async () => {
    const r = await fetch(
      `${emu.url}/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models/gemini-3.5-flash:generateContent`,
      {
        method: 'POST',
        headers: { authorization: 'Bearer emulator-access-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          contents: [{ role: 'user', parts: [{ text: '1' }] }],
          generationConfig: { temperature: 0 },
        }),
      },
    );
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/\(0\.0, 2\.0\]/);
  });
});

describe('the validation loss (issue 13)', () => {
  it('with validation-data: both series read, in the report and the output, charted as a second line', async () => {
    const runner = action(
      { 'validation-data': 'examples/number-generator/train.jsonl', 'eval-data': '', 'comment-key': 'validation' },
      { prNumber: 260 },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    const out = runner.outputs();
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    expect(report.validationSnapshots.length).toBeGreaterThan(0);
    for (const v of report.validationSnapshots) expect(v.meanLoss).toBeGreaterThan(0);
    expect(report.validationLoss).toBe(report.validationSnapshots.at(-1).meanLoss);
    expect(Number(out['validation-loss'])).toBe(report.validationLoss);
    const reads = emu.requests.filter((r) => r.path.includes(':read'));
    expect(reads.some((r) => r.path.includes('/timeSeries/2001:read'))).toBe(true); // /eval_total_loss
    const comment = gh.comments('octo-org', 'number-tuner', 260).at(-1)!.body;
    const chart = /```mermaid\n([\s\S]*?)```/.exec(comment)![1]!;
    expect(chart).toContain('title "Loss: training (blue), validation (orange)"');
    expect(chart.match(/^ {4}line \[/gm)).toHaveLength(2);
    expect(comment).toMatch(/· validation \*\*[0-9.]+\*\* \(\d+ points?, drawn between them\)/);
  });

  it('without validation-data: one line, no validation loss', async () => {
    const runner = action({ 'eval-data': '' }, { event: 'push' });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    expect(report.validationSnapshots).toEqual([]);
    expect(report.validationLoss).toBeNull();
    expect(runner.outputs()['validation-loss']).toBe('');
  });
});

describe('continuous tuning from a tuned model (issue 13, decision 7)', () => {
  it('base-model projects/…/models/M@default: one models.get, preTunedModel with the version, no display name, a new version', async () => {
    const first = action({ 'eval-data': '' }, { event: 'push' });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    const tuned = first.outputs()['tuned-model']!; // projects/…/models/M@1
    expect(tuned).toMatch(/^projects\/[^/]+\/locations\/us\/models\/\d+@1$/);
    const model = tuned.replace(/@1$/, '');
    emu.requests.length = 0;

    const next = action(
      {
        'base-model': `${model}@default`,
        'eval-data': '',
        'training-data': 'examples/number-generator/validation.jsonl',
      },
      { event: 'push' },
    );
    const result = await runMain(next, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /::notice::base-model projects\/.* is a tuned model \(continuous tuning\): the model catalog check is skipped/,
    );
    const gets = emu.requests.filter((r) => r.method === 'GET' && /\/models\/[^/]+$/.test(r.path.split('?')[0]!));
    // One read before the create (the alias resolved); after tuning, the new version's default checkpoint.
    expect(gets.map((r) => decodeURIComponent(r.path.split('?')[0]!))).toEqual([
      `/v1/${model}@default`,
      `/v1/${model}@2`,
    ]);
    const create = JSON.parse(
      emu.requests.find((r) => r.method === 'POST' && r.path.split('?')[0]!.endsWith('/tuningJobs'))!.body,
    ) as Record<string, unknown>;
    expect(create['preTunedModel']).toEqual({ tunedModelName: tuned });
    expect(create['baseModel']).toBeUndefined();
    expect(create['tunedModelDisplayName']).toBeUndefined();
    const out = next.outputs();
    expect(out['tuned-model']).toBe(`${model}@2`);
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    expect(report.baseModel).toBe(tuned);
  });

  it('a model that does not exist: REJECTED after the one models.get, nothing created', async () => {
    const runner = action(
      { 'base-model': `projects/${PROJECT}/locations/us/models/999@default`, 'eval-data': '' },
      { event: 'push' },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(runner.outputs()['state']).toBe('REJECTED');
    expect(creates()).toHaveLength(0);
  });
});

describe('checkpoints (issue 13, part: the service default)', () => {
  it('one checkpoint per epoch in the report; checkpoint, pass-rate and endpoint refer to the default one', async () => {
    const runner = action({ 'epoch-count': '4' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    const out = runner.outputs();
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    expect(report.checkpoints.map((c: { checkpointId: string; epoch: number }) => [c.checkpointId, c.epoch])).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['4', 4],
    ]);
    const endpoints = new Set(report.checkpoints.map((c: { endpoint: string }) => c.endpoint));
    expect(endpoints.size).toBe(4); // each on its own endpoint
    // The Model's defaultCheckpointId, read with one models.get.
    const modelGets = emu.requests.filter((r) => r.method === 'GET' && /\/models\/[^/]+$/.test(r.path.split('?')[0]!));
    expect(modelGets).toHaveLength(1);
    expect(out['checkpoint']).toBe('4');
    expect(report.selectedCheckpoint).toMatchObject({ checkpointId: '4', epoch: 4, passRate: report.eval.passRate });
    expect(report.selectedCheckpoint.endpoint).toBe(out['endpoint']);
    expect(result.stdout).toContain('4 checkpoint(s); the model serves checkpoint 4 (epoch 4) by default.');
  });
});

describe('eval-checkpoints: all and select-checkpoint: best (issue 13)', () => {
  it('every checkpoint evaluated, the best PATCHed as default; checkpoint, pass-rate, endpoint and the gate refer to it', async () => {
    // Epoch 2 answers every input as tuned; the others fewer.
    emu.configure({ vertex: { stepMs: 5, outcome: 'SUCCEEDED', checkpointQuality: [0.2, 1, 0.6, 0.4] } });
    const runner = action(
      {
        'epoch-count': '4',
        'eval-checkpoints': 'all',
        'select-checkpoint': 'best',
        'min-pass-rate': '0.9',
        'comment-key': 'checkpoints',
        'eval-baseline': 'base',
      },
      { prNumber: 280 },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    const out = runner.outputs();
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    // Every checkpoint endpoint got the eval (the default one through the tuned model's endpoint).
    const endpoints = report.checkpoints.map((c: { endpoint: string }) => c.endpoint.split('/').pop());
    for (const id of endpoints) {
      expect(emu.requests.some((r) => r.path.includes(`/endpoints/${id}:generateContent`))).toBe(true);
    }
    const rates = report.checkpoints.map((c: { passRate: number }) => c.passRate);
    expect(new Set(rates).size).toBeGreaterThan(1);
    expect(Math.max(...rates)).toBe(rates[1]);
    // The best, checkpoint 2, made the default with one PATCH.
    const patches = emu.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toMatch(/\/models\/\d+@1\?updateMask=defaultCheckpointId$/);
    expect(JSON.parse(patches[0]!.body)).toEqual({ defaultCheckpointId: '2' });
    expect(out['checkpoint']).toBe('2');
    expect(Number(out['pass-rate'])).toBe(rates[1]);
    expect(out['endpoint']).toBe(report.checkpoints[1].endpoint);
    expect(report.selectedCheckpoint).toMatchObject({ checkpointId: '2', epoch: 2, passRate: rates[1] });
    expect(report.gates).toEqual([{ name: 'min-pass-rate', threshold: 0.9, value: rates[1], passed: true }]);
    // The baseline ran once (beside the default checkpoint), and the chosen checkpoint is compared with it.
    const cases = report.eval.cases.length;
    const baseCalls = emu.requests.filter((r) =>
      r.path.includes('/publishers/google/models/gemini-3.5-flash:generateContent'),
    );
    expect(baseCalls).toHaveLength(cases);
    expect(report.eval.model).toBe(report.checkpoints[1].endpoint);
    expect(report.eval.baselineModel).toBe('gemini-3.5-flash');
    expect(report.eval.baselinePassRate).toEqual(expect.any(Number));
    expect(report.eval.cases.every((c: { baselineOutput?: string }) => typeof c.baselineOutput === 'string')).toBe(
      true,
    );
    expect(report.eval.improvements.length).toBeGreaterThan(0);
    // The comment shows the pass rate per checkpoint, the selected one marked.
    const comment = gh.comments('octo-org', 'number-tuner', 280).at(-1)!.body;
    expect(comment).toMatch(
      /\*\*Checkpoints:\*\* checkpoint 1 \(epoch 1\): [0-9.]+% · \*\*checkpoint 2 \(epoch 2\): 100(\.0)?%\*\* ✓ · checkpoint 3/,
    );
  });

  it('select-checkpoint: best without eval-checkpoints: all is an input error', async () => {
    const result = await runMain(action({ 'select-checkpoint': 'best' }, { event: 'push' }), { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('input "select-checkpoint" best needs eval-checkpoints: all');
    expect(emu.requests).toHaveLength(0);
  });
});

describe("eval cases in Vertex AI's own form (issue 13)", () => {
  it('systemInstruction and multi-turn contents: every turn sent, the model turn after the last user turn expected', async () => {
    const evalFile = join(dir, 'native-eval.jsonl');
    writeFileSync(
      evalFile,
      JSON.stringify({
        systemInstruction: { parts: [{ text: 'Continue the count.' }] },
        contents: [
          { role: 'user', parts: [{ text: 'one' }] },
          { role: 'model', parts: [{ text: 'two' }] },
          { role: 'user', parts: [{ text: 'seven' }] },
          { role: 'model', parts: [{ text: 'eight' }] },
        ],
      }) + '\n',
    );
    const runner = action({ 'eval-data': evalFile }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    const body = JSON.parse(emu.requests.find((r) => r.path.includes(':generateContent'))!.body) as Record<
      string,
      unknown
    >;
    expect(body['contents']).toEqual([
      { role: 'user', parts: [{ text: 'one' }] },
      { role: 'model', parts: [{ text: 'two' }] },
      { role: 'user', parts: [{ text: 'seven' }] },
    ]);
    expect(body['systemInstruction']).toEqual({ parts: [{ text: 'Continue the count.' }] });
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    expect(report.eval.cases[0]).toMatchObject({ input: 'seven', expected: 'eight', output: 'eight', pass: true });
  });
});

describe('model-backed scorers on Vertex AI (issue 14)', () => {
  it('semantic through publishers/google/models/gemini-embedding-001:predict, judge through gemini-3.5-flash without the eval settings', async () => {
    const evalFile = join(dir, 'model-scorers.jsonl');
    writeFileSync(
      evalFile,
      [
        { id: 'semantic', input: '7', expected: '8', scorer: 'semantic' },
        { id: 'judge', input: '7', expected: 'The answer must be "8".', scorer: 'judge' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const runner = action(
      { 'eval-data': evalFile, 'eval-temperature': '0.5', 'eval-thinking': 'low' },
      { event: 'push' },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    expect(report.eval.cases.map((c: { pass: boolean }) => c.pass)).toEqual([true, true]);
    const predict = emu.requests.filter((r) =>
      r.path.endsWith('/publishers/google/models/gemini-embedding-001:predict'),
    );
    expect(predict).toHaveLength(1);
    expect(JSON.parse(predict[0]!.body)).toEqual({ instances: [{ content: '8' }, { content: '8' }] });
    const judgeCalls = emu.requests.filter((r) =>
      r.path.endsWith('/publishers/google/models/gemini-3.5-flash:generateContent'),
    );
    expect(judgeCalls).toHaveLength(1);
    // Decision 16: no temperature and no thinking setting on judge calls, whatever the eval's are.
    expect(JSON.parse(judgeCalls[0]!.body).generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: expect.objectContaining({ type: 'OBJECT' }),
    });
    const evalCall = emu.requests.find((r) => /\/endpoints\/\d+:generateContent$/.test(r.path))!;
    expect(JSON.parse(evalCall.body).generationConfig).toEqual({
      temperature: 0.5,
      thinkingConfig: { thinkingLevel: 'LOW' },
    });
    expect(report.eval.usage.scoring).toBeGreaterThan(0);
  });
});
