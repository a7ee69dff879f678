/**
 * Issue 12, item 11, through the real run() against the Gemini API emulator: answers the service
 * blocked (finishReason SAFETY/RECITATION, promptFeedback.blockReason), cut off (MAX_TOKENS), left
 * empty or prefixed with thoughts. The emulator answers so when the prompt carries a marker (see
 * test/emulator/services/gemini/answer-markers.ts); test/fixtures/eval/answers.jsonl has one case each.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { runnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const clock = new VirtualClock();
const API_KEY = 'eval-answers-key-0123';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 5 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 5, outcome: 'ACTIVE' }, generate: { latencyMs: 0 } });
});

describe('eval through run(): blocked, truncated, empty and thinking answers', () => {
  it('never scores a blocked or empty answer as the output "", keeps truncated text, drops thoughts', async () => {
    const runner = runnerEnv({
      inputs: {
        'training-data': 'test/fixtures/eval/train.jsonl',
        'eval-data': 'test/fixtures/eval/answers.jsonl',
        'api-key': API_KEY,
        'api-endpoint': emu.url,
        'github-token': 'ghs_fake_installation_token',
        'eval-baseline': 'base',
        'comment-key': 'answers',
      },
      githubApiUrl: gh.url,
      prNumber: 301,
    });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    const cases = Object.fromEntries(
      (report.eval.cases as { id: string }[]).map((c) => [c.id, c as Record<string, unknown>]),
    );

    expect(cases['blocked-not-contains']).toMatchObject({
      output: '',
      pass: false,
      error: null,
      reason: 'blocked: SAFETY',
      blocked: 'SAFETY',
      truncated: false,
      baselinePass: false,
      baselineReason: 'blocked: SAFETY',
      baselineBlocked: 'SAFETY',
    });
    expect(cases['prompt-blocked']).toMatchObject({ pass: false, reason: 'blocked: PROHIBITED_CONTENT' });
    expect(cases['blocked-unscored']).toMatchObject({ pass: null, blocked: 'RECITATION' });
    expect(cases['truncated']).toMatchObject({ output: "I don'", pass: true, truncated: true, blocked: null });
    expect(cases['empty']).toMatchObject({ output: null, pass: null });
    expect(cases['empty']!['error']).toMatch(/returned no text/);
    expect(cases['thought']).toMatchObject({ output: "I don't know.", pass: true });
    expect(cases['ordinary']).toMatchObject({ pass: true, blocked: null, truncated: false });
    expect(report.eval).toMatchObject({ passed: 3, failed: 2, errors: 1, unscored: 1 });

    const comment = gh.comments('octo-org', 'number-tuner', 301)[0]!.body;
    expect(comment).toMatch(/\| blocked-not-contains \|[^\n]*❌ fail<br><sub>blocked: SAFETY/);
  });
});
