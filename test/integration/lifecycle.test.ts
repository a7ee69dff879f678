/**
 * Issue 17, `mode: promote` and `mode: cleanup`, through the real run() in process over real HTTP
 * to the emulator (Vertex AI: labels on the model version, aliases, undeploy and delete as
 * long-running operations) and the GitHub fake.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();
const PROJECT = 'lifecycle-proj';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
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
  emu.configure({ vertex: { stepMs: 5, outcome: 'SUCCEEDED', operationMs: 3_000 }, generate: { latencyMs: 0 } });
});

function action(inputs: Record<string, string>, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) {
  return runnerEnv({
    inputs: {
      project: PROJECT,
      'staging-uri': 'gs://lifecycle-bkt/ci',
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

const creates = () =>
  emu.requests.filter((r) => r.method === 'POST' && /\/tuningJobs$/.test(r.path.split('?')[0]!)).length;
/** A Model version or an Endpoint as the emulator has it now (read in process): 200 with it, or 404. */
const get = async (name: string): Promise<{ status: number; json: Record<string, any> }> => {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/(models|endpoints)\/(.+)$/.exec(name)!;
  try {
    const json =
      m[3] === 'models'
        ? emu.vertex.models.getModel(m[1]!, m[2]!, m[4]!)
        : emu.vertex.models.getEndpoint(m[1]!, m[2]!, m[4]!);
    return { status: 200, json };
  } catch {
    return { status: 404, json: {} };
  }
};

async function tune(pr: number, inputs: Record<string, string> = {}) {
  gh.addPullRequest(OWNER, REPO, { number: pr, headSha: HEAD });
  const runner = action({ 'epoch-count': '2', ...inputs }, { prNumber: pr });
  const result = await runMain(runner, { clock });
  expect(result.stdout).not.toContain('::error');
  expect(runner.outputs()['state']).toBe('ACTIVE');
  return runner.outputs();
}

async function cleanup(pr: number) {
  gh.closePullRequest(OWNER, REPO, pr);
  const runner = action({ mode: 'cleanup', 'training-data': '' }, { prNumber: pr, prAction: 'closed' });
  const result = await runMain(runner, { clock });
  expect(result.stdout).not.toContain('::error');
  expect(result.exitCode).toBe(0);
  return { outputs: runner.outputs(), stdout: result.stdout, summary: runner.summary() };
}

async function promote(inputs: Record<string, string> = {}) {
  const runner = action({ mode: 'promote', 'epoch-count': '2', ...inputs }, { event: 'push' });
  const result = await runMain(runner, { clock });
  return { result, outputs: runner.outputs() };
}

describe('cleanup (issue 17)', () => {
  it('A closed while B reuses the model: nothing deleted; B closed: the model and its endpoints deleted; again: nothing', async () => {
    const a = await tune(401);
    const model = a['tuned-model']!;
    expect((await get(model)).json.labels).toMatchObject({ gemini_tune_repo: '987654321', gemini_tune_pr_401: 'open' });
    const b = await tune(402);
    expect(b['cache-hit']).toBe('true');
    expect(b['tuned-model']).toBe(model);
    expect(creates()).toBe(1);
    expect((await get(model)).json.labels).toMatchObject({ gemini_tune_pr_401: 'open', gemini_tune_pr_402: 'open' });

    const first = await cleanup(401);
    expect(first.outputs).toMatchObject({ deleted: '0', kept: '1' });
    expect(first.stdout).toContain('used by open pull request #402');
    const labels = (await get(model)).json.labels;
    expect(labels).not.toHaveProperty('gemini_tune_pr_401');
    expect(labels).toHaveProperty('gemini_tune_pr_402');

    const endpoints = ((await get(model)).json.deployedModels as { endpoint: string }[]).map((d) => d.endpoint);
    expect(endpoints.length).toBeGreaterThan(1); // the model's endpoint and the checkpoints'
    const second = await cleanup(402);
    expect(second.outputs).toMatchObject({ deleted: '1', kept: '0' });
    expect((await get(model)).status).toBe(404);
    for (const e of endpoints) expect((await get(e)).status).toBe(404);
    expect(second.summary).toContain('deleted with');

    const again = await cleanup(402);
    expect(again.outputs).toMatchObject({ deleted: '0', kept: '0' });
    expect(emu.requests.filter((r) => r.method === 'DELETE').length).toBe(endpoints.length + 1);
  });

  it('on an event other than closed, cleanup deletes nothing and says why', async () => {
    await tune(405);
    const runner = action({ mode: 'cleanup', 'training-data': '' }, { prNumber: 405 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/::notice::mode: cleanup runs when a pull request is closed/);
    expect(runner.outputs()).toMatchObject({ deleted: '0', kept: '0' });
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });
});

describe('promote (issue 17)', () => {
  it('finds the merged inputs’ model without training, moves the release label, and a released model is never deleted', async () => {
    const x = (await tune(411, { 'epoch-count': '3' }))['tuned-model']!;
    const y = (await tune(412, { 'epoch-count': '4' }))['tuned-model']!;
    expect(creates()).toBe(2);

    const first = await promote({ 'epoch-count': '3' });
    expect(first.result.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ 'tuned-model': x, 'cache-hit': 'true', state: 'ACTIVE' });
    expect((await get(x)).json.labels).toMatchObject({ gemini_tune_release: 'production' });

    const second = await promote({ 'epoch-count': '4' });
    expect(second.result.stdout).not.toContain('::error');
    expect(second.outputs).toMatchObject({ 'tuned-model': y, 'cache-hit': 'true' });
    expect(second.result.stdout).toContain(`taken off ${x}`);
    expect((await get(y)).json.labels).toMatchObject({ gemini_tune_release: 'production' });
    expect((await get(x)).json.labels).not.toHaveProperty('gemini_tune_release');
    expect(creates()).toBe(2);

    // The released model is kept when its pull request closes; the one it replaced is deleted.
    expect((await cleanup(412)).outputs).toMatchObject({ deleted: '0', kept: '1' });
    expect((await get(y)).status).toBe(200);
    expect((await cleanup(411)).outputs).toMatchObject({ deleted: '1', kept: '0' });
    expect((await get(x)).status).toBe(404);
  });

  it('a Model with versions (continuous tuning): the release alias moves too, and cleanup deletes only the version', async () => {
    const v1 = (await tune(421))['tuned-model']!;
    expect(v1).toMatch(/@1$/);
    const v2 = (await tune(422, { 'base-model': v1, 'epoch-count': '3' }))['tuned-model']!;
    expect(v2).toBe(v1.replace(/@1$/, '@2'));

    const { outputs } = await promote({ 'base-model': v1, 'epoch-count': '3' });
    expect(outputs).toMatchObject({ 'tuned-model': v2, 'cache-hit': 'true' });
    expect((await get(v2)).json.versionAliases).toContain('production');
    expect((await get(v1.replace(/@1$/, '@production'))).json.versionId).toBe('2');

    // v1 is no one's any more: its version goes, the Model (and the released v2) stays.
    expect((await cleanup(421)).outputs).toMatchObject({ deleted: '1', kept: '0' });
    expect(emu.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('@1:deleteVersion'))).toBe(true);
    expect((await get(v1)).status).toBe(404);
    expect((await get(v2)).status).toBe(200);
  });

  it('with no tuned model for the inputs: an error that says so, and nothing is created', async () => {
    const { result, outputs } = await promote({ 'epoch-count': '7' });
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toMatch(
      /::error::gemini-tune failed with: no ACTIVE tuned model was built from these inputs/,
    );
    expect(outputs['state']).toBe('REJECTED');
    expect(creates()).toBe(0);
  });
});
