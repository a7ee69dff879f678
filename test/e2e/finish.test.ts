/**
 * Issue 17's acceptance, end to end on the bundle (dist/main as the runner runs it) against the
 * emulators: a pull request run with `wait: false` exits in seconds with a pending commit status
 * and a comment that says the job is training; a `finish` run while it trains refreshes the
 * comment and leaves the status pending; a `finish` run after it ends writes the eval results and
 * sets the status; a third `finish` run changes nothing. The emulator's clock is moved by hand:
 * no run here waits for training.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { DIST_MAIN, runNode, runnerEnv, workspaceTempDir, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { externalAccountFile } from '../helpers/wif-credentials.js';

const PROJECT = 'e2e-finish-proj';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const HOURS = 3_600_000;
/** The emulator's clock: real time plus what the test adds (the bundle runs on real time). */
let offset = 0;
const now = (): number => Date.now() + offset;
let emu: Emulator;
let gh: GitHubFake;
let dir: string;
let n = 0;

beforeAll(async () => {
  emu = await startEmulator({ now, vertex: { stepMs: 30 * 60_000 } });
  gh = await startGitHubFake();
  dir = workspaceTempDir('finish-e2e-');
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ vertex: { stepMs: 30 * 60_000, outcome: 'SUCCEEDED' }, generate: { latencyMs: 0 } });
});

function action(inputs: Record<string, string>, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) {
  return runnerEnv({
    inputs: {
      project: PROJECT,
      'staging-uri': 'gs://e2e-finish/ci',
      'api-endpoint': emu.url,
      'github-token': 'ghs_fake_installation_token',
      ...inputs,
    },
    githubApiUrl: gh.url,
    ...opts,
    // Each run's OIDC token is of its own (emulated) time, as each workflow run's is.
    extra: {
      GOOGLE_APPLICATION_CREDENTIALS: externalAccountFile(emu.url, PROJECT, {
        dir,
        name: `c${n++}.json`,
        issuedAt: now(),
      }),
    },
  });
}

async function finish() {
  const runner = action({ mode: 'finish' }, { event: 'schedule' });
  const result = await runNode(DIST_MAIN, runner.env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { outputs: runner.outputs(), summary: runner.summary(), ms: result.ms };
}

describe('issue 17 end to end: wait: false, then mode: finish (dist)', () => {
  it('pending while it trains, settled once it ended, untouched after', async () => {
    gh.addPullRequest(OWNER, REPO, { number: 601, headSha: HEAD });
    const tune = action(
      {
        'training-data': 'examples/number-generator/train.jsonl',
        'eval-data': 'examples/number-generator/eval.jsonl',
        'epoch-count': '2',
        'min-pass-rate': '0.5',
        wait: 'false',
      },
      { prNumber: 601 },
    );
    const started = await runNode(DIST_MAIN, tune.env);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.ms).toBeLessThan(30_000);
    expect(tune.outputs()['state']).toBe('CREATING');
    const comment = () => gh.comments(OWNER, REPO, 601)[0]!.body;
    expect(comment()).toContain('still tuning');
    const statuses = () => gh.statuses(OWNER, REPO, HEAD).map((s) => s.state);
    expect(statuses()).toEqual(['pending']);

    offset += HOURS / 2;
    const training = await finish();
    expect(training.outputs).toMatchObject({ finished: '0', pending: '1' });
    expect(comment()).toContain('Gemini tuning in progress');
    expect(statuses()).toEqual(['pending']);

    offset += 24 * HOURS;
    const ended = await finish();
    expect(ended.outputs).toMatchObject({ finished: '1', pending: '0' });
    expect(comment()).toContain('Gemini tuning: ACTIVE');
    expect(comment()).toContain('#### Eval');
    expect(statuses()).toEqual(['pending', 'success']);
    expect(ended.summary).toContain('✅ finished');

    const body = comment();
    const third = await finish();
    expect(third.outputs).toMatchObject({ finished: '0', pending: '0' });
    expect(comment()).toBe(body);
    expect(statuses()).toEqual(['pending', 'success']);
    expect(gh.violations).toEqual([]);
  });
});
