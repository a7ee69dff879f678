/**
 * The sticky PR comment from the real run(), in process, on a virtual clock shared with the Gemini
 * API emulator, against the GitHub fake (which checks every request against GitHub's REST
 * description). Covers: one comment edited across runs, one per comment-key, a comment that
 * exists while tuning runs, fork and 403 runs, and events without a pull request. The hostile
 * output corpus is in ./sticky-comment-hostile.test.ts; a run cancelled by a real signal stays in
 * test/e2e/comment.test.ts.
 */

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type FakeRequest, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { geminiRun } from '../helpers/harness.js';
import type { RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { commentMarker } from '../../src/github/marker.js';
import { toHtml } from '../unit/report/markdown.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'integration-sticky-comment-key-0123456789';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu?.close();
  await gh?.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' } });
  gh.setReadOnly(false);
});
afterEach(() => {
  // Whatever the scenario, the action only sent requests GitHub's REST description allows.
  expect(gh.violations).toEqual([]);
});

const action = (inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, inputs, opts);

const DEMO_INPUTS = {
  'eval-baseline': 'base',
  'epoch-count': '5',
  'batch-size': '4',
  'learning-rate': '0.001',
  'min-pass-rate': '0.7',
};
const comments = (pr: number) => gh.comments(OWNER, REPO, pr);
const markers = (body: string): number => body.split('<!-- gemini-tune:').length - 1;
/** Writes to the comments of one pull request (and to comments by id), in order. */
const writesFor = (pr: number, ids: number[]) =>
  gh.requests
    .filter(
      (r) =>
        (r.method === 'POST' && r.path === `/repos/${OWNER}/${REPO}/issues/${pr}/comments`) ||
        (r.method === 'PATCH' && ids.some((id) => r.path === `/repos/${OWNER}/${REPO}/issues/comments/${id}`)),
    )
    .map((r) => `${r.method} ${r.status}`);

interface Seen {
  body: string;
  id: number;
  modelState: unknown;
}

/**
 * The comment of `pr` as each write to it left it, with the emulator's model state at that very
 * moment: the fake records a request just after handling it, so this sees every version of the
 * comment, while the run is still going (in place of polling the fake from outside the process).
 */
function watchComment(pr: number): { seen: Seen[]; stop: () => void } {
  const seen: Seen[] = [];
  const requests = gh.requests;
  const push = requests.push;
  requests.push = (...items: FakeRequest[]): number => {
    const [c] = comments(pr);
    if (items.some((r) => r.method === 'POST' || r.method === 'PATCH') && c && c.body !== seen.at(-1)?.body)
      seen.push({ body: c.body, id: c.id, modelState: emu.tunedModels()[0]?.['state'] });
    return push.apply(requests, items);
  };
  return { seen, stop: () => void (requests.push = push) };
}

describe('sticky PR comment (in process, virtual clock)', () => {
  it('two runs on the same pull request leave one comment, edited, with the second run’s results', async () => {
    const pr = 101;
    // The demo's inputs (scripts/demo.ts); the second run with cache: false, so it tunes a new model.
    const first = action(DEMO_INPUTS, { prNumber: pr });
    const m1 = await runMain(first, { clock });
    expect(m1.exitCode).toBe(0);
    const model1 = first.outputs()['tuned-model'];
    expect(model1).toMatch(/^tunedModels\//);
    expect(comments(pr)).toHaveLength(1);
    const [c1] = comments(pr);
    expect(first.outputs()['comment-url']).toBe(c1?.html_url);
    expect(c1?.body).toContain(model1);

    const second = action({ ...DEMO_INPUTS, cache: 'false' }, { prNumber: pr });
    const m2 = await runMain(second, { clock });
    expect(m2.exitCode).toBe(0);
    const model2 = second.outputs()['tuned-model'];
    expect(model2).toMatch(/^tunedModels\//);
    expect(model2).not.toBe(model1);

    const after = comments(pr);
    expect(after).toHaveLength(1);
    const [c2] = after;
    expect(c2?.id).toBe(c1?.id);
    expect(second.outputs()['comment-url']).toBe(c1?.html_url);
    expect(c2?.body.split('\n')[0]).toBe(commentMarker('Tune/tune'));
    expect(markers(c2?.body ?? '')).toBe(1);
    expect(c2?.body).toContain(`\`${model2}\``);
    expect(c2?.body).not.toContain(model1);
    expect(c2?.body).toContain('Gemini tuning: ACTIVE');
    // One create, then edits only: started + final of run 1 (the final edits), started + final of run 2.
    expect(writesFor(pr, [c1?.id ?? 0])).toEqual(['POST 201', 'PATCH 200', 'PATCH 200', 'PATCH 200']);
  });

  it('two comment-keys leave two comments, each edited in place', async () => {
    const pr = 102;
    for (const key of ['leg-a', 'leg-b', 'leg-a']) {
      const runner = action({ 'comment-key': key }, { prNumber: pr });
      const main = await runMain(runner, { clock });
      expect(main.exitCode).toBe(0);
    }
    const list = comments(pr);
    expect(list).toHaveLength(2);
    expect(list.map((c) => c.body.split('\n')[0])).toEqual([commentMarker('leg-a'), commentMarker('leg-b')]);
    for (const c of list) expect(markers(c.body)).toBe(1);
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/issues/${pr}/comments`))).toHaveLength(2);
  });

  it('a comment exists while tuning is still running, and is updated when it ends', async () => {
    const pr = 105;
    // 19 steps of 400 ms; the action's first poll (after 4 s) finds the job about half done.
    emu.configure({ training: { stepMs: 400 } });
    const runner = action({ 'eval-data': '' }, { prNumber: pr });
    const watch = watchComment(pr);
    const main = await runMain(runner, { clock }).finally(watch.stop);
    const { seen } = watch;
    expect(main.exitCode).toBe(0);

    // Seen while the run went on and the emulator's model was still training.
    const started = seen[0]!;
    expect(started.modelState).toBe('CREATING');
    const job = runner.outputs()['job'];
    expect(job).toMatch(/^tunedModels\/[^/]+\/operations\//);
    expect(started.body.split('\n')[0]).toBe(commentMarker('Tune/tune'));
    expect(started.body).toMatch(/tuning started/i);
    expect(started.body).toContain(`\`${job}\``);
    expect(started.body).toContain('`models/gemini-1.5-flash-001-tuning`');
    expect(toHtml(started.body)).toContain(
      `<a href="https://github.com/${OWNER}/${REPO}/actions/runs/1658821493">Follow the workflow run</a>`,
    );
    // Edited as it progressed: the progress and the loss so far, while still training. (A progress
    // edit is not awaited by the poll loop, so on the virtual clock the next poll's sleep moves time
    // on while it is in flight and it may land after the model's end: the emulator's state when it
    // arrives says nothing. It shows a poll answered while the model was still training: a step
    // short of the last one, and it came before the final edit.)
    const progress = seen.filter((s) => s.body.includes('Gemini tuning in progress'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (const p of progress) {
      expect(p.body).toMatch(/\*\*Progress:\*\* step \d+ of 19 \(\d+%\)/);
      expect(Number(/\*\*Progress:\*\* step (\d+) of 19/.exec(p.body)?.[1])).toBeLessThan(19);
    }
    expect(seen.slice(1, -1)).toEqual(progress);

    // The same comment, edited at the end with the result.
    const [final] = comments(pr);
    expect(comments(pr)).toHaveLength(1);
    for (const s of seen) expect(s.id).toBe(started.id);
    // The last version seen is the final one, read directly as well.
    expect(seen.at(-1)?.body).toBe(final?.body);
    expect(final?.body).toContain('Gemini tuning: ACTIVE');
    expect(final?.body).toContain(`\`${runner.outputs()['tuned-model']}\``);
    expect(final?.body).toContain('xychart-beta');
    expect(final?.body).not.toMatch(/tuning started|in progress/i);
    const writes = writesFor(pr, [started.id]);
    expect(writes[0]).toBe('POST 201');
    expect(writes.slice(1).every((w) => w === 'PATCH 200')).toBe(true);
    expect(writes.length).toBe(2 + progress.length);
  });

  it('fork pull request with a read-only token: exit 0, a notice, the summary, no comment-url', async () => {
    const pr = 103;
    gh.setReadOnly(true);
    const before = gh.requests.length;
    const runner = action({}, { prNumber: pr, fork: true });
    const main = await runMain(runner, { clock });
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(
      /^::notice::No pull request comment was written on octo-org\/number-tuner#103: .*fork/m,
    );
    expect(main.stdout).toContain('Resource not accessible by integration');
    expect(main.stdout).not.toContain('::warning::Could not write the PR comment');
    expect(main.stdout.match(/^::notice::No pull request comment/gm)).toHaveLength(1);
    expect(runner.summary()).toContain('Gemini tuning: ACTIVE');
    expect(runner.outputs()['state']).toBe('ACTIVE');
    expect(runner.outputs()['comment-url']).toBe('');
    expect(comments(pr)).toHaveLength(0);
    // One attempt answered 403; after it the run stops trying.
    const writes = gh.requests.slice(before).filter((r) => r.method === 'POST' || r.method === 'PATCH');
    expect(writes.filter((r) => r.path !== '/graphql').map((r) => r.status)).toEqual([403]);
  });

  it('a token without pull-requests: write (403): exit 0, a notice naming the permission', async () => {
    const pr = 106;
    gh.setReadOnly(true);
    const runner = action({}, { prNumber: pr });
    const main = await runMain(runner, { clock });
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(/^::notice::No pull request comment was written.*pull-requests: write/m);
    expect(runner.summary()).toContain('Gemini tuning: ACTIVE');
    expect(runner.outputs()['comment-url']).toBe('');
  });

  for (const event of ['push', 'workflow_dispatch']) {
    it(`${event}: job summary only, no request to GitHub at all`, async () => {
      const before = gh.requests.length;
      const runner = action({}, { event });
      const main = await runMain(runner, { clock });
      expect(main.exitCode).toBe(0);
      expect(gh.requests.length).toBe(before);
      expect(main.stdout).toContain('Not a pull request: the report goes to the job summary only.');
      expect(runner.summary()).toContain('Gemini tuning: ACTIVE');
      expect(runner.summary()).toContain('| ID | Input | Expected | Output | Pass |');
      expect(runner.outputs()['comment-url']).toBe('');
    });
  }

  it('pull_request_target: the number comes from the payload (GITHUB_REF is the base branch)', async () => {
    const pr = 104;
    // On pull_request_target the ref is the base branch, and the token may write even for a fork.
    const runner = action(
      {},
      { event: 'pull_request_target', prNumber: pr, fork: true, extra: { GITHUB_REF: 'refs/heads/main' } },
    );
    const main = await runMain(runner, { clock });
    expect(main.exitCode).toBe(0);
    const list = comments(pr);
    expect(list).toHaveLength(1);
    expect(runner.outputs()['comment-url']).toBe(list[0]?.html_url);
    expect(list[0]?.html_url).toContain(`/pull/${pr}#issuecomment-`);
  });
});
