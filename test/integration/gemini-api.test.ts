/**
 * The real run() over real HTTP on 127.0.0.1, against the Gemini API emulator and the GitHub
 * fake. Nothing of our own HTTP layer is mocked.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain, runPostStep } from '../helpers/in-process.js';
import { createCalls, geminiRun } from '../helpers/harness.js';
import { workspaceTempDir, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'integration-key-0123456789';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 10 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 10, outcome: 'ACTIVE' }, generate: { latencyMs: 0 } });
});

const action = (inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, inputs, opts);
const creates = (): number => createCalls(emu);

describe('run() against the emulator', () => {
  it('tunes, evaluates, reports and comments on the happy path', async () => {
    const runner = action({ 'comment-key': 'happy' }, { prNumber: 101 });
    const result = await runMain(runner, { clock });
    expect(result.stdout).not.toContain('::error');
    expect(result.exitCode).toBe(0);

    const out = runner.outputs();
    expect(out['state']).toBe('ACTIVE');
    expect(out['tuned-model']).toMatch(/^tunedModels\/[a-z0-9-]+$/);
    expect(out['endpoint']).toBe(out['tuned-model']);
    expect(out['job']).toMatch(/^tunedModels\/[a-z0-9-]+\/operations\/.+$/);
    expect(out['cache-hit']).toBe('false');
    expect(Number(out['final-loss'])).toBeGreaterThan(0);
    expect(Number(out['pass-rate'])).toBeGreaterThan(0.5);
    expect(out['comment-url']).toMatch(/^https:\/\/github\.com\/octo-org\/number-tuner\/pull\/101#issuecomment-\d+$/);
    expect(creates()).toBe(1);

    // Progress lines in a log group, and the loss per step.
    expect(result.stdout).toMatch(/::group::Tuning tunedModels\//);
    expect(result.stdout).toMatch(/\[100%\] ACTIVE · step 19\/19 · epoch 5 · loss [0-9.]+/);

    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    for (const key of [
      'backend',
      'baseModel',
      'tunedModel',
      'endpoint',
      'state',
      'job',
      'cacheHit',
      'contentKey',
      'hyperparameters',
      'dataset',
      'snapshots',
      'finalLoss',
      'eval',
      'gates',
      'timings',
    ]) {
      expect(report).toHaveProperty(key);
    }
    expect(report.dataset).toMatchObject({ examples: 15, path: 'examples/number-generator/train.jsonl' });
    expect(report.dataset.warnings.join('\n')).toMatch(/20/);
    expect(report.snapshots).toHaveLength(19);
    expect(report.snapshots[0]).toEqual({ step: 1, epoch: expect.any(Number), meanLoss: expect.any(Number) });
    expect(report.finalLoss).toBe(report.snapshots.at(-1).meanLoss);
    expect(report.eval.cases).toHaveLength(10);
    const unseen = report.eval.cases.find((c: { id: string }) => c.id === 'unseen-digit');
    expect(unseen).toMatchObject({ input: '5', expected: '6', output: '6', pass: true, scorer: 'exact' });
    expect(report.hyperparameters).toMatchObject({ epochCount: 5, batchSize: 4, learningRate: 0.001 });

    const summary = runner.summary();
    expect(summary).toContain('xychart-beta');
    expect(summary).toContain('unseen-digit');

    const comments = gh.comments('octo-org', 'number-tuner', 101);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- gemini-tune:happy -->');
    expect(comments[0]!.body).toContain('ACTIVE');

    // The eval ran on the tuned model, with no generation settings (none was given).
    const gen = emu.requests.filter((r) => r.path.includes(':generateContent'));
    expect(gen).toHaveLength(10);
    expect(gen.every((r) => r.path.startsWith(`/v1beta/${out['tuned-model']}:generateContent`))).toBe(true);
    expect(JSON.parse(gen[0]!.body).generationConfig).toBeUndefined();
  });

  it('sends the training examples and hyperparameters the inputs name', async () => {
    const runner = action(
      { 'epoch-count': '3', 'batch-size': '2', 'learning-rate-multiplier': '1.5', 'eval-data': '' },
      { event: 'push' },
    );
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    const create = emu.requests.find((r) => r.method === 'POST' && r.path.startsWith('/v1beta/tunedModels?'));
    expect(create).toBeDefined();
    expect(create!.path).toMatch(/tunedModelId=gt-[a-z0-9]+/);
    const body = JSON.parse(create!.body);
    expect(body.baseModel).toBe('models/gemini-1.5-flash-001-tuning');
    expect(body.displayName).toBe('number-tuner-a1b2c3d');
    expect(body.tuningTask.hyperparameters).toEqual({ epochCount: 3, batchSize: 2, learningRateMultiplier: 1.5 });
    expect(body.tuningTask.trainingData.examples.examples).toHaveLength(15);
    expect(body.tuningTask.trainingData.examples.examples[3]).toEqual({
      textInput: 'twenty two',
      output: 'twenty three',
    });
  });

  it('fails on a malformed dataset before any remote call, with an annotation per problem', async () => {
    const runner = action();
    writeFileSync(join(runner.dir, 'bad.jsonl'), '{"text_input": "1", "output": "2"}\n{"text_input": "3"}\nnot json\n');
    runner.env['GITHUB_WORKSPACE'] = runner.dir;
    runner.env['INPUT_TRAINING-DATA'] = 'bad.jsonl';
    runner.env['INPUT_EVAL-DATA'] = '';
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(emu.requests).toHaveLength(0);
    expect(result.stdout).toMatch(/::error title=[^,]*,file=bad\.jsonl,line=2::"output" is missing/);
    expect(result.stdout).toMatch(/::error title=[^,]*,file=bad\.jsonl,line=3,col=1::not valid JSON/);
    expect(result.stdout).toContain('::error::gemini-tune failed with: 2 problems in bad.jsonl');
  });

  it('fails on a bad input before any remote call', async () => {
    const result = await runMain(action({ 'epoch-count': 'lots' }), { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::gemini-tune failed with: input "epoch-count" must be a positive integer; got "lots"',
    );
    expect(emu.requests).toHaveLength(0);
  });

  it('writes the report and summary, then fails, when tuning FAILED', async () => {
    emu.configure({ training: { stepMs: 10, outcome: 'FAILED' } });
    const runner = action({}, { prNumber: 102 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::gemini-tune failed with: tuning FAILED/);
    const out = runner.outputs();
    expect(out['state']).toBe('FAILED');
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    expect(report.state).toBe('FAILED');
    expect(report.eval).toBeNull();
    expect(report.error).toBeTruthy();
    expect(runner.summary()).toContain('FAILED');
    expect(gh.comments('octo-org', 'number-tuner', 102)[0]!.body).toContain('FAILED');
    expect(emu.requests.filter((r) => r.path.includes(':generateContent'))).toHaveLength(0);
  });

  it('reuses an ACTIVE model built from the same content key (cache-hit)', async () => {
    const first = action({ 'eval-data': '' }, { event: 'push' });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    const second = action({ 'eval-data': '' }, { event: 'push' });
    expect((await runMain(second, { clock })).exitCode).toBe(0);
    expect(creates()).toBe(1);
    expect(second.outputs()['cache-hit']).toBe('true');
    expect(second.outputs()['tuned-model']).toBe(first.outputs()['tuned-model']);
    const report = JSON.parse(readFileSync(second.outputs()['report-path']!, 'utf8'));
    expect(report.cacheHit).toBe(true);
    expect(report.snapshots.length).toBeGreaterThan(0);
  });

  it('returns at once with wait: false, then resume picks the job up (one create in all)', async () => {
    emu.configure({ training: { stepMs: 40 } });
    const first = action({ wait: 'false', 'eval-data': '' }, { event: 'push' });
    const r1 = await runMain(first, { clock });
    expect(r1.exitCode).toBe(0);
    expect(first.outputs()['state']).toBe('CREATING');
    const job = first.outputs()['job']!;
    expect(r1.stdout).toContain(`resume: ${job}`);
    // The post step leaves a job alone when the main step did not wait on purpose.
    const post = await runPostStep(first, { clock });
    expect(post.stdout).not.toContain('::warning');
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    const second = action({ resume: job, 'training-data': '' }, { event: 'push' });
    expect((await runMain(second, { clock })).exitCode).toBe(0);
    expect(second.outputs()['state']).toBe('ACTIVE');
    expect(second.outputs()['job']).toBe(job);
    expect(creates()).toBe(1);
  });

  it('times out with state CREATING, leaves the job running, and says how to resume', async () => {
    emu.configure({ training: { stepMs: 5000 } });
    const runner = action({ 'timeout-minutes': '0.02', 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    const out = runner.outputs();
    expect(out['state']).toBe('CREATING');
    expect(result.stdout).toContain(`resume: ${out['job']}`);
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(JSON.parse(readFileSync(out['report-path']!, 'utf8')).resumeWith).toBe(out['job']);
  });

  it('keeps to timeout-minutes while every poll fails with 503 (the poll gives up at the deadline)', async () => {
    // The server asks for a minute between tries: without a deadline the poll's own retries would
    // wait it out, past this test's time limit.
    emu.configure({ training: { stepMs: 5000 } });
    emu.faults.add({ method: 'GET', path: '/operations/', kind: 'status', status: 503, retryAfterSeconds: 60 });
    const runner = action({ 'timeout-minutes': '0.1', 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    const out = runner.outputs();
    expect(out['state']).toBe('CREATING');
    expect(result.stdout).toContain(`resume: ${out['job']}`);
    expect(emu.requests.some((r) => r.path.includes('/operations/') && r.status === 503)).toBe(true);
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  it('edits its comment in place on a second run', async () => {
    const first = action({ 'eval-data': '', 'comment-key': 'sticky' }, { prNumber: 103 });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    const second = action({ 'eval-data': '', 'comment-key': 'sticky', cache: 'false' }, { prNumber: 103 });
    expect((await runMain(second, { clock })).exitCode).toBe(0);
    const comments = gh.comments('octo-org', 'number-tuner', 103);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(second.outputs()['tuned-model']!);
  });

  it('succeeds without a comment on a fork pull request whose token cannot write', async () => {
    gh.setReadOnly(true);
    try {
      const runner = action({ 'eval-data': '' }, { prNumber: 104, fork: true });
      const result = await runMain(runner, { clock });
      expect(result.exitCode).toBe(0);
      expect(runner.outputs()['comment-url']).toBe('');
      expect(result.stdout).toContain('::notice');
      expect(runner.summary()).toContain('ACTIVE');
    } finally {
      gh.setReadOnly(false);
    }
  });

  it('writes only the job summary on push', async () => {
    const before = gh.requests.length;
    const runner = action({ 'eval-data': '' }, { event: 'push' });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    expect(gh.requests.length).toBe(before);
    expect(runner.summary()).toContain('ACTIVE');
  });

  it('fails the step after the report when a gate is missed', async () => {
    const runner = action({ 'min-pass-rate': '0.95', 'max-final-loss': '0.000001' }, { event: 'push' });
    // One case the stand-in model cannot pass: 9 of 10 scored cases pass, 90% < 95%.
    const evalFile = join(workspaceTempDir('gate-'), 'eval.jsonl');
    writeFileSync(
      evalFile,
      readFileSync('examples/number-generator/eval.jsonl', 'utf8') +
        '{"id": "impossible", "input": "1", "expected": "3"}\n',
    );
    runner.env['INPUT_EVAL-DATA'] = evalFile;
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/gate min-pass-rate missed/);
    expect(result.stdout).toMatch(/gate max-final-loss missed/);
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    expect(report.gates).toEqual([
      { name: 'min-pass-rate', threshold: 0.95, value: 0.9, passed: false },
      { name: 'max-final-loss', threshold: 0.000001, value: expect.any(Number), passed: false },
    ]);
    expect(runner.outputs()['state']).toBe('ACTIVE');
  });
});

describe('the Gemini API as it is in 2026: no model offers tuning (issue 13)', () => {
  it('the default base model: REJECTED after one models.get, before any create, pointing to Vertex AI', async () => {
    emu.configure({ training: { tunable: false } });
    const runner = action({ 'comment-key': 'no-tuning' }, { prNumber: 180 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(emu.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /v1beta/models/gemini-1.5-flash-001-tuning',
    ]);
    expect(creates()).toBe(0);
    expect(result.stdout).toContain(
      '::error::gemini-tune failed with: base-model models/gemini-1.5-flash-001-tuning cannot be tuned on the Gemini API: the service does not know it (404 NOT_FOUND). Google offers no tuning through the Gemini API today',
    );
    expect(result.stdout).toContain('Tune on Vertex AI instead: authenticate with google-github-actions/auth');
    const out = runner.outputs();
    expect(out['state']).toBe('REJECTED');
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as { state: string; error: string };
    expect(report).toMatchObject({ state: 'REJECTED' });
    expect(report.error).toMatch(/Tune on Vertex AI instead/);
    expect(gh.comments('octo-org', 'number-tuner', 180).at(-1)?.body).toContain('REJECTED');
  });

  it('a listed model without createTunedModel: REJECTED the same way', async () => {
    emu.configure({ training: { tunable: false } });
    const runner = action({ 'base-model': 'models/gemini-2.5-flash', 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('the service does not offer it for tuning (no createTunedModel)');
    expect(creates()).toBe(0);
    expect(runner.outputs()['state']).toBe('REJECTED');
  });
});
