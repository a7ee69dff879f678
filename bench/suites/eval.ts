/**
 * Eval throughput against a server with a concurrency cap it does not announce: 500 cases at
 * 100 ms emulator latency, `eval-concurrency: 32`, with the emulator answering 429 (Retry-After:
 * 1 s, as a real server would) to any call over its cap of 16, then 4. Only the eval phase is
 * timed: runEval in-process with the real GeminiApiBackend over GoogleHttp and the real auth
 * client, over HTTP to the emulator. The figure is wall time over the ideal of a client that knows
 * the cap (500 × 0.1 s / cap). The emulator runs as its own process (`npm run emulator`), as a
 * real server would: sharing this process's event loop, its request handling would be charged to
 * the client.
 */

import { runEval } from '../../src/eval/run-eval.js';
import { median, type Row } from '../row.js';
import { control, startEmulatorProcess } from '../emulator-process.js';
import { BENCH_API_KEY as API_KEY, evalSetup } from '../eval-setup.js';

export const name = 'eval';
const CASES = 500;
const LATENCY_MS = 100;
const CONCURRENCY = 32;
/** Runs per figure; the median is reported (the machines are shared and noisy). */
const RUNS = 3;
const MODEL = 'models/gemini-1.5-flash-001';

interface Measured {
  wallMs: number;
  passRate: number | null;
  errors: number;
  rejected: number;
  maxInFlight: number;
}

interface Stats {
  generateMaxInFlight: number;
  generateRejectedOverCap: number;
}

async function measure(url: string, cap: number, concurrency: number): Promise<Measured> {
  const { backend, cases, log: quiet } = await evalSetup(url, { cases: CASES, latencyMs: LATENCY_MS, cap });
  const started = performance.now();
  const summary = await runEval({
    cases,
    model: MODEL,
    baselineModel: null,
    generate: (m, prompt, signal) => backend.generate(m, prompt, { temperature: 0 }, signal),
    concurrency,
    generationConfig: { temperature: 0 },
    log: quiet,
  });
  const wallMs = performance.now() - started;
  const stats = await control<Stats>(url, 'stats');
  return {
    wallMs,
    passRate: summary.passRate,
    errors: summary.errors,
    rejected: stats.generateRejectedOverCap,
    maxInFlight: stats.generateMaxInFlight,
  };
}

export async function run(): Promise<Row[]> {
  const { url, child } = await startEmulatorProcess(API_KEY);
  const rows: Row[] = [];
  try {
    await measure(url, 16, CONCURRENCY); // warm-up: connections, JIT
    for (const [cap, goal] of [
      [16, 1.2],
      [4, 1.3],
    ] as const) {
      // Interleaved with a client told the cap (eval-concurrency = cap, no 429s): what is left
      // between the two is the cost of finding the limit; the rest is HTTP and machine noise.
      const adaptive: Measured[] = [];
      const told: Measured[] = [];
      for (let i = 0; i < RUNS; i++) {
        adaptive.push(await measure(url, cap, CONCURRENCY));
        told.push(await measure(url, cap, cap));
      }
      for (const m of [...adaptive, ...told]) {
        if (m.passRate !== 1 || m.errors !== 0) {
          throw new Error(`eval bench: pass rate ${m.passRate} with ${m.errors} errors; every case should pass`);
        }
      }
      const idealMs = (CASES * LATENCY_MS) / cap;
      const wall = median(adaptive.map((m) => m.wallMs));
      const wallTold = median(told.map((m) => m.wallMs));
      const ratio = wall / idealMs;
      const rejected = median(adaptive.map((m) => m.rejected));
      process.stderr.write(
        `eval cap ${cap}: wall ${(wall / 1000).toFixed(2)} s (runs: ${adaptive.map((m) => (m.wallMs / 1000).toFixed(2)).join(', ')}), ` +
          `ideal ${(idealMs / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)} (goal ≤ ${goal}); ` +
          `${rejected} over-cap 429s, max ${Math.max(...adaptive.map((m) => m.maxInFlight))} in flight; ` +
          `told the cap: ${(wallTold / 1000).toFixed(2)} s (ratio ${(wallTold / idealMs).toFixed(2)})\n`,
      );
      rows.push({
        benchmark: `eval: ${CASES} cases at ${LATENCY_MS} ms, server cap ${cap}, eval-concurrency ${CONCURRENCY}: wall / ideal ${(idealMs / 1000).toFixed(2)} s`,
        value: `${ratio.toFixed(2)}× (${(wall / 1000).toFixed(2)} s, ${rejected} × 429)`,
        goal: `≤ ${goal}×`,
        ok: ratio <= goal,
      });
      rows.push({
        benchmark: `  same, eval-concurrency ${cap} (told the cap; no 429s), for reference`,
        value: `${(wallTold / idealMs).toFixed(2)}× (${(wallTold / 1000).toFixed(2)} s)`,
        goal: '',
        ok: null,
      });
    }
  } finally {
    child.kill('SIGTERM');
  }
  return rows;
}
