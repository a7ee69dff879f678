/**
 * What the services answer, end to end in this process (issue 12, items 9, 10, 12): the real run()
 * against the emulator on a virtual clock, on both backends. A 2xx answer that is not the resource
 * the call returns (garbage at create, garbage at a poll) ends the run with an error naming the
 * call: non-zero exit, the JSON report written, the `job` output keeping the name known before,
 * and a final PR comment (not "in progress"). Loss values the service reports that are not finite,
 * non-negative numbers stay out of the report, so its chart, final loss and outputs agree. A failed
 * token exchange or impersonation is named, with Google's message.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type FaultRule, type GitHubFake } from '../emulator/index.js';
import { GITHUB_TOKEN, geminiRun } from '../helpers/harness.js';
import { runMain, type InProcessResult } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const clock = new VirtualClock();
const API_KEY = 'AIzaSyAnswers-secret-key-do-not-print-5';
const PROJECT = 'answers-proj';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
let emu: Emulator;
let gh: GitHubFake;
let credentials: string;

beforeAll(async () => {
  emu = await startEmulator({
    now: clock.now,
    apiKeys: [API_KEY],
    training: { tunable: true, stepMs: 15 },
    vertex: { stepMs: 10 },
  });
  gh = await startGitHubFake();
  credentials = externalAccountFile(emu.url, PROJECT);
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({
    training: { stepMs: 15, outcome: 'ACTIVE' },
    vertex: { stepMs: 10, outcome: 'SUCCEEDED' },
    auth: { subjectTokens: undefined, serviceAccounts: undefined },
  });
});

let pr = 900;
const geminiAction = (inputs: Record<string, string> = {}): RunnerEnv =>
  geminiRun(
    { emu, gh, apiKey: API_KEY },
    { 'eval-data': '', 'comment-key': `answers-${pr}`, ...inputs },
    { prNumber: ++pr },
  );
const vertexAction = (inputs: Record<string, string> = {}): RunnerEnv =>
  runnerEnv({
    inputs: {
      project: PROJECT,
      location: 'us-central1',
      'staging-uri': 'gs://answers-staging/runs',
      'api-endpoint': emu.url,
      'training-data': 'examples/number-generator/train.jsonl',
      'github-token': GITHUB_TOKEN,
      'comment-key': `answers-${pr}`,
      ...inputs,
    },
    prNumber: ++pr,
    githubApiUrl: gh.url,
    extra: { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT },
  });

/** A run that ended on an error: non-zero exit, the report on disk, a final comment; the report back. */
function endedWithReport(main: InProcessResult, runner: RunnerEnv): Record<string, unknown> {
  expect(main.exitCode, main.stdout).not.toBe(0);
  const out = runner.outputs();
  expect(out['report-path']).toBeTruthy();
  const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
  expect(report['job'] ?? '').toBe(out['job'] ?? '');
  const comments = gh.comments(OWNER, REPO, pr);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body).not.toContain('in progress');
  // The final comment: the error that ended the run, not a progress note.
  expect(comments[0]!.body).toContain('> [!CAUTION]');
  expect(comments[0]!.body).toMatch(/answered HTTP 200|failed with/);
  expect(out['comment-url']).toBeTruthy();
  for (const channel of [main.stdout, JSON.stringify(report), comments[0]!.body]) {
    expect(channel.replace(/^::add-mask::.*$/gm, '')).not.toContain(API_KEY);
  }
  return report;
}

const GARBAGE = [
  ['null', 'null'],
  ['an HTML error page', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'],
  ['truncated JSON', '{"name": "tunedModels/x/operations/y", "done": fal'],
  ['an array', '[]'],
] as const;

describe('Gemini API: answers that are not an Operation', () => {
  it.each(GARBAGE)('poll answered %s: the run ends with the error, and keeps the job name', async (_, body) => {
    emu.faults.add({ method: 'GET', path: '/operations/', kind: 'answer', body });
    const runner = geminiAction();
    const main = await runMain(runner, { clock });
    const report = endedWithReport(main, runner);
    const out = runner.outputs();
    expect(out['job']).toMatch(/^tunedModels\/[a-z0-9-]+\/operations\/\S+$/);
    expect(out['tuned-model']).toMatch(/^tunedModels\/[a-z0-9-]+$/);
    // The one poll was for the job the output names: nothing was forgotten, nothing retried.
    const polls = emu.requests.filter((r) => r.method === 'GET' && r.path.includes('/operations/'));
    expect(polls).toHaveLength(1);
    expect(polls[0]!.path).toContain(out['job']);
    expect(String(report['error'])).toMatch(/operations\.get answered HTTP 200 with a body that is not an Operation/);
    expect(main.stdout).toMatch(/::error::.*operations\.get answered HTTP 200/);
  });

  it('create answered "null" ("Created null"): an error naming the call and where the model would be', async () => {
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'answer', body: 'null' });
    const runner = geminiAction();
    const main = await runMain(runner, { clock });
    const report = endedWithReport(main, runner);
    expect(main.stdout).not.toContain('Created null');
    expect(String(report['error'])).toMatch(
      /^tunedModels\.create answered HTTP 200 with a body that is not an Operation \(not a JSON object\): null \(the tuned model, if the service made it, is tunedModels\/[a-z0-9-]+\)/,
    );
    expect(runner.outputs()['state']).not.toBe('ACTIVE');
  });
});

describe('Vertex AI: answers that are not a TuningJob', () => {
  const jobNames = (): string[] =>
    emu.vertex.jobs.all().map((r) => (emu.vertex.jobs.render(r) as { name: string }).name);

  it.each(GARBAGE)('poll answered %s: the run ends with the error, and keeps the job name', async (_, body) => {
    emu.configure({ vertex: { stepMs: 300, outcome: 'SUCCEEDED' } });
    emu.faults.add({ method: 'GET', path: /\/tuningJobs\/[^/:]+$/, kind: 'answer', body });
    const runner = vertexAction();
    const main = await runMain(runner, { clock });
    const report = endedWithReport(main, runner);
    const out = runner.outputs();
    expect(jobNames()).toHaveLength(1);
    expect(out['job']).toBe(jobNames()[0]);
    expect(String(report['error'])).toMatch(/tuningJobs\.get answered HTTP 200 with a body that is not a TuningJob/);
  });

  it('create answered with something else: an error naming the call', async () => {
    emu.faults.add({ method: 'POST', path: /\/tuningJobs$/, kind: 'answer', body: '{"done": true}' });
    const runner = vertexAction();
    const main = await runMain(runner, { clock });
    const report = endedWithReport(main, runner);
    expect(String(report['error'])).toMatch(
      /^tuningJobs\.create answered HTTP 200 with a body that is not a TuningJob \(name is not a string\): \{"done":true\}/,
    );
  });
});

describe('loss values the service reports', () => {
  it('NaN, Infinity, negative and text losses stay out: chart, final loss and outputs agree', async () => {
    const snapshots = [
      { step: 1, epoch: 1, meanLoss: 2.5 },
      { step: 2, epoch: 1, meanLoss: 'NaN' },
      { step: 3, epoch: 1, meanLoss: 0.75 },
      { step: 4, epoch: 2, meanLoss: -5e306 },
      { step: 5, epoch: 2, meanLoss: 'RAW_1E999' }, // a JSON number that parses to Infinity
      { step: 6, epoch: 2, meanLoss: 'abc' },
      { step: 7, epoch: 2, meanLoss: 'Infinity' },
    ];
    // The finished model's record (the lookup before create is off: cache false).
    const rule: FaultRule = {
      method: 'GET',
      path: /^\/v1beta\/tunedModels\/[a-z0-9-]+$/,
      kind: 'answer',
      body: JSON.stringify({ name: 'tunedModels/loss-check', state: 'ACTIVE', tuningTask: { snapshots } }).replace(
        '"RAW_1E999"',
        '1e999',
      ),
    };
    emu.faults.add(rule);
    const runner = geminiAction({ cache: 'false' });
    const main = await runMain(runner, { clock });
    expect(main.exitCode, main.stdout).toBe(0);
    const out = runner.outputs();
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as {
      snapshots: { step: number; meanLoss: number | null }[];
      finalLoss: number | null;
    };
    expect(report.snapshots.map((s) => [s.step, s.meanLoss])).toEqual([
      [1, 2.5],
      [3, 0.75],
    ]);
    expect(report.finalLoss).toBe(0.75);
    expect(Number(out['final-loss'])).toBe(0.75);
    const summary = runner.summary();
    expect(summary).toContain('final **0.75**');
    // Resource names (in code spans) are hex and may hold "e307": only the rest is searched.
    expect(summary.replace(/`[^`]*`/g, '')).not.toMatch(/e\+?30[678]|NaN|Infinity/);
    expect(main.stdout).toMatch(/::warning::.*left out 5 loss values/);
  });
});

describe('credentials: Workload Identity Federation steps that fail', () => {
  it('the token exchange (STS) is named, with its error and error_description', async () => {
    emu.configure({ auth: { subjectTokens: ['not-the-token-in-the-file'] } });
    const runner = vertexAction();
    const main = await runMain(runner, { clock });
    const report = endedWithReport(main, runner);
    const error = String(report['error']);
    expect(error).toMatch(
      /^token exchange failed with INVALID_ARGUMENT \(HTTP 400\) from POST http:\/\/[^ ]+\/v1\/token, so GET [^ ]+\/tuningJobs was not sent: invalid_grant: The subject token was not accepted by the identity provider\./,
    );
    expect(error).toContain('workload_identity_provider');
    expect(error).not.toMatch(/eyJ/);
  });

  it('service-account impersonation is named, with the IAM message', async () => {
    emu.configure({ auth: { serviceAccounts: ['someone-else@answers-proj.iam.gserviceaccount.com'] } });
    const runner = vertexAction();
    const main = await runMain(runner, { clock });
    const report = endedWithReport(main, runner);
    const error = String(report['error']);
    expect(error).toMatch(
      /^service-account impersonation failed with PERMISSION_DENIED \(HTTP 403\) from POST [^ ]+:generateAccessToken/,
    );
    expect(error).toContain("Permission 'iam.serviceAccounts.getAccessToken' denied");
    expect(error).toContain('roles/iam.workloadIdentityUser');
  });
});
