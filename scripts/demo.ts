/**
 * `npm run demo`: the committed dist/ run as a GitHub runner would run it, on a pull request,
 * against the built-in emulator of Google's APIs and a fake of GitHub's REST API. Uses the
 * number-generator example from Google's tuning tutorial. Prints the step's log, its outputs,
 * the job summary and the PR comment it wrote.
 *
 * By default the live path: Vertex AI with a Gemini 3.x model (the catalog's default), keyless auth
 * as google-github-actions/auth leaves it (the project from GOOGLE_CLOUD_PROJECT), a validation set.
 * `npm run demo -- --backend gemini-api` runs the Gemini API backend against an emulator that still
 * offers its 2025 tunable model (Google's service offers none today). `npm run demo -- --modes`
 * shows the modes instead: wait: false, finish, promote, cleanup (scripts/demo-modes.ts).
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, startGitHubFake, type Emulator } from '../test/emulator/index.js';
import { DIST_MAIN, DIST_POST, ROOT, runNode, runnerEnv } from '../test/helpers/runner-env.js';
import { externalAccountFile } from '../test/helpers/wif-credentials.js';

const { values: args } = parseArgs({
  options: { backend: { type: 'string', default: 'vertex-ai' }, modes: { type: 'boolean', default: false } },
});
const BACKEND = args.backend;
if (BACKEND !== 'vertex-ai' && BACKEND !== 'gemini-api') {
  console.error(`--backend must be vertex-ai or gemini-api, got ${JSON.stringify(BACKEND)}`);
  process.exit(2);
}
const PROJECT = 'demo-tuning-project';

const API_KEY = 'emulator-api-key';
const GITHUB_TOKEN = 'ghs_fake_installation_token';
const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const rule = (title: string): void =>
  console.log(`\n${bold(`── ${title} ${'─'.repeat(Math.max(3, 72 - title.length))}`)}`);

async function main(): Promise<number> {
  if (!existsSync(DIST_MAIN)) {
    console.error('dist/main/index.js is missing: run `npm run bundle` first.');
    return 1;
  }
  const emulator = await startEmulator({
    apiKeys: [API_KEY],
    training: { tunable: true, stepMs: 150 },
    // The checkpoint of epoch 3 answers best: --backend vertex-ai evaluates them all and selects it.
    vertex: { stepMs: 40, pendingMs: 300, checkpointQuality: [0.2, 0.5, 1, 0.8, 0.7] },
  });
  const github = await startGitHubFake();
  try {
    rule(`gemini-tune demo (${BACKEND})`);
    console.log(`Google APIs emulator: ${emulator.url}   GitHub fake: ${github.url}`);
    console.log('Event: pull_request #42 on octo-org/number-tuner');
    console.log('Training set:   examples/number-generator/train.jsonl (Google tuning tutorial)');
    if (BACKEND === 'vertex-ai') console.log('Validation set: examples/number-generator/validation.jsonl');
    console.log('Eval set:       examples/number-generator/eval.jsonl (includes inputs the training set lacks)');

    const runner = runnerEnv({
      inputs: {
        'training-data': 'examples/number-generator/train.jsonl',
        'eval-data': 'examples/number-generator/eval.jsonl',
        'eval-baseline': 'base',
        'epoch-count': '5',
        'api-endpoint': emulator.url,
        'github-token': GITHUB_TOKEN,
        'min-pass-rate': '0.7',
        ...backendInputs(emulator),
      },
      event: 'pull_request',
      prNumber: 42,
      githubApiUrl: github.url,
      extra: { GITHUB_WORKSPACE: ROOT, ...backendEnvironment(emulator) },
    });

    rule('main step: node dist/main/index.js');
    const main = await runNode(DIST_MAIN, runner.env, { onStdout: (c) => process.stdout.write(c) });
    process.stderr.write(main.stderr);
    console.log(`(exit code ${main.code}, ${(main.ms / 1000).toFixed(1)} s)`);

    rule('post step: node dist/post/index.js');
    const post = await runNode(DIST_POST, runner.postEnv(), { onStdout: (c) => process.stdout.write(c) });
    console.log(`(exit code ${post.code})`);

    rule('step outputs');
    const outputs = runner.outputs();
    for (const [k, v] of Object.entries(outputs)) console.log(`${k.padEnd(12)} ${v}`);

    rule('job summary ($GITHUB_STEP_SUMMARY)');
    console.log(runner.summary());

    rule('PR comment on octo-org/number-tuner#42 (as GitHub stored it)');
    const comments = github.comments('octo-org', 'number-tuner', 42);
    for (const c of comments) {
      console.log(`[${c.user.login}, ${c.html_url}]\n`);
      console.log(c.body);
    }

    rule('result');
    const ok = main.code === 0 && post.code === 0 && outputs['state'] === 'ACTIVE' && comments.length === 1;
    console.log(
      ok
        ? `OK: state ${outputs['state']}, tuned model ${outputs['tuned-model']}, pass rate ${outputs['pass-rate']}, report ${join(outputs['report-path'] ?? '')}`
        : `FAILED: exit ${main.code}, state ${outputs['state'] ?? '(none)'}, ${comments.length} comment(s)`,
    );
    return ok ? 0 : 1;
  } finally {
    await emulator.close();
    await github.close();
  }
}

/** Vertex AI: no project input (the environment has it), a staging bucket, a validation set. Gemini API: the key. */
function backendInputs(emulator: Emulator): Record<string, string> {
  if (BACKEND === 'gemini-api') return { 'api-key': API_KEY, 'batch-size': '4', 'learning-rate': '0.001' };
  void emulator;
  return {
    location: 'us-central1',
    'staging-uri': 'gs://demo-tuning-bucket/gemini-tune',
    'validation-data': 'examples/number-generator/validation.jsonl',
    'eval-checkpoints': 'all',
    'select-checkpoint': 'best',
  };
}

/** What google-github-actions/auth leaves for the next steps: the credentials file and the project. */
function backendEnvironment(emulator: Emulator): Record<string, string> {
  if (BACKEND === 'gemini-api') return {};
  return {
    GOOGLE_APPLICATION_CREDENTIALS: externalAccountFile(emulator.url, PROJECT),
    GOOGLE_CLOUD_PROJECT: PROJECT,
    CLOUDSDK_CORE_PROJECT: PROJECT,
  };
}

if (args.modes) {
  const { demoModes } = await import('./demo-modes.js');
  process.exitCode = await demoModes();
} else {
  process.exitCode = await main();
}
