/**
 * Issue 16 through the real run() on Vertex AI, in process, over real HTTP to the emulator: the
 * estimate before create (countTokens on the base model), the budget stop before anything is
 * created (REJECTED), the in-flight stop once the job reports its billable tokens (CANCELLED), the
 * cost with its basis, and two jobs started together in a project whose quota runs one at a time.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { together } from '../helpers/concurrent.js';
import { runMain } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();
const PROJECT = 'budget-proj';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
let emu: Emulator;
let gh: GitHubFake;
let credentials: string;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, vertex: { stepMs: 5 } });
  gh = await startGitHubFake();
  credentials = externalAccountFile(emu.url, PROJECT);
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ vertex: { stepMs: 5, outcome: 'SUCCEEDED' } });
});

function action(inputs: Record<string, string>, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) {
  return runnerEnv({
    inputs: {
      project: PROJECT,
      'staging-uri': 'gs://budget-bkt/ci',
      'api-endpoint': emu.url,
      'training-data': 'examples/number-generator/train.jsonl',
      'github-token': 'ghs_fake_installation_token',
      ...inputs,
    },
    githubApiUrl: gh.url,
    ...opts,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, ...(opts.extra ?? {}) },
  });
}

const report = (r: ReturnType<typeof action>) => JSON.parse(readFileSync(r.outputs()['report-path']!, 'utf8'));
const creates = () => emu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path.split('?')[0]!));
const counts = () => emu.requests.filter((r) => r.path.endsWith(':countTokens'));

describe('the budget (INTERFACE "Budget")', () => {
  it('the estimate: countTokens on the base model, the cost with its basis, training-tokens set', async () => {
    const runner = action({ 'epoch-count': '3', 'token-price': '8' }, { prNumber: 401 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(counts()).toHaveLength(8); // 15 examples, two a request: at most 10 requests
    expect(counts()[0]!.path).toMatch(/\/publishers\/google\/models\/gemini-3\.5-flash:countTokens$/);
    const cost = report(runner).cost;
    // Once the job reported its billable tokens, the figures are the service's: that count × 3 epochs.
    expect(cost).toMatchObject({ basis: 'service', epochs: 3, tokenPrice: 8, sample: { examples: 15, requests: 8 } });
    expect(cost.trainingTokens).toBe(cost.billableTokens * 3);
    expect(cost.estimatedUsd).toBe(Math.round((cost.trainingTokens / 1e6) * 8 * 100) / 100);
    expect(runner.outputs()['training-tokens']).toBe(String(cost.trainingTokens));
    expect(result.stdout).toMatch(
      /Training tokens: \d[\d,]* \(\d[\d,]* dataset tokens, estimated with countTokens on 15 examples, × 3 epochs\), about \$/,
    );
    expect(result.stdout).not.toMatch(/epoch-count is empty/);
    const comment = gh.comments(OWNER, REPO, 401).at(-1)!.body;
    expect(comment).toMatch(
      /\*\*Training tokens:\*\* \*\*\d[\d,]*\*\* \(the service's count: \d[\d,]* billable tokens × 3 epochs\) · \*\*\$\d+\.\d\d\*\* at \$8 per million tokens/,
    );
  });

  it('max-training-tokens below the estimate: REJECTED, nothing created, the estimate and the budget said', async () => {
    const runner = action({ 'epoch-count': '4', 'max-training-tokens': '10' }, { prNumber: 402 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(runner.outputs()['state']).toBe('REJECTED');
    expect(creates()).toHaveLength(0);
    expect(emu.requests.filter((r) => r.path.includes('uploadType='))).toHaveLength(0);
    const r = report(runner);
    expect(r.state).toBe('REJECTED');
    expect(r.budgetStop).toBe('training-token');
    expect(r.error).toMatch(
      /^over the training-token budget: the estimate is \d[\d,]* training tokens \(\d[\d,]* dataset tokens × 4 epochs\), max-training-tokens is 10; raise max-training-tokens, lower epoch-count, or train on fewer examples$/,
    );
    expect(r.cost).toMatchObject({ basis: 'estimate', epochs: 4 });
    expect(runner.outputs()['training-tokens']).toBe(String(r.cost.trainingTokens));
    const comment = gh.comments(OWNER, REPO, 402).at(-1)!.body;
    expect(comment).toContain('Gemini tuning: REJECTED — over the training-token budget');
    expect(comment).toContain('max-training-tokens is 10');
  });

  it('without epoch-count: a job whose billable tokens × epochs go over the budget is cancelled on the next poll', async () => {
    // The estimate assumes 1 epoch (at least) and passes; the service then says 5 epochs.
    emu.configure({ vertex: { stepMs: 2000 } });
    const probe = action({ 'max-training-tokens': '1000000' }, { event: 'push' });
    await runMain(probe, { clock });
    const perPass = report(probe).cost.billableTokens as number;
    emu.reset();
    emu.configure({ vertex: { stepMs: 2000, outcome: 'SUCCEEDED' } });
    const runner = action({ 'max-training-tokens': String(perPass * 2), 'comment-key': 'inflight' }, { prNumber: 403 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::warning::epoch-count is empty: the service chooses the number of epochs/);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    expect(emu.requests.filter((r) => r.path.endsWith(':cancel'))).toHaveLength(1);
    const r = report(runner);
    expect(r.cost).toMatchObject({ basis: 'service', epochs: 5, billableTokens: perPass, trainingTokens: perPass * 5 });
    expect(r.budgetStop).toBe('training-token');
    expect(r.error).toMatch(/^cancelled over the training-token budget: the service counts \d[\d,]* training tokens/);
    const comment = gh.comments(OWNER, REPO, 403).at(-1)!.body;
    expect(comment).toContain('Gemini tuning: CANCELLED — over the training-token budget');
    const job = emu.vertex.jobs.all()[0]!;
    expect(emu.vertex.jobs.progress(job).state).toBe('JOB_STATE_CANCELLED');
  });

  it('two jobs started together, one at a time by quota: the second waits, says so and for how long, and its timings split queue and tuning', async () => {
    // Steps of 100 s: the first job takes about 7 minutes, so the second waits more than 5 (the comment
    // says so again with how long), and both outlast a few polls.
    emu.configure({ vertex: { stepMs: 100_000, concurrentJobs: 1 } });
    const a = action({ 'epoch-count': '2', 'comment-key': 'quota-a' }, { prNumber: 404 });
    const b = action(
      { 'epoch-count': '2', 'training-data': 'examples/number-generator/validation.jsonl', 'comment-key': 'quota-b' },
      { prNumber: 405 },
    );
    const results = await together((start) => Promise.all([start(a, { clock }), start(b, { clock })]));
    for (const r of results) expect(r.exitCode, r.stdout).toBe(0);
    const waited = results.findIndex((r) => /waiting for tuning quota/.test(r.stdout));
    expect(waited).toBeGreaterThanOrEqual(0);
    const [runner, pr] = waited === 0 ? [a, 404] : [b, 405];
    expect(results[waited]!.stdout).toMatch(/CREATING \(waiting for tuning quota [^)]*\)\) · waiting for \d/);
    const timings = report(runner).timings;
    expect(timings.queued).toBeGreaterThan(0);
    expect(timings.tuning).toBeGreaterThan(0);
    const written = gh.requests.filter((r) => r.path.includes(`/issues/${pr}/comments`) || r.method === 'PATCH');
    const bodies = written.map((w) => w.body);
    const quota = 'waiting for tuning quota \\(another job of the project is running\\)';
    expect(bodies.some((b) => new RegExp(`${quota} since \\d\\d:\\d\\d UTC`).test(b))).toBe(true);
    // How long it waited: in the final comment (an edit made while it waited may be replaced by a
    // newer one before GitHub gets it: the comment writer sends only the latest).
    const final = gh.comments(OWNER, REPO, pr).at(-1)!.body;
    expect(final).toMatch(/\*\*Duration:\*\* [0-9hms ]+ \(of which [0-9hms ]+ waiting for tuning quota\)/);
    // The other one did not wait.
    expect(report(waited === 0 ? b : a).timings.queued).toBeUndefined();
  });

  it('max-cost without token-price is an input error', async () => {
    const runner = action({ 'max-cost': '5' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('input "max-cost" needs token-price');
    expect(emu.requests).toHaveLength(0);
  });
});
