/**
 * The sticky PR comment from the real run(), in process, over real HTTP against the Gemini API
 * emulator and the GitHub fake: a failed, an unfinished or a refused run still leaves a true
 * comment; the comment is found again among hundreds, and only when the same identity wrote it.
 */

import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { geminiRun } from '../helpers/harness.js';
import type { RunnerEnvOptions } from '../helpers/runner-env.js';
import { commentMarker } from '../../src/github/marker.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'integration-comment-key-0123456789';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
const MARKER = commentMarker('Tune/tune');
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 10 } });
  gh = await startGitHubFake({
    tokens: {
      ghs_fake_installation_token: { kind: 'installation', login: 'github-actions[bot]' },
      ghp_release_bot_pat: { kind: 'user', login: 'release-bot' },
    },
  });
});
afterAll(async () => {
  await emu?.close();
  await gh?.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 10, outcome: 'ACTIVE' } });
});
afterEach(() => {
  expect(gh.violations).toEqual([]);
});

const action = (inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, inputs, opts);
const comments = (pr: number) => gh.comments(OWNER, REPO, pr);

describe('the comment tells the truth about every ending', () => {
  it('tuning FAILED: the started comment becomes a FAILED comment with the reason', async () => {
    const pr = 201;
    emu.configure({ training: { stepMs: 10, outcome: 'FAILED' } });
    const runner = action({}, { prNumber: pr });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    const list = comments(pr);
    expect(list).toHaveLength(1);
    expect(list[0]?.body).toContain('❌ Gemini tuning: FAILED');
    expect(list[0]?.body).toMatch(/> \[!CAUTION\]\n> Tuning failed for tunedModels\/[^ ]+ at step \d+ of \d+\./);
    expect(runner.outputs()['comment-url']).toBe(list[0]?.html_url);
  });

  it('while tuning runs, the comment is edited at 25%, 50% and 75% with the progress and the loss so far', async () => {
    const pr = 204;
    // 19 steps of 800 ms: the first poll (about 4 s in) sees the job a quarter to half done, with
    // room to spare on a loaded machine (the milestone edit needs a poll before the job ends).
    emu.configure({ training: { stepMs: 800 } });
    const runner = action({ 'eval-data': '' }, { prNumber: pr });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    const [c] = comments(pr);
    const sent = gh.requests
      .filter((r) => r.method === 'PATCH' && r.path.endsWith(`/issues/comments/${c?.id}`))
      .map((r) => (JSON.parse(r.body) as { body: string }).body);
    const progress = sent.filter((b) => b.includes('Gemini tuning in progress'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(3);
    const percents = progress.map((b) => Number(/\*\*Progress:\*\* step \d+ of 19 \((\d+)%\)/.exec(b)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    for (const p of percents) expect(p).toBeGreaterThanOrEqual(25);
    for (const b of progress) expect(b).toContain('```mermaid');
    // The last write is the final result.
    expect(sent.at(-1)).toContain('Gemini tuning: ACTIVE');
    expect(c?.body).toBe(sent.at(-1));
  });

  it('wait: false: the comment says the job is still running and how to resume it', async () => {
    const pr = 202;
    emu.configure({ training: { stepMs: 5_000 } });
    const runner = action({ wait: 'false', 'eval-data': '' }, { prNumber: pr });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(0);
    const [c] = comments(pr);
    expect(c?.body).toContain('⏳ Gemini tuning: CREATING');
    expect(c?.body).toContain(`run with \`resume:\` set to \`${runner.outputs()['job']}\``);
  });

  it('a run that fails before tuning starts replaces an earlier run’s results', async () => {
    const pr = 203;
    const good = action({}, { prNumber: pr });
    expect((await runMain(good, { clock })).exitCode).toBe(0);
    expect(comments(pr)[0]?.body).toContain('Gemini tuning: ACTIVE');

    const bad = action({ 'base-model': 'models/not-a-tunable-model-001' }, { prNumber: pr });
    const result = await runMain(bad, { clock });
    expect(result.exitCode).toBe(1);
    const list = comments(pr);
    expect(list).toHaveLength(1);
    expect(list[0]?.body).toContain('⛔ Gemini tuning: REJECTED');
    expect(list[0]?.body).not.toContain(good.outputs()['tuned-model']);
    expect(list[0]?.body).toContain('`models/not-a-tunable-model-001`');
    // The report, the job summary and the outputs say so too.
    const outputs = bad.outputs();
    expect(outputs['state']).toBe('REJECTED');
    expect(outputs['cache-hit']).toBe('false');
    expect(outputs['comment-url']).toBe(list[0]?.html_url);
    const report = JSON.parse(readFileSync(outputs['report-path']!, 'utf8')) as { state: string; error: string };
    expect(report.state).toBe('REJECTED');
    expect(report.error).toContain('not-a-tunable-model-001');
    expect(bad.summary()).toContain('REJECTED');
  });
});

describe('finding the comment again', () => {
  it('finds it on the third page of a busy pull request, and edits it', async () => {
    const pr = 210;
    for (let i = 0; i < 150; i++) gh.addComment(OWNER, REPO, pr, `review ${i}`, i % 2 ? 'alice' : 'dependabot[bot]');
    const ours = gh.addComment(OWNER, REPO, pr, `${MARKER}\nold results`, 'github-actions[bot]');
    for (let i = 0; i < 100; i++) gh.addComment(OWNER, REPO, pr, `more ${i}`, 'bob');
    const runner = action({}, { prNumber: pr });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    const list = comments(pr);
    expect(list).toHaveLength(251);
    expect(list.find((c) => c.id === ours.id)?.body).toContain('Gemini tuning: ACTIVE');
    expect(runner.outputs()['comment-url']).toBe(ours.html_url);
    expect(gh.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/issues/${pr}/comments`))).toBe(false);
  });

  it('leaves alone a copy of the marker written by someone else', async () => {
    const pr = 211;
    const forged = gh.addComment(OWNER, REPO, pr, `${MARKER}\nplease edit me`, 'mallory');
    const runner = action({}, { prNumber: pr });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    const list = comments(pr);
    expect(list).toHaveLength(2);
    expect(list.find((c) => c.id === forged.id)?.body).toBe(`${MARKER}\nplease edit me`);
    expect(list.find((c) => c.id !== forged.id)?.user.login).toBe('github-actions[bot]');
  });

  it('with a personal token: GET /user names the author, and the bot’s comment is not taken', async () => {
    const pr = 212;
    const bots = gh.addComment(OWNER, REPO, pr, `${MARKER}\nby github-actions`, 'github-actions[bot]');
    const first = action({ 'github-token': 'ghp_release_bot_pat' }, { prNumber: pr });
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    const second = action({ 'github-token': 'ghp_release_bot_pat', 'epoch-count': '2' }, { prNumber: pr });
    expect((await runMain(second, { clock })).exitCode).toBe(0);
    const list = comments(pr);
    expect(list.map((c) => c.user.login)).toEqual(['github-actions[bot]', 'release-bot']);
    expect(list.find((c) => c.id === bots.id)?.body).toBe(`${MARKER}\nby github-actions`);
    expect(list[1]?.body).toContain(`\`${second.outputs()['tuned-model']}\``);
    expect(gh.requests.some((r) => r.path === '/user' && r.status === 200)).toBe(true);
  });
});
