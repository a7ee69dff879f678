/**
 * A `pull_request` run for a pull request from a fork has no secrets: with `api-key: ''` (or no
 * Workload Identity credentials on Vertex AI) the run must say "no credentials on a fork pull
 * request" plainly, with the `if:` that skips the step, instead of google-auth-library's
 * Application Default Credentials message; nothing is sent to Google, and the job summary and the
 * JSON report are still written. Runs in process against the emulator and the GitHub fake.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { GITHUB_TOKEN } from '../helpers/harness.js';
import { runMain } from '../helpers/in-process.js';
import { runnerEnv, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { FORK_SKIP_CONDITION, forkPullRequest } from '../../src/backends/fork-credentials.js';

const clock = new VirtualClock();
let emu: Emulator;
let gh: GitHubFake;
/** An empty home: no gcloud application_default_credentials.json of this machine's user can be found. */
const home = mkdtempSync(join(tmpdir(), 'gemini-tune-fork-home-'));

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, training: { tunable: true }, apiKeys: ['unused-key-0123456789'] });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu?.close();
  await gh?.close();
});
beforeEach(() => {
  emu.reset();
  // The token of a fork's pull_request run is read-only: the comment is refused.
  gh.setReadOnly(true);
});

function action(inputs: Record<string, string>, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) {
  return runnerEnv({
    inputs: {
      'training-data': 'examples/number-generator/train.jsonl',
      'api-endpoint': emu.url,
      'github-token': GITHUB_TOKEN,
      'api-key': '', // what `${{ secrets.GEMINI_API_KEY }}` is on a fork's pull request
      ...inputs,
    },
    githubApiUrl: gh.url,
    ...opts,
    extra: { HOME: home, ...opts.extra },
  });
}

const FORK_ERROR =
  /^::error::gemini-tune failed with: no credentials on a fork pull request \(octo-org\/number-tuner#(\d+)\)/m;
const ADC_MESSAGE = /no Google credentials found|Application Default Credentials/;

describe('a fork pull request without credentials', () => {
  it('Gemini API: one clear error with the if: recipe, a notice, the job summary and the report', async () => {
    const runner = action({}, { prNumber: 301, fork: true });
    const main = await runMain(runner, { clock });

    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(FORK_ERROR);
    expect(main.stdout.match(/^::error::/gm)).toHaveLength(1);
    expect(main.stdout).toContain(FORK_SKIP_CONDITION);
    expect(main.stdout).not.toMatch(ADC_MESSAGE);
    // comment: auto: the refused comment is a notice, not a second error.
    expect(main.stdout).toMatch(
      /^::notice::No pull request comment was written on octo-org\/number-tuner#301: .*fork/m,
    );

    // Nothing reached Google.
    expect(emu.requests).toHaveLength(0);

    // The job summary and the JSON report explain it.
    expect(runner.summary()).toContain('no credentials on a fork pull request');
    expect(runner.summary()).not.toMatch(ADC_MESSAGE);
    const out = runner.outputs();
    expect(out['state']).toBe('REJECTED');
    expect(out['comment-url']).toBe('');
    const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as { error: string; backend: string };
    expect(report.error).toMatch(/^no credentials on a fork pull request/);
  });

  it('Vertex AI: the same error, naming the backend', async () => {
    const runner = action(
      { project: 'my-project', 'staging-uri': 'gs://my-project-tuning/gemini-tune' },
      { prNumber: 302, fork: true },
    );
    const main = await runMain(runner, { clock });

    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(FORK_ERROR);
    expect(main.stdout).toContain('the vertex-ai backend has nothing to authenticate with');
    expect(main.stdout).not.toMatch(ADC_MESSAGE);
    expect(emu.requests).toHaveLength(0);
    expect(runner.summary()).toContain('no credentials on a fork pull request');
  });

  it('comment: off: the same error, and no request to GitHub at all', async () => {
    const before = gh.requests.length;
    const runner = action({ comment: 'off' }, { prNumber: 303, fork: true });
    const main = await runMain(runner, { clock });

    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(FORK_ERROR);
    expect(gh.requests.length).toBe(before);
    expect(runner.summary()).toContain('no credentials on a fork pull request');
  });
});

describe('missing credentials that are not a fork’s', () => {
  it('a pull request from the same repository keeps the credentials message', async () => {
    gh.setReadOnly(false);
    const runner = action({}, { prNumber: 304, fork: false });
    const main = await runMain(runner, { clock });
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(ADC_MESSAGE);
    expect(main.stdout).not.toContain('fork pull request');
  });

  it('pull_request_target (which has the base repository’s secrets) keeps the credentials message', async () => {
    gh.setReadOnly(false);
    const runner = action(
      { comment: 'off' },
      { event: 'pull_request_target', prNumber: 305, fork: true, extra: { GITHUB_REF: 'refs/heads/main' } },
    );
    const main = await runMain(runner, { clock });
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(ADC_MESSAGE);
    expect(main.stdout).not.toContain('fork pull request');
  });
});

describe('forkPullRequest', () => {
  const env = (payload: unknown, event = 'pull_request'): NodeJS.ProcessEnv => {
    const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-fork-event-'));
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify(payload));
    return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'o/r' };
  };
  const pr = (head: unknown) => ({
    number: 5,
    pull_request: { number: 5, head: { repo: head }, base: { repo: { full_name: 'o/r' } } },
  });

  it('is the pull request when its head is another repository, or a deleted one', () => {
    expect(forkPullRequest(env(pr({ full_name: 'someone/r' })))).toBe('o/r#5');
    expect(forkPullRequest(env(pr(null)))).toBe('o/r#5');
  });

  it('is null for the same repository (any case), other events, and unreadable payloads', () => {
    expect(forkPullRequest(env(pr({ full_name: 'O/R' })))).toBeNull();
    expect(forkPullRequest(env(pr({ full_name: 'someone/r' }), 'pull_request_target'))).toBeNull();
    expect(forkPullRequest(env(pr({ full_name: 'someone/r' }), 'push'))).toBeNull();
    expect(
      forkPullRequest({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/nonexistent/event.json' }),
    ).toBeNull();
  });
});
