/**
 * `npm run demo -- --modes`: a tuned model's whole life in CI, with the committed dist/ run as a
 * GitHub runner runs it, against the built-in emulator (Vertex AI) and the GitHub fake:
 *  1. a pull request run with `wait: false` returns at once (a pending commit status, a comment
 *     that says the job is training, with the run record hidden in it);
 *  2. a scheduled `mode: finish` run while the job trains refreshes the comment;
 *  3. one after it ended evaluates it, writes the final comment and sets the status;
 *  4. `mode: promote` on the push to main marks the model as the release, without training;
 *  5. `mode: cleanup` when the pull request closes keeps the released model.
 * The job trains for two hours of emulated time: the emulator's clock is moved on between the
 * runs, as the hours between two scheduled runs would, so the demo takes seconds.
 */

import { startEmulator, startGitHubFake } from '../test/emulator/index.js';
import { DIST_MAIN, runNode, runnerEnv, type RunnerEnvOptions } from '../test/helpers/runner-env.js';
import { externalAccountFile } from '../test/helpers/wif-credentials.js';

const PROJECT = 'demo-tuning-project';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const rule = (title: string): void =>
  console.log(`\n${bold(`── ${title} ${'─'.repeat(Math.max(3, 72 - title.length))}`)}`);

export async function demoModes(): Promise<number> {
  // The emulator's time: real time plus the hours the demo lets pass. 4 training steps of 30 minutes.
  let offset = 0;
  const now = (): number => Date.now() + offset;
  const emulator = await startEmulator({ now, vertex: { stepMs: 30 * 60_000, pendingMs: 60_000, operationMs: 0 } });
  const github = await startGitHubFake();
  let runs = 0;
  const inputs = {
    'training-data': 'examples/number-generator/train.jsonl',
    'epoch-count': '2',
    'staging-uri': 'gs://demo-tuning-bucket/gemini-tune',
    'api-endpoint': emulator.url,
    'github-token': 'ghs_fake_installation_token',
  };
  const step = async (title: string, with_: Record<string, string>, opts: Omit<RunnerEnvOptions, 'inputs'>) => {
    rule(title);
    // Each workflow run gets GitHub's OIDC token of its own time, as google-github-actions/auth leaves it.
    const credentials = externalAccountFile(emulator.url, PROJECT, {
      name: `gha-creds-${runs++}.json`,
      issuedAt: now(),
    });
    const extra = { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: PROJECT };
    const runner = runnerEnv({ inputs: with_, githubApiUrl: github.url, ...opts, extra });
    const r = await runNode(DIST_MAIN, runner.env);
    const outputs = runner.outputs();
    const shown = Object.entries(outputs).filter(([k, v]) => v !== '' && !['report-path', 'comment-url'].includes(k));
    console.log(`exit ${r.code} in ${(r.ms / 1000).toFixed(1)} s · ${shown.map(([k, v]) => `${k}=${v}`).join(' · ')}`);
    return { code: r.code, outputs };
  };
  const statuses = () => github.statuses(OWNER, REPO, HEAD).map((s) => s.state);
  const comment = () => github.comments(OWNER, REPO, 42)[0]?.body ?? '';
  const heading = () =>
    comment()
      .split('\n')
      .find((l) => l.startsWith('#')) ?? '(no comment)';
  try {
    github.addPullRequest(OWNER, REPO, { number: 42, headSha: HEAD });
    const tune = await step(
      '1. pull_request: tune with wait: false',
      { ...inputs, 'eval-data': 'examples/number-generator/eval.jsonl', 'min-pass-rate': '0.7', wait: 'false' },
      { prNumber: 42 },
    );
    console.log(`comment: ${heading()} · record hidden in it: ${comment().includes('gemini-tune-record:v1')}`);
    console.log(`commit status: ${statuses().join(' → ')}`);

    const finishInputs = {
      'api-endpoint': emulator.url,
      'github-token': 'ghs_fake_installation_token',
      mode: 'finish',
    };
    offset += 45 * 60_000;
    console.log('\n(45 minutes pass)');
    await step('2. schedule: mode: finish while the job trains', finishInputs, { event: 'schedule' });
    console.log(`comment: ${heading()} · ${comment().match(/\*\*Progress:\*\* .*/)?.[0] ?? ''}`);
    console.log(`commit status: ${statuses().join(' → ')}`);

    offset += 2 * 3_600_000;
    console.log('\n(two more hours pass: the emulated job has ended)');
    const finished = await step('3. schedule: mode: finish after it ended', finishInputs, { event: 'schedule' });
    console.log(`comment: ${heading()}`);
    console.log(`commit status: ${statuses().join(' → ')}`);

    const promoted = await step('4. push to main: mode: promote', { ...inputs, mode: 'promote' }, { event: 'push' });
    console.log(`the pull request's job, not a new one: ${promoted.outputs['job'] === tune.outputs['job']}`);

    github.closePullRequest(OWNER, REPO, 42, true);
    const cleaned = await step(
      '5. pull_request closed: mode: cleanup',
      { ...inputs, mode: 'cleanup', 'training-data': '' },
      { prNumber: 42, prAction: 'closed' },
    );

    rule('result');
    const ok =
      tune.code === 0 &&
      finished.outputs['finished'] === '1' &&
      statuses().at(-1) === 'success' &&
      promoted.outputs['cache-hit'] === 'true' &&
      promoted.outputs['job'] === tune.outputs['job'] &&
      cleaned.outputs['kept'] === '1';
    console.log(
      ok
        ? 'OK: tuned without a waiting runner, finished by a scheduled run, promoted without training, kept as the release'
        : 'FAILED: see the steps above',
    );
    return ok ? 0 : 1;
  } finally {
    await emulator.close();
    await github.close();
  }
}
