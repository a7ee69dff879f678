/**
 * Every ending publishes, with the bundle run as the runner runs it (issue 12, items 7 and 8):
 * a 404 while polling ends with the report, the outputs, a final comment and the job left running
 * (the post step too leaves it alone); SIGINT during the eval does not kill the step outright: it
 * reports (state ACTIVE: tuning had ended, nothing to cancel) and fails.
 */

import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { GITHUB_TOKEN, deleteCalls } from '../helpers/harness.js';
import { DIST_MAIN, DIST_POST, runNode, runnerEnv, type RunnerEnv } from '../helpers/runner-env.js';

const API_KEY = 'AIzaSyE2EEndings-secret-key-do-not-print';
let emu: Emulator;
let gh: GitHubFake;
let proxy: FaultProxy;

beforeAll(async () => {
  emu = await startEmulator({ training: { tunable: true }, apiKeys: [API_KEY] });
  gh = await startGitHubFake();
  proxy = await startFaultProxy(emu.url);
});
afterAll(async () => {
  await proxy.close();
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  proxy.clear();
  emu.reset();
});

const action = (n: number, inputs: Record<string, string> = {}): RunnerEnv =>
  runnerEnv({
    inputs: {
      'training-data': 'examples/number-generator/train.jsonl',
      'eval-data': '',
      'api-key': API_KEY,
      'api-endpoint': proxy.url,
      'github-token': GITHUB_TOKEN,
      'comment-key': `e2e-endings-${n}`,
      ...inputs,
    },
    prNumber: n,
    githubApiUrl: gh.url,
  });

function finalComment(n: number): string {
  const comments = gh.comments('octo-org', 'number-tuner', n);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body).not.toMatch(/Gemini tuning (started|in progress)/);
  return comments[0]!.body;
}

describe('every ending publishes (dist/ as a child process)', () => {
  it('a 404 while polling: report, outputs, final comment, exit 1, and the job left running for resume', async () => {
    emu.configure({ training: { stepMs: 2000, outcome: 'ACTIVE' } });
    proxy.add({
      method: 'GET',
      path: /\/operations\//,
      action: {
        kind: 'answer',
        status: 404,
        body: JSON.stringify({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }),
      },
    });
    const runner = action(71);
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code, main.stdout).toBe(1);
    const out = runner.outputs();
    expect(out['state']).toBe('CREATING');
    expect(out['job']).toMatch(/^tunedModels\/[^/]+\/operations\/.+$/);
    expect(out['tuned-model']).toMatch(/^tunedModels\/[^/]+$/);
    expect(out['comment-url']).toMatch(/#issuecomment-\d+$/);
    expect(existsSync(out['report-path']!)).toBe(true);
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
    expect(report['state']).toBe('CREATING');
    expect(report['resumeWith']).toBe(out['job']);
    expect(String(report['error'])).toContain('NOT_FOUND (HTTP 404)');
    expect(main.stdout).toContain(`resume: ${out['job']}`);
    expect(finalComment(71)).toContain('The tuning job was left running');
    expect(runner.summary()).toContain('CREATING');
    expect(runner.state()['settled']).toBe('true');

    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(deleteCalls(emu)).toBe(0);
    expect(emu.tunedModels().map((m) => m['state'])).toEqual(['CREATING']);
  }, 60_000);

  it('SIGINT during the eval: the step reports (state ACTIVE) and fails instead of being killed', async () => {
    emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' }, generate: { latencyMs: 1500 } });
    let kill: ((sig: NodeJS.Signals) => void) | null = null;
    let sentAt = 0;
    proxy.add({
      method: 'POST',
      path: /:generateContent$/,
      action: {
        kind: 'tap',
        fn: () => {
          sentAt = Date.now();
          kill?.('SIGINT');
        },
      },
    });
    const runner = action(72, { 'eval-data': 'examples/number-generator/eval.jsonl' });
    const main = await runNode(DIST_MAIN, runner.env, { onSpawn: (k) => (kill = k) });
    expect(sentAt, 'the signal was sent during the eval').toBeGreaterThan(0);
    expect(main.signal).toBeNull();
    expect(main.code, main.stdout).toBe(1);
    const out = runner.outputs();
    expect(out['state']).toBe('ACTIVE');
    expect(out['tuned-model']).toMatch(/^tunedModels\//);
    expect(out['comment-url']).toMatch(/#issuecomment-\d+$/);
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
    expect(report['state']).toBe('ACTIVE');
    expect(String(report['error'])).toContain('SIGINT');
    finalComment(72);
    // Tuning had ended: the tuned model is kept.
    expect(deleteCalls(emu)).toBe(0);
    expect(emu.tunedModels().map((m) => m['state'])).toEqual(['ACTIVE']);
  });
});
