/**
 * The eval with repeats (v2.1 decision 23):
 *  - throughput: 200 cases × 5 repeats × (tuned + baseline) = 2,000 calls at 100 ms emulator
 *    latency, the emulator capping 16 calls in flight and answering 429 (Retry-After 1 s) beyond,
 *    `eval-concurrency: 32`; wall over the ideal of a client that knows the cap (calls × 100 ms / 16),
 *    goal ≤ 1.15×;
 *  - memory: 10,000 cases × 3 repeats × 2 models (60,000 calls) in a child process of its own,
 *    answered by an in-process model with no latency, so that what is measured is the eval's own
 *    bookkeeping: peak RSS, goal < 300 MB.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../test/helpers/runner-env.js';
import { runEval } from '../../src/eval/run-eval.js';
import { median, type Row } from '../row.js';
import { control, startEmulatorProcess } from '../emulator-process.js';
import { BENCH_API_KEY as API_KEY, evalSetup } from '../eval-setup.js';

export const name = 'eval-repeats';
const CASES = 200;
const REPEATS = 5;
const LATENCY_MS = 100;
const CAP = 16;
const CONCURRENCY = 32;
const RUNS = 2;
const MODEL = 'models/gemini-2.0-flash';
const GOAL = 1.15;
const MEMORY_GOAL_MB = 300;

async function measure(url: string): Promise<{ wallMs: number; rejected: number; runs: number }> {
  const { backend, cases, log: quiet } = await evalSetup(url, { cases: CASES, latencyMs: LATENCY_MS, cap: CAP });
  const started = performance.now();
  const summary = await runEval({
    cases,
    model: MODEL,
    baselineModel: MODEL,
    repeats: REPEATS,
    seed: 'bench',
    generate: (m, prompt, signal) => backend.generate(m, prompt, {}, signal),
    concurrency: CONCURRENCY,
    generationConfig: {},
    log: quiet,
  });
  const wallMs = performance.now() - started;
  if (summary.errors !== 0 || summary.runs !== CASES * REPEATS) {
    throw new Error(`eval-repeats bench: ${summary.errors} errors, ${summary.runs} scored runs`);
  }
  const stats = await control<{ generateRejectedOverCap: number }>(url, 'stats');
  return { wallMs, rejected: stats.generateRejectedOverCap, runs: summary.runs };
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const { url, child } = await startEmulatorProcess(API_KEY);
  try {
    await measure(url); // warm-up
    const walls: number[] = [];
    let rejected = 0;
    for (let i = 0; i < RUNS; i++) {
      const m = await measure(url);
      walls.push(m.wallMs);
      rejected = m.rejected;
    }
    const calls = CASES * REPEATS * 2;
    const idealMs = (calls * LATENCY_MS) / CAP;
    const wall = median(walls);
    const ratio = wall / idealMs;
    process.stderr.write(
      `eval-repeats: wall ${(wall / 1000).toFixed(2)} s (runs: ${walls.map((w) => (w / 1000).toFixed(2)).join(', ')}), ideal ${(idealMs / 1000).toFixed(2)} s\n`,
    );
    rows.push({
      benchmark: `eval: ${CASES} cases × ${REPEATS} repeats × 2 models at ${LATENCY_MS} ms, server cap ${CAP}, eval-concurrency ${CONCURRENCY}: wall / ideal ${(idealMs / 1000).toFixed(2)} s`,
      value: `${ratio.toFixed(2)}× (${(wall / 1000).toFixed(2)} s, ${rejected} × 429)`,
      goal: `≤ ${GOAL}×`,
      ok: ratio <= GOAL,
    });
  } finally {
    child.kill('SIGTERM');
  }

  const memory = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/children/eval-memory.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const m = /peak-rss-mb (\d+(?:\.\d+)?) runs (\d+) seconds (\d+(?:\.\d+)?)/.exec(memory.stdout);
  if (memory.status !== 0 || !m) throw new Error(`eval memory child failed: ${memory.stderr || memory.stdout}`);
  const peak = Number(m[1]);
  rows.push({
    benchmark: `eval memory: 10,000 cases × 3 repeats × 2 models (60,000 calls, ${m[3]} s): peak RSS`,
    value: `${peak.toFixed(0)} MB`,
    goal: `< ${MEMORY_GOAL_MB} MB`,
    ok: peak < MEMORY_GOAL_MB,
  });
  return rows;
}
