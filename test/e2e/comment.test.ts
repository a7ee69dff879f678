/**
 * The sticky PR comment end to end where only a child process will do: the bundled dist/, as the
 * runner runs it, against the Gemini API emulator and the GitHub fake (which checks every request
 * against GitHub's REST description), stopped by a real SIGINT while tuning. The rest of the
 * sticky comment's behaviour runs in process on a virtual clock:
 * test/integration/sticky-comment.test.ts and test/integration/sticky-comment-hostile.test.ts.
 */

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { DIST_MAIN, runNode, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { geminiRun } from '../helpers/harness.js';

const API_KEY = 'AIzaSyE2E-comment-key-0123456789abcdef';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
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
const comments = (pr: number) => gh.comments(OWNER, REPO, pr);

describe('sticky PR comment (dist/ as a child process)', () => {
  it('a run cancelled while tuning leaves a CANCELLED comment, not a “started” one', async () => {
    const pr = 107;
    emu.configure({ training: { stepMs: 2_000 } });
    const runner = action({ 'eval-data': '' }, { prNumber: pr });
    let startedBody = '';
    const main = await runNode(DIST_MAIN, runner.env, {
      onSpawn: (kill) => {
        const timer = setInterval(() => {
          const [c] = comments(pr);
          if (c) {
            clearInterval(timer);
            startedBody = c.body;
            kill('SIGINT');
          }
        }, 25);
      },
    });
    expect(main.code).toBe(1);
    expect(startedBody).toMatch(/tuning started/i);
    const list = comments(pr);
    expect(list).toHaveLength(1);
    expect(list[0]?.body).toContain('🚫 Gemini tuning: CANCELLED');
    expect(list[0]?.body).toContain('the run was cancelled; the tuning job was cancelled with it');
    expect(list[0]?.body).not.toMatch(/tuning started/i);
  });
});
