/**
 * Issue 12, items 1 and 3, against the bundled dist/ with the runner's environment: a dataset
 * path that leads outside the workspace (a symbolic link, a ../ path, a link to the process
 * environment) fails the step and its content appears nowhere (stdout and annotations, stderr,
 * the JSON report, the job summary, the PR comment); a 100,000-column CSV gives bounded
 * annotations and a bounded report.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, runNode, type ProcessResult, type RunnerEnv } from '../helpers/runner-env.js';

const API_KEY = 'AIzaSyE2E-hardening-key-0123456789abcd';
const SECRET = 'ghs_FAKEsecret0123456789abcdefXYZ';
const ENV_SECRET = 'FAKE-environment-secret-9876543210';
let emu: Emulator;
let gh: GitHubFake;
let workspace: string;
let outside: string;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
  gh = await startGitHubFake();
  workspace = mkdtempSync(join(tmpdir(), 'gt-e2e-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'gt-e2e-outside-'));
  const line = `https://x-access-token:${SECRET}@github.com`;
  writeFileSync(join(outside, 'secret.csv'), `${line}\n`);
  writeFileSync(join(outside, 'secret.jsonl'), `${line}\n`);
  mkdirSync(join(workspace, 'data'));
  symlinkSync(join(outside, 'secret.csv'), join(workspace, 'data/train.csv'));
  symlinkSync('/proc/self/environ', join(workspace, 'data/env.csv'));
  writeFileSync(join(workspace, 'data/ok.jsonl'), okJsonl());
});
afterAll(async () => {
  await emu.close();
  await gh.close();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

function okJsonl(): string {
  return (
    Array.from({ length: 25 }, (_, i) => JSON.stringify({ text_input: `q${i}`, output: `a${i}` })).join('\n') + '\n'
  );
}

/** A run of dist/main with GITHUB_WORKSPACE at the test's workspace. */
async function run(inputs: Record<string, string>, pr: number): Promise<{ runner: RunnerEnv; main: ProcessResult }> {
  const runner = geminiRun({ emu, gh, apiKey: API_KEY }, inputs, {
    prNumber: pr,
    extra: { GITHUB_WORKSPACE: workspace, GT_FAKE_ENV_SECRET: ENV_SECRET },
  });
  const main = await runNode(DIST_MAIN, runner.env);
  return { runner, main };
}

/** Everything the run published: stdout (annotations), stderr, report, summary, comments. */
function published(runner: RunnerEnv, main: ProcessResult, pr: number): { all: string; report: string } {
  const out = runner.outputs();
  const report = out['report-path'] ? readFileSync(out['report-path'], 'utf8') : '';
  const comments = gh.comments('octo-org', 'number-tuner', pr).map((c) => c.body);
  return { all: [main.stdout, main.stderr, report, runner.summary(), ...comments].join('\n'), report };
}

describe('dataset files outside the workspace (dist/)', () => {
  it('a symbolic link to a secret file outside: the step fails and the secret appears nowhere', async () => {
    const { runner, main } = await run({ 'training-data': 'data/train.csv', 'eval-data': '' }, 61);
    expect(main.code).toBe(1);
    expect(main.stdout).toMatch(/::error file=data\/train\.csv::training-data: data\/train\.csv resolves outside/);
    const { all, report } = published(runner, main, 61);
    expect(report).not.toBe('');
    expect(JSON.parse(report).state).toBe('REJECTED');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('x-access-token');
    expect(emu.requests).toHaveLength(0);
  });

  it('a ../ path: refused the same way', async () => {
    const rel = `../${outside.split('/').pop()!}/secret.jsonl`;
    const { runner, main } = await run({ 'training-data': rel, 'eval-data': '' }, 62);
    expect(main.code).toBe(1);
    expect(main.stdout).toContain(`training-data: ${rel} resolves outside the workspace`);
    const { all } = published(runner, main, 62);
    expect(all).not.toContain(SECRET);
    expect(emu.requests).toHaveLength(0);
  });

  it('an eval set linked to /proc/self/environ: no environment value comes out', async () => {
    const { runner, main } = await run({ 'training-data': 'data/ok.jsonl', 'eval-data': 'data/env.csv' }, 63);
    expect(main.code).toBe(1);
    expect(main.stdout).toContain('eval-data: data/env.csv resolves outside the workspace');
    const { all } = published(runner, main, 63);
    expect(all).not.toContain(ENV_SECRET);
    // The action masks its own key (::add-mask::); nowhere else may it appear.
    expect(all.replace(/^::add-mask::.*$/gm, '')).not.toContain(API_KEY);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('a 100,000-column CSV (dist/)', () => {
  it('gives annotations under 2 KB and a small report', async () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `column_${i}_${'x'.repeat(8)}`);
    // No input column and 100,000 unknown ones; then rows with the wrong number of fields.
    writeFileSync(join(workspace, 'data/wide.csv'), `${names.join(',')}\n`);
    const { runner, main } = await run({ 'training-data': 'data/wide.csv', 'eval-data': '' }, 64);
    expect(main.code).toBe(1);
    const commands = main.stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning'));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c.length).toBeLessThan(2048);
    const reportPath = runner.outputs()['report-path']!;
    expect(statSync(reportPath).size).toBeLessThan(64 * 1024);
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    expect(report.problemCounts).toEqual({ errors: 2, warnings: 0 });
    expect(runner.summary().length).toBeLessThan(64 * 1024);
  }, 60_000);
});
