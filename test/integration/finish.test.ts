/**
 * Issue 17, `mode: finish`, through the real run() in process over real HTTP to the emulator and
 * the GitHub fake: a `wait: false` run on a pull request leaves a run record in its comment, the
 * eval set in Cloud Storage and a pending commit status; a finish run while the job trains
 * refreshes the comment and leaves the status pending; one after it ends evaluates, writes the
 * final comment and settles the status; a third changes nothing. A record forged by someone else
 * is ignored.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { runnerEnv, workspaceTempDir, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';
import { decodeRecord } from '../../src/finish/record.js';

const clock = new VirtualClock();
const PROJECT = 'finish-proj';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
/** The head commit of the pull_request payload the runner environment writes. */
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const HOURS = 3_600_000;
let emu: Emulator;
let gh: GitHubFake;
let dir: string;
let runs = 0;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, vertex: { stepMs: 1_800_000 } });
  gh = await startGitHubFake();
  dir = workspaceTempDir('finish-');
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  // Half an hour per step: the job trains for hours of emulated time unless the test moves the clock on.
  emu.configure({ vertex: { stepMs: 1_800_000, outcome: 'SUCCEEDED' }, generate: { latencyMs: 0 } });
});

function action(inputs: Record<string, string>, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) {
  return runnerEnv({
    inputs: {
      project: PROJECT,
      'staging-uri': 'gs://finish-bkt/ci',
      'api-endpoint': emu.url,
      'github-token': 'ghs_fake_installation_token',
      ...inputs,
    },
    githubApiUrl: gh.url,
    ...opts,
    // Each run gets GitHub's OIDC token of its own (virtual) time, as each workflow run does.
    extra: {
      GOOGLE_APPLICATION_CREDENTIALS: externalAccountFile(emu.url, PROJECT, {
        dir,
        name: `creds-${runs++}.json`,
        issuedAt: clock.now(),
      }),
      ...(opts.extra ?? {}),
    },
  });
}

const tuneInputs = {
  'training-data': 'examples/number-generator/train.jsonl',
  'eval-data': 'examples/number-generator/eval.jsonl',
  'epoch-count': '2',
  wait: 'false',
};
const finishRun = () => action({ mode: 'finish' }, { event: 'schedule' });
const commentOf = (pr: number) => gh.comments(OWNER, REPO, pr).at(-1)!;
const statuses = () => gh.statuses(OWNER, REPO, HEAD);
const vertexCalls = () => emu.requests.filter((r) => r.path.includes('/tuningJobs')).length;

describe('mode: finish (issue 17)', () => {
  it('wait: false leaves a record and a pending status; finish refreshes, then finishes, then changes nothing', async () => {
    gh.addPullRequest(OWNER, REPO, { number: 301, headSha: HEAD });
    const tune = action({ ...tuneInputs, 'min-pass-rate': '0.5', 'comment-key': 'finish-a' }, { prNumber: 301 });
    const started = await runMain(tune, { clock });
    expect(started.stdout).not.toContain('::error');
    expect(started.exitCode).toBe(0);
    expect(tune.outputs()['state']).toBe('CREATING');

    // The comment says the job is training and holds the record; the status is pending.
    const first = commentOf(301).body;
    expect(first).toMatch(/^<!-- gemini-tune:finish-a -->\n<!-- gemini-tune-record:v1 \{/);
    expect(first).toContain('still tuning');
    expect(first).toContain('mode: finish');
    const record = decodeRecord(first)!;
    expect(record.job).toBe(tune.outputs()['job']);
    expect(record.headSha).toBe(HEAD);
    expect(record.settings.minPassRate).toBe(0.5);
    expect(Buffer.byteLength(first.split('\n')[1]!, 'utf8')).toBeLessThan(8 * 1024 + 40);
    // The eval set, stored under the staging prefix by its digest.
    expect(record.evalSet?.uri).toBe(`gs://finish-bkt/ci/eval/${record.evalSet?.sha256}.jsonl`);
    expect(emu.storage.get(record.evalSet!.uri)).toBeDefined();
    expect(statuses().map((s) => [s.state, s.context])).toEqual([['pending', 'gemini-tune/finish-a']]);

    // While it trains: the comment's progress refreshed, the record kept, the status left pending.
    clock.advance(HOURS / 4);
    const refresh = finishRun();
    const whileTraining = await runMain(refresh, { clock });
    expect(whileTraining.exitCode).toBe(0);
    expect(refresh.outputs()).toMatchObject({ finished: '0', pending: '1' });
    const second = commentOf(301).body;
    expect(second).toContain('Gemini tuning in progress');
    expect(decodeRecord(second)?.job).toBe(record.job);
    expect(statuses()).toHaveLength(1);

    // After it ended: evaluated with the recorded settings, the final comment, the status settled.
    clock.advance(48 * HOURS);
    const finish = finishRun();
    const ended = await runMain(finish, { clock });
    expect(ended.stdout).not.toContain('::error');
    expect(ended.exitCode).toBe(0);
    expect(finish.outputs()).toMatchObject({ finished: '1', pending: '0' });
    const final = commentOf(301).body;
    expect(final).toContain('Gemini tuning: ACTIVE');
    expect(final).toContain('#### Eval');
    expect(final).toContain('min-pass-rate');
    expect(decodeRecord(final)).toBeNull();
    expect(gh.comments(OWNER, REPO, 301)).toHaveLength(1);
    expect(statuses().map((s) => s.state)).toEqual(['pending', 'success']);
    const file = JSON.parse(readFileSync(finish.outputs()['report-path']!, 'utf8'));
    expect(file.mode).toBe('finish');
    expect(file.runs).toHaveLength(1);
    expect(file.runs[0]).toMatchObject({ state: 'ACTIVE', job: record.job, mode: 'finish' });
    expect(file.runs[0].eval.cases).toHaveLength(10);
    expect(finish.summary()).toContain('| #301 |');

    // A third run: nothing left to do, nothing written.
    const writes = gh.requests.filter((r) => r.method !== 'GET').length;
    const calls = vertexCalls();
    const again = finishRun();
    expect((await runMain(again, { clock })).exitCode).toBe(0);
    expect(again.outputs()).toMatchObject({ finished: '0', pending: '0' });
    expect(commentOf(301).body).toBe(final);
    expect(gh.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
    expect(vertexCalls()).toBe(calls);
    expect(gh.violations).toEqual([]);
  });

  it('a recorded gate that the finished job misses: the status is failure, and the finish step still passes', async () => {
    const evalFile = join(dir, 'wrong.jsonl');
    writeFileSync(evalFile, '{"input": "8", "expected": "not a number"}\n{"input": "5", "expected": "also wrong"}\n');
    gh.addPullRequest(OWNER, REPO, { number: 302, headSha: HEAD });
    const tune = action(
      {
        ...tuneInputs,
        'eval-data': evalFile.slice(process.cwd().length + 1),
        'min-pass-rate': '0.5',
        'comment-key': 'finish-b',
      },
      { prNumber: 302 },
    );
    expect((await runMain(tune, { clock })).exitCode).toBe(0);
    clock.advance(48 * HOURS);
    const finish = finishRun();
    const ended = await runMain(finish, { clock });
    expect(ended.exitCode).toBe(0);
    expect(commentOf(302).body).toMatch(/gate missed: min-pass-rate/);
    const mine = statuses().filter((s) => s.context === 'gemini-tune/finish-b');
    expect(mine.map((s) => s.state)).toEqual(['pending', 'failure']);
  });

  it('a record in a comment written by someone else is ignored', async () => {
    gh.addPullRequest(OWNER, REPO, { number: 303, headSha: HEAD });
    const tune = action({ ...tuneInputs, 'comment-key': 'finish-c' }, { prNumber: 303 });
    expect((await runMain(tune, { clock })).exitCode).toBe(0);
    const genuine = commentOf(303).body;
    // Mallory copies the comment (marker, record and all) under her own name, on another pull request.
    gh.addPullRequest(OWNER, REPO, { number: 304, headSha: HEAD });
    gh.addComment(OWNER, REPO, 304, genuine, 'mallory');
    clock.advance(48 * HOURS);
    const finish = finishRun();
    expect((await runMain(finish, { clock })).exitCode).toBe(0);
    // Only the genuine one was finished (once); the forged one is untouched.
    expect(finish.outputs()['finished']).toBe('1');
    expect(gh.comments(OWNER, REPO, 304)[0]!.body).toBe(genuine);
    expect(
      statuses()
        .filter((s) => s.context === 'gemini-tune/finish-c')
        .map((s) => s.state),
    ).toEqual(['pending', 'success']);
  });

  it('each pull request on its own, on any page: one whose job cannot be read does not stop the others', async () => {
    // 120 other open pull requests first: the recorded ones are on the second page of the list.
    for (let n = 1000; n < 1120; n++) gh.addPullRequest(OWNER, REPO, { number: n, headSha: HEAD });
    gh.addPullRequest(OWNER, REPO, { number: 310, headSha: HEAD });
    gh.addPullRequest(OWNER, REPO, { number: 311, headSha: HEAD });
    const tune = action({ ...tuneInputs, 'comment-key': 'finish-d' }, { prNumber: 311 });
    expect((await runMain(tune, { clock })).exitCode).toBe(0);
    // A record of our own whose job is gone (deleted by hand, say).
    const genuine = commentOf(311).body;
    const gone = genuine.replace(/tuningJobs\/\d+/g, 'tuningJobs/1234567890123456789').replace('finish-d', 'finish-e');
    gh.addComment(OWNER, REPO, 310, gone, 'github-actions[bot]');
    clock.advance(48 * HOURS);
    const finish = finishRun();
    const result = await runMain(finish, { clock });
    // The other one was finished; this run's own error fails the step, after every pull request.
    expect(finish.outputs()).toMatchObject({ finished: '1', pending: '0' });
    expect(commentOf(311).body).toContain('Gemini tuning: ACTIVE');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error::gemini-tune failed with: 1 recorded job\(s\) could not be finished: #310: /,
    );
    expect(finish.summary()).toMatch(/\| #310 \|.*⚠️ not finished/);
    expect(finish.summary()).toMatch(/\| #311 \|.*✅ finished/);
    // The unreadable record is left as it was, for the next run.
    expect(commentOf(310).body).toBe(gone);
    expect(gh.requests.some((r) => r.path.includes('/pulls') && r.path.includes('page=2'))).toBe(true);
    // Closed again, so that the broken record does not fail the later tests' finish runs.
    for (const n of [310, 311, ...Array.from({ length: 120 }, (_v, i) => 1000 + i)])
      gh.closePullRequest(OWNER, REPO, n);
  });

  it('a wait: false run that ends by itself (a cache hit, a rejected dataset) settles its own status', async () => {
    gh.addPullRequest(OWNER, REPO, { number: 320, headSha: HEAD });
    // The model exists already (an earlier run waited for it): this one reuses it and ends now.
    emu.configure({ vertex: { stepMs: 5 } });
    const first = action({ ...tuneInputs, wait: 'true', 'comment-key': 'finish-f0' }, { prNumber: 320 });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    const reuse = action({ ...tuneInputs, 'comment-key': 'finish-f' }, { prNumber: 320 });
    expect((await runMain(reuse, { clock })).exitCode).toBe(0);
    expect(reuse.outputs()).toMatchObject({ 'cache-hit': 'true', state: 'ACTIVE' });
    expect(decodeRecord(commentOf(320).body)).toBeNull();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text_input": "1"}\n');
    const rejected = action(
      { ...tuneInputs, 'training-data': bad.slice(process.cwd().length + 1), 'comment-key': 'finish-g' },
      { prNumber: 320 },
    );
    expect((await runMain(rejected, { clock })).exitCode).toBe(1);
    const byContext = (c: string) =>
      statuses()
        .filter((s) => s.context === c)
        .map((s) => s.state);
    expect(byContext('gemini-tune/finish-f0')).toEqual([]);
    expect(byContext('gemini-tune/finish-f')).toEqual(['success']);
    expect(byContext('gemini-tune/finish-g')).toEqual(['failure']);
  });

  it('the recorded checkpoint settings: finish evaluates every checkpoint and makes the best the default', async () => {
    emu.configure({ vertex: { stepMs: 1_800_000, checkpointQuality: [0.2, 1, 0.6, 0.4] } });
    gh.addPullRequest(OWNER, REPO, { number: 330, headSha: HEAD });
    const tune = action(
      {
        ...tuneInputs,
        'epoch-count': '4',
        'eval-checkpoints': 'all',
        'select-checkpoint': 'best',
        'eval-baseline': 'base',
        'comment-key': 'finish-h',
      },
      { prNumber: 330 },
    );
    expect((await runMain(tune, { clock })).exitCode).toBe(0);
    clock.advance(48 * HOURS);
    const finish = finishRun();
    const ended = await runMain(finish, { clock });
    expect(
      ended.exitCode,
      ended.stdout
        .split('\n')
        .filter((l) => l.includes('::'))
        .join('\n'),
    ).toBe(0);
    const file = JSON.parse(readFileSync(finish.outputs()['report-path']!, 'utf8'));
    const run = file.runs.find((r: { job: string }) => r.job === tune.outputs()['job'])!;
    expect(
      run.checkpoints.map((c: { passRate: number | null }) => c.passRate).every((p: unknown) => typeof p === 'number'),
    ).toBe(true);
    expect(run.selectedCheckpoint).toMatchObject({ checkpointId: '2', epoch: 2 });
    expect(run.eval.baselineModel).toBe('gemini-3.5-flash');
    const patches = emu.requests.filter(
      (r) => r.method === 'PATCH' && r.path.includes('updateMask=defaultCheckpointId'),
    );
    expect(patches).toHaveLength(1);
    expect(commentOf(330).body).toMatch(/\*\*checkpoint 2 \(epoch 2\): 100(\.0)?%\*\* ✓/);
  });

  it('timeout-minutes bounds the whole finish run: the pull requests it did not reach wait for the next run', async () => {
    for (const n of [341, 342]) {
      gh.addPullRequest(OWNER, REPO, { number: n, headSha: HEAD });
      const tune = action({ ...tuneInputs, 'eval-data': '', 'comment-key': `finish-t${n}` }, { prNumber: n });
      expect((await runMain(tune, { clock })).exitCode).toBe(0);
    }
    clock.advance(48 * HOURS);
    // The newest pull request is listed first: Vertex AI answers its job reads 503 (Retry-After 25 s) until
    // its run's time is up; by then the finish run's own time is up too, and #341 is left for the next run.
    emu.faults.add({
      kind: 'status',
      status: 503,
      retryAfterSeconds: 25,
      method: 'GET',
      path: /\/tuningJobs\/[^/:]+$/,
      times: 3,
    });
    const finish = action({ mode: 'finish', 'timeout-minutes': '1' }, { event: 'schedule' });
    const result = await runMain(finish, { clock });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::warning::timeout-minutes \(1\) ran out: \d+ pull request\(s\) were not looked at/);
    expect(result.stdout).toMatch(
      /::error::gemini-tune failed with: 1 recorded job\(s\) could not be finished: #342: /,
    );
    expect(finish.outputs()['finished']).toBe('0');
    expect(decodeRecord(commentOf(341).body)).not.toBeNull();
    expect(decodeRecord(commentOf(342).body)).not.toBeNull();
    // The next run takes it.
    emu.faults.clear();
    const next = finishRun();
    expect((await runMain(next, { clock })).exitCode).toBe(0);
    expect(next.outputs()['finished']).toBe('2');
    expect(decodeRecord(commentOf(341).body)).toBeNull();
  });
});
