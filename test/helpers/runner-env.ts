/**
 * The environment a GitHub runner gives an action step: INPUT_* variables, the GITHUB_OUTPUT,
 * GITHUB_STATE, GITHUB_ENV and GITHUB_STEP_SUMMARY files, an event payload, and for the post
 * step the saved state as STATE_* variables. Used by the integration and e2e tests, the demo
 * and the benchmarks.
 */

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunnerEnvOptions {
  inputs: Record<string, string>;
  /** 'pull_request' (default), 'pull_request_target', 'push', 'workflow_dispatch', ... */
  event?: string;
  prNumber?: number;
  fork?: boolean;
  /** The pull_request event's activity (default `synchronize`), e.g. `closed` for cleanup. */
  prAction?: string;
  githubApiUrl?: string;
  extra?: Record<string, string>;
}

export interface RunnerEnv {
  dir: string;
  env: NodeJS.ProcessEnv;
  outputs(): Record<string, string>;
  state(): Record<string, string>;
  summary(): string;
  /** Environment for the post step: the same inputs plus STATE_* from the main step. */
  postEnv(): NodeJS.ProcessEnv;
}

/** The defaults action.yml declares, as the runner passes them when a workflow omits an input. */
export const ACTION_DEFAULTS: Record<string, string> = {
  backend: 'auto',
  location: 'us-central1',
  wait: 'true',
  'timeout-minutes': '330',
  cache: 'true',
  'cancel-on-abort': 'true',
  'eval-concurrency': '8',
  comment: 'auto',
};

export function pullRequestEvent(opts: {
  number: number;
  fork: boolean;
  owner?: string;
  repo?: string;
  action?: string;
}): unknown {
  const owner = opts.owner ?? 'octo-org';
  const repo = opts.repo ?? 'number-tuner';
  const baseRepo = {
    id: 700001,
    node_id: 'R_kgDOAAAAAQ',
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    owner: { login: owner, id: 900001, type: 'Organization' },
    html_url: `https://github.com/${owner}/${repo}`,
    fork: false,
    default_branch: 'main',
  };
  const headRepo = opts.fork
    ? {
        ...baseRepo,
        id: 700002,
        full_name: `outside-contributor/${repo}`,
        owner: { login: 'outside-contributor', id: 900002, type: 'User' },
        fork: true,
      }
    : baseRepo;
  return {
    action: opts.action ?? 'synchronize',
    number: opts.number,
    pull_request: {
      url: `https://api.github.com/repos/${owner}/${repo}/pulls/${opts.number}`,
      id: 1800000000 + opts.number,
      number: opts.number,
      state: 'open',
      title: 'Add more number-generator examples',
      user: { login: opts.fork ? 'outside-contributor' : 'octocat', id: 583231, type: 'User' },
      head: {
        label: `${headRepo.owner.login}:more-examples`,
        ref: 'more-examples',
        sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        repo: headRepo,
      },
      base: { label: `${owner}:main`, ref: 'main', sha: '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567', repo: baseRepo },
      draft: false,
      merged: false,
    },
    repository: baseRepo,
    sender: { login: opts.fork ? 'outside-contributor' : 'octocat', id: 583231, type: 'User' },
  };
}

/** Runner directories made in this process, for `removeRunnerDirs`. */
const made: string[] = [];

/** Removes the runner directories made so far (the test setup does after each file; the demo keeps its own). */
export function removeRunnerDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A temporary directory inside the workspace (the repository's git-ignored `.tmp/`): dataset files a test
 * writes must live there, since the action refuses any dataset path that resolves outside GITHUB_WORKSPACE.
 * Removed with the runner directories.
 */
export function workspaceTempDir(prefix: string): string {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', prefix));
  made.push(dir);
  return dir;
}

export function runnerEnv(opts: RunnerEnvOptions): RunnerEnv {
  const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-run-'));
  made.push(dir);
  const files = {
    output: join(dir, 'output.txt'),
    state: join(dir, 'state.txt'),
    env: join(dir, 'env.txt'),
    summary: join(dir, 'summary.md'),
    path: join(dir, 'path.txt'),
    event: join(dir, 'event.json'),
  };
  for (const f of [files.output, files.state, files.env, files.summary, files.path]) writeFileSync(f, '');
  const eventName = opts.event ?? 'pull_request';
  const prNumber = opts.prNumber ?? 42;
  const payload =
    eventName === 'pull_request' || eventName === 'pull_request_target'
      ? pullRequestEvent({
          number: prNumber,
          fork: opts.fork ?? false,
          ...(opts.prAction ? { action: opts.prAction } : {}),
        })
      : { ref: 'refs/heads/main', repository: { full_name: 'octo-org/number-tuner' }, sender: { login: 'octocat' } };
  writeFileSync(files.event, JSON.stringify(payload, null, 2));
  mkdirSync(join(dir, 'runner-temp'), { recursive: true });

  const inputs: Record<string, string> = { ...ACTION_DEFAULTS, ...opts.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: ROOT,
    GITHUB_REPOSITORY: 'octo-org/number-tuner',
    GITHUB_REPOSITORY_ID: '987654321',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    GITHUB_REF: eventName.startsWith('pull_request') ? `refs/pull/${prNumber}/merge` : 'refs/heads/main',
    GITHUB_WORKFLOW: 'Tune',
    GITHUB_JOB: 'tune',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: opts.githubApiUrl ?? 'http://127.0.0.1:9/unused',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: join(dir, 'runner-temp'),
    RUNNER_OS: 'Linux',
    METADATA_SERVER_DETECTION: 'none',
    ...opts.extra,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const result: RunnerEnv = {
    dir,
    env,
    outputs: () => parseCommandFile(readFileSync(files.output, 'utf8')),
    state: () => parseCommandFile(readFileSync(files.state, 'utf8')),
    summary: () => readFileSync(files.summary, 'utf8'),
    postEnv: () => {
      const post: NodeJS.ProcessEnv = { ...env };
      for (const [k, v] of Object.entries(result.state())) post[`STATE_${k}`] = v;
      return post;
    },
  };
  return result;
}

/** Parses the `name<<DELIM\nvalue\nDELIM` format of GITHUB_OUTPUT / GITHUB_STATE (last write wins). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a bundled entry point as the runner would: `node <file>` with the given environment. */
export function runNode(
  file: string,
  env: NodeJS.ProcessEnv,
  opts: {
    onStdout?: (chunk: string) => void;
    timeoutMs?: number;
    onSpawn?: (kill: (sig: NodeJS.Signals) => void) => void;
  } = {},
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [file], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      opts.onStdout?.(c);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    opts.onSpawn?.((sig) => child.kill(sig));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * The bundle under test: the committed dist/ by default. GEMINI_TUNE_DIST points at another build
 * (`node scripts/bundle.mjs --out DIR`), so that work in progress can be tested without touching dist/.
 */
const DIST = resolve(ROOT, process.env['GEMINI_TUNE_DIST'] ?? 'dist');
export const DIST_MAIN = join(DIST, 'main/index.js');
export const DIST_POST = join(DIST, 'post/index.js');
