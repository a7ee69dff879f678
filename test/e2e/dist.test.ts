/**
 * The committed bundle, run as the runner runs it: `node dist/main/index.js`, then
 * `node dist/post/index.js` with the saved state, with INPUT_*, GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_STEP_SUMMARY and a real pull_request payload, against the emulator and the GitHub fake.
 */

import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { createCalls, geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, DIST_POST, runNode, workspaceTempDir, type RunnerEnvOptions } from '../helpers/runner-env.js';

const API_KEY = 'AIzaSyE2E-secret-key-do-not-print-0123';
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

const action = (inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, inputs, opts);
const creates = (): number => createCalls(emu);

describe('dist/ as a child process', () => {
  it('happy path: main then post, outputs, summary, report and comment', async () => {
    const runner = action({ 'comment-key': 'e2e-happy', 'eval-baseline': 'base' }, { prNumber: 7 });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.stderr).toBe('');
    expect(main.code).toBe(0);
    const out = runner.outputs();
    expect(out).toMatchObject({ state: 'ACTIVE', 'cache-hit': 'false' });
    expect(out['tuned-model']).toMatch(/^tunedModels\//);
    expect(Number(out['pass-rate'])).toBeGreaterThan(0.5);
    expect(main.stdout).toMatch(/loss [0-9.]+/);

    const state = runner.state();
    expect(state['job']).toBe(out['job']);
    expect(state['settled']).toBe('true');

    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('nothing to clean up');
    expect(post.stdout).not.toContain('::warning');
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    expect(report.eval.baselineModel).toBe('models/gemini-1.5-flash-001-tuning');
    expect(report.eval.cases[0]).toHaveProperty('baselineOutput');
    expect(runner.summary()).toContain('xychart-beta');
    expect(gh.comments('octo-org', 'number-tuner', 7)).toHaveLength(1);
  });

  it('tuning FAILED: non-zero exit, report and summary still written', async () => {
    emu.configure({ training: { stepMs: 15, outcome: 'FAILED' } });
    const runner = action({}, { prNumber: 8 });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code).toBe(1);
    expect(main.stdout).toContain('::error::gemini-tune failed with: tuning FAILED');
    const out = runner.outputs();
    expect(out['state']).toBe('FAILED');
    expect(JSON.parse(readFileSync(out['report-path']!, 'utf8')).state).toBe('FAILED');
    expect(runner.summary()).toContain('FAILED');
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
  });

  it('bad input: non-zero exit, state REJECTED, zero requests reached the emulator', async () => {
    const runner = action({ 'learning-rate': '0.001', 'learning-rate-multiplier': '2' });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code).toBe(1);
    expect(main.stdout).toContain(
      '::error::gemini-tune failed with: input "learning-rate" cannot be set together with "learning-rate-multiplier"',
    );
    expect(emu.requests).toHaveLength(0);
    expect(runner.outputs()).toEqual({ state: 'REJECTED' });
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(emu.requests).toHaveLength(0);
  });

  it('dataset errors: non-zero exit, zero requests to Google, and the report, summary and comment list them', async () => {
    const dir = workspaceTempDir('dist-dataset-');
    try {
      const bad = join(dir, 'train.jsonl');
      writeFileSync(bad, '{"text_input": "q1", "output": "a1"}\n{"text_input": "q2"}\nnot json\n');
      const runner = action({ 'training-data': bad }, { prNumber: 9 });
      const main = await runNode(DIST_MAIN, runner.env);
      expect(main.code).toBe(1);
      expect(main.stdout).toMatch(/::error::gemini-tune failed with: 2 problems in .*train\.jsonl/);
      expect(emu.requests).toHaveLength(0);
      const out = runner.outputs();
      expect(out['state']).toBe('REJECTED');
      const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as {
        problems: { line: number | null; message: string }[];
      };
      // The two errors, then the file-level warning (one valid example is fewer than Google recommends).
      expect(report.problems.map((p) => p.line)).toEqual([2, 3, null]);
      expect(runner.summary()).toContain('Dataset problems');
      const comment = gh.comments('octo-org', 'number-tuner', 9)[0]?.body ?? '';
      expect(comment).toContain('REJECTED');
      expect(comment).toContain('output&quot; is missing'); // escaped: the message quotes field names
      const post = await runNode(DIST_POST, runner.postEnv());
      expect(post.code).toBe(0);
      expect(emu.requests).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wait: false then resume: one create in all', async () => {
    emu.configure({ training: { stepMs: 60 } });
    const first = action({ wait: 'false', 'eval-data': '' }, { event: 'push' });
    const m1 = await runNode(DIST_MAIN, first.env);
    expect(m1.code).toBe(0);
    expect(first.outputs()['state']).toBe('CREATING');
    const job = first.outputs()['job']!;
    const p1 = await runNode(DIST_POST, first.postEnv());
    expect(p1.code).toBe(0);
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    const second = action({ resume: job, 'training-data': '' }, { event: 'push' });
    const m2 = await runNode(DIST_MAIN, second.env);
    expect(m2.code).toBe(0);
    expect(second.outputs()).toMatchObject({ state: 'ACTIVE', job, 'cache-hit': 'false' });
    await runNode(DIST_POST, second.postEnv());
    expect(creates()).toBe(1);
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  it('post step deletes a job the killed main step left running', async () => {
    emu.configure({ training: { stepMs: 2000 } });
    const runner = action({ 'eval-data': '' }, { event: 'push' });
    const main = await runNode(DIST_MAIN, runner.env, {
      onStdout: () => undefined,
      onSpawn: (kill) => {
        // Once the service made the model (the state is saved before the create is even sent).
        const timer = setInterval(() => {
          if (runner.state()['job'] && emu.tunedModels().length > 0) {
            clearInterval(timer);
            kill('SIGKILL');
          }
        }, 50);
      },
    });
    expect(main.signal).toBe('SIGKILL');
    expect(runner.state()['settled']).toBe('false');
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('::warning::The main step ended before');
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('SIGINT during polling deletes the job this run created', async () => {
    emu.configure({ training: { stepMs: 2000 } });
    const runner = action({ 'eval-data': '' }, { event: 'push' });
    let sent = 0;
    const main = await runNode(DIST_MAIN, runner.env, {
      onSpawn: (kill) => {
        const timer = setInterval(() => {
          if (runner.state()['job']) {
            clearInterval(timer);
            sent = Date.now();
            kill('SIGINT');
          }
        }, 50);
      },
    });
    expect(Date.now() - sent).toBeLessThan(7500);
    expect(main.code).toBe(1);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(emu.tunedModels()).toHaveLength(0);
    const post = await runNode(DIST_POST, runner.postEnv());
    expect(post.code).toBe(0);
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('never shows the API key in any output channel', async () => {
    const runner = action({ 'eval-baseline': 'base', 'comment-key': 'secret-scan' }, { prNumber: 9 });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code).toBe(0);
    const post = await runNode(DIST_POST, runner.postEnv());
    // And a failing run, whose error messages are the likeliest leak.
    emu.configure({ training: { stepMs: 15, outcome: 'FAILED' } });
    const failing = action({ cache: 'false', 'comment-key': 'secret-scan-2' }, { prNumber: 9 });
    const main2 = await runNode(DIST_MAIN, failing.env);
    expect(main2.code).toBe(1);

    // The runner consumes ::add-mask:: lines (they are never shown); the key must be masked there first.
    const allStdout = main.stdout + post.stdout + main2.stdout;
    expect(main.stdout.split('\n')[0]).toBe(`::add-mask::${API_KEY}`);
    const shown = allStdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    const channels: Record<string, string> = {
      stdout: shown,
      stderr: main.stderr + post.stderr + main2.stderr,
      summary: runner.summary() + failing.summary(),
      outputs: JSON.stringify([runner.outputs(), failing.outputs()]),
      state: JSON.stringify([runner.state(), failing.state()]),
      report: [runner, failing].map((r) => readFileSync(r.outputs()['report-path']!, 'utf8')).join('\n'),
      runnerTemp: [runner, failing]
        .flatMap((r) =>
          readdirSync(join(r.dir, 'runner-temp')).map((f) => readFileSync(join(r.dir, 'runner-temp', f), 'utf8')),
        )
        .join('\n'),
      comment: gh
        .comments('octo-org', 'number-tuner', 9)
        .map((c) => c.body)
        .join('\n'),
      githubRequests: JSON.stringify(gh.requests),
      emulatorUrls: emu.requests.map((r) => r.path).join('\n'),
      emulatorBodies: emu.requests.map((r) => r.body).join('\n'),
    };
    for (const [channel, text] of Object.entries(channels)) {
      // Every channel but stderr must have content, or the scan would prove nothing.
      if (channel !== 'stderr') expect(text.length, channel).toBeGreaterThan(0);
      expect(text.includes(API_KEY), `API key found in ${channel}`).toBe(false);
    }
    // The key did reach the emulator, as a header.
    expect(emu.requests.every((r) => r.headers['x-goog-api-key'] === API_KEY)).toBe(true);
  });
});
