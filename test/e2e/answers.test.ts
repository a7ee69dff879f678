/**
 * The bundle (`node dist/main/index.js`, as the runner runs it) against answers that are not what
 * the call returns (issue 12, item 9): a poll answered with an HTML page and a create answered
 * "null" end the run with an error naming the call, a non-zero exit, the JSON report written, the
 * `job` output keeping the name known before, and a final PR comment (not "in progress").
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, DIST_POST, runNode, type RunnerEnv } from '../helpers/runner-env.js';

const API_KEY = 'AIzaSyE2EAnswers-secret-key-do-not-print';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' } });
});

const action = (pr: number): RunnerEnv =>
  geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '', 'comment-key': `e2e-answers-${pr}` }, { prNumber: pr });

function finalComment(pr: number): string {
  const comments = gh.comments('octo-org', 'number-tuner', pr);
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

describe('dist/: answers that are not what the call returns', () => {
  it('a poll answered with an HTML page: error naming the call, report written, job name kept', async () => {
    emu.faults.add({
      method: 'GET',
      path: '/operations/',
      kind: 'answer',
      body: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>',
      contentType: 'text/html; charset=UTF-8',
    });
    const runner = action(71);
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.stderr).toBe('');
    expect(main.code).toBe(1);
    expect(main.stdout).toMatch(
      /::error::.*operations\.get answered HTTP 200 with a body that is not an Operation \(not a JSON object\): <!DOCTYPE html>/,
    );
    const out = runner.outputs();
    expect(out['job']).toMatch(/^tunedModels\/[a-z0-9-]+\/operations\/\S+$/);
    expect(out['tuned-model']).toMatch(/^tunedModels\/[a-z0-9-]+$/);
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
    expect(report['job']).toBe(out['job']);
    expect(String(report['error'])).toContain('operations.get answered HTTP 200');
    const body = finalComment(71);
    expect(body).not.toContain('in progress');
    expect(body).toContain('> [!CAUTION]');
    expect(out['comment-url']).toBeTruthy();
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    for (const channel of [main.stdout, post.stdout, JSON.stringify(report), body]) {
      expect(channel.replace(/^::add-mask::.*$/gm, '')).not.toContain(API_KEY);
    }
  });

  it('a create answered "null": error naming the call, report and final comment', async () => {
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'answer', body: 'null' });
    const runner = action(72);
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.stderr).toBe('');
    expect(main.code).toBe(1);
    expect(main.stdout).not.toContain('Created null');
    expect(main.stdout).toMatch(
      /::error::.*tunedModels\.create answered HTTP 200 with a body that is not an Operation/,
    );
    const out = runner.outputs();
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
    expect(String(report['error'])).toMatch(/tunedModels\/[a-z0-9-]+\)/);
    expect(finalComment(72)).not.toContain('in progress');
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
  });
});
