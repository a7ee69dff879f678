/**
 * The fault matrix on the Gemini API: the real run() and the post step in this process, over real
 * HTTP against the emulator's fault injector, on a virtual clock shared with the emulator (every
 * backoff, Retry-After and poll on virtual time). For every fault: the expected end state, exactly
 * one tuned model created, the report and the job summary written, the post step quiet, and
 * neither the API key nor the GitHub token in any output channel.
 */

import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startEmulator,
  startGitHubFake,
  type Emulator,
  type FaultRule,
  type GitHubFake,
  type TrainingOptions,
} from '../emulator/index.js';
import { GITHUB_TOKEN, deleteCalls, geminiRun } from '../helpers/harness.js';
import { runMain, runPostStep, type InProcessResult } from '../helpers/in-process.js';
import type { RunnerEnv } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const clock = new VirtualClock();

const API_KEY = 'AIzaSyFaults-secret-key-do-not-print-77';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
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

const CREATE = { method: 'POST', path: /^\/v1beta\/tunedModels$/ } as const;
const POLL = { method: 'GET', path: '/operations/' } as const;

interface Case {
  name: string;
  faults?: FaultRule[];
  training?: TrainingOptions;
  inputs?: Record<string, string>;
  state: 'ACTIVE' | 'FAILED' | 'CREATING';
  exitCode: 0 | 1;
  /** Proof that the fault did happen (so that a green row means something). */
  happened: (requests: Emulator['requests']) => boolean;
  /** Whether a retry must show in the debug log. */
  retried?: boolean;
  check?: (r: { main: InProcessResult; runner: RunnerEnv; report: Record<string, unknown>; slept: number[] }) => void;
}

const statusSeen = (code: number, method?: string) => (rs: Emulator['requests']) =>
  rs.some((r) => r.status === code && (method === undefined || r.method === method));

const MATRIX: Case[] = [
  {
    name: '429 storm on create and on polling (Retry-After honoured)',
    faults: [
      { ...CREATE, kind: 'status', status: 429, retryAfterSeconds: 1, times: 3 },
      { ...POLL, kind: 'status', status: 429, retryAfterSeconds: 1, times: 3 },
    ],
    state: 'ACTIVE',
    exitCode: 0,
    happened: (rs) => rs.filter((r) => r.status === 429).length === 6,
    retried: true,
    check: ({ main, slept }) => {
      expect(main.stdout).toContain('(server asked via Retry-After)');
      // Honoured on the clock: every retry the server paced waited the second it asked for.
      const asked = [...main.stdout.matchAll(/retrying in (\d+) ms \(server asked via Retry-After\)/g)];
      expect(asked.length).toBeGreaterThan(0);
      for (const m of asked) expect(Number(m[1])).toBe(1000);
      expect(slept.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(asked.length);
    },
  },
  {
    name: '503 burst on every call',
    faults: [{ kind: 'status', status: 503, times: 3 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: (rs) => rs.filter((r) => r.status === 503).length === 3,
    retried: true,
  },
  {
    name: 'connection reset on create, before the service saw it',
    faults: [{ ...CREATE, kind: 'reset', times: 2 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: statusSeen(0, 'POST'),
    retried: true,
  },
  {
    name: 'connection reset on create, after the service created the model (idempotent create)',
    faults: [{ ...CREATE, kind: 'reset-after', times: 1 }],
    state: 'ACTIVE',
    exitCode: 0,
    // The retried create found ALREADY_EXISTS and attached to the model the first attempt made.
    happened: (rs) => {
      const creates = rs.filter((r) => r.method === 'POST' && /\/tunedModels\?/.test(r.path));
      return creates.length === 2 && creates[0]!.status === 0 && creates[1]!.status === 409;
    },
    retried: true,
  },
  {
    name: 'connection reset on polling',
    faults: [{ ...POLL, kind: 'reset', times: 3 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: statusSeen(0, 'GET'),
    retried: true,
  },
  {
    name: 'slow responses on every call',
    faults: [{ kind: 'latency', delayMs: 400 }],
    state: 'ACTIVE',
    exitCode: 0,
    happened: (rs) => rs.length >= 3 && rs.every((r) => r.status === 200 || r.status === 404),
  },
  {
    name: 'operation error (the operation ends done with an error at once)',
    training: { stepMs: 15, outcome: 'FAILED', failAtPercent: 0 },
    state: 'FAILED',
    exitCode: 1,
    happened: () => emu.tunedModels().some((m) => m['state'] === 'FAILED'),
    check: ({ main, report }) => {
      expect(main.stdout).toContain('::error::gemini-tune failed with: tuning FAILED');
      // The service's own reason, in the report and in the failure message.
      const reason = report['error'] as string;
      expect(reason).toMatch(/\S/);
      expect(main.stdout).toContain(reason);
    },
  },
  {
    name: 'tuning FAILED half way (loss so far reported)',
    training: { stepMs: 15, outcome: 'FAILED', failAtPercent: 50 },
    state: 'FAILED',
    exitCode: 1,
    happened: () => emu.tunedModels().some((m) => m['state'] === 'FAILED'),
    check: ({ report }) => expect((report['snapshots'] as unknown[]).length).toBeGreaterThan(0),
  },
  {
    name: 'timeout: the job is left running and the exact resume: line is printed',
    training: { stepMs: 2000 },
    inputs: { 'timeout-minutes': '0.05' },
    state: 'CREATING',
    exitCode: 1,
    happened: () => emu.tunedModels().some((m) => m['state'] === 'CREATING'),
    check: ({ main, runner, report }) => {
      const job = runner.outputs()['job']!;
      expect(job).toMatch(/^tunedModels\/[a-z0-9-]+\/operations\/.+$/);
      expect(report['resumeWith']).toBe(job);
      expect(main.stdout).toContain(`resume: ${job}`);
      expect(runner.summary()).toContain(job);
      expect(runner.state()['settled']).toBe('true');
    },
  },
];

const runs: { runner: RunnerEnv; results: InProcessResult[] }[] = [];

describe('fault matrix (run() in-process, on a virtual clock)', () => {
  MATRIX.forEach((c, i) => {
    it(c.name, async () => {
      if (c.training) emu.configure({ training: c.training });
      for (const f of c.faults ?? []) emu.faults.add(f);
      const runner = geminiRun(
        { emu, gh, apiKey: API_KEY },
        { 'eval-data': '', 'comment-key': `faults-${i}`, ...(c.inputs ?? {}) },
        { prNumber: 300 + i },
      );
      const sleptBefore = clock.slept.length;
      const main = await runMain(runner, { clock });
      const slept = clock.slept.slice(sleptBefore);
      expect(main.stderr).toBe('');
      expect(main.exitCode, main.stdout).toBe(c.exitCode);
      const out = runner.outputs();
      expect(out['state']).toBe(c.state);
      expect(out['cache-hit']).toBe('false');

      expect(c.happened(emu.requests), 'the fault happened').toBe(true);
      // Exactly one remote job, however many attempts the create took.
      expect(emu.stats().creates).toBe(1);
      expect(emu.tunedModels()).toHaveLength(1);
      if (c.retried) expect(main.stdout).toMatch(/::debug::[^\n]*attempt 1 failed[^\n]*retrying in \d+ ms/);

      // Report and summary, every time.
      expect(existsSync(out['report-path']!)).toBe(true);
      const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as Record<string, unknown>;
      expect(report['state']).toBe(c.state);
      expect(report['tunedModel']).toBe(out['tuned-model']);
      expect(runner.summary()).toContain(c.state);
      expect(gh.comments('octo-org', 'number-tuner', 300 + i)).toHaveLength(1);
      c.check?.({ main, runner, report, slept });

      // The post step never deletes here (the main step finished) and never fails.
      emu.faults.clear();
      const post = await runPostStep(runner, { clock });
      expect(post.exitCode).toBe(0);
      expect(post.stdout).not.toContain('::warning');
      expect(deleteCalls(emu)).toBe(0);
      runs.push({ runner, results: [main, post] });
    });
  });

  it('a timed-out job is picked up with the printed resume: value, or by its tuned model name', async () => {
    emu.configure({ training: { stepMs: 150 } });
    const first = geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'eval-data': '', 'timeout-minutes': '0.02' },
      { event: 'push' },
    );
    const m1 = await runMain(first, { clock });
    expect(m1.exitCode).toBe(1);
    // A notice (shown as its own lines by the runner: the newline travels as %0A).
    const line = /^::notice::.*%0A\s*resume: (tunedModels\/[a-z0-9-]+\/operations\/[\w-]+)$/m.exec(m1.stdout);
    expect(line, 'the log prints the resume: line').not.toBeNull();
    const job = line![1]!;
    expect(first.outputs()).toMatchObject({ state: 'CREATING', job });
    for (const resume of [job, first.outputs()['tuned-model']!]) {
      const again = geminiRun(
        { emu, gh, apiKey: API_KEY },
        { 'eval-data': '', 'training-data': '', resume },
        { event: 'push' },
      );
      const m = await runMain(again, { clock });
      expect(m.exitCode, m.stdout).toBe(0);
      expect(again.outputs()).toMatchObject({ state: 'ACTIVE', 'tuned-model': first.outputs()['tuned-model'] });
    }
    expect(emu.stats().creates).toBe(1);
    expect(deleteCalls(emu)).toBe(0);
  });

  it('no fault run showed the API key or the GitHub token in any channel', () => {
    expect(runs).toHaveLength(MATRIX.length);
    const stdout = runs.flatMap((r) => r.results.map((p) => p.stdout)).join('\n');
    // The runner consumes ::add-mask:: lines; both secrets are masked first thing.
    for (const r of runs)
      expect(r.results[0]!.stdout.split('\n').slice(0, 2).sort()).toEqual(
        [`::add-mask::${API_KEY}`, `::add-mask::${GITHUB_TOKEN}`].sort(),
      );
    const channels: Record<string, string> = {
      stdout: stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      stderr: runs.flatMap((r) => r.results.map((p) => p.stderr)).join('\n'),
      summary: runs.map((r) => r.runner.summary()).join('\n'),
      outputs: JSON.stringify(runs.map((r) => r.runner.outputs())),
      state: JSON.stringify(runs.map((r) => r.runner.state())),
      report: runs.map((r) => readFileSync(r.runner.outputs()['report-path']!, 'utf8')).join('\n'),
      comments: MATRIX.map((_, i) =>
        gh
          .comments('octo-org', 'number-tuner', 300 + i)
          .map((c) => c.body)
          .join('\n'),
      ).join('\n'),
    };
    for (const [channel, text] of Object.entries(channels)) {
      if (channel !== 'stderr') expect(text.length, channel).toBeGreaterThan(0);
      expect(text.includes(API_KEY), `API key in ${channel}`).toBe(false);
      expect(text.includes(GITHUB_TOKEN), `GitHub token in ${channel}`).toBe(false);
    }
  });
});
