/**
 * Child process of bench/suites/eval-repeats.ts: runEval over 10,000 cases × 3 repeats × 2 models
 * with an in-process model (no HTTP, a turn of the event loop per call), then its peak RSS.
 */

import { runEval } from '../../src/eval/run-eval.js';
import type { EvalCase } from '../../src/domain.js';

const CASES = 10_000;
const cases: EvalCase[] = Array.from({ length: CASES }, (_, i) => ({
  id: `case-${i}`,
  input: `Question number ${i}: what comes after ${i}?`,
  expected: String(i + 1),
  scorer: 'contains',
  line: i + 1,
}));
const started = performance.now();
const summary = await runEval({
  cases,
  model: 'tuned',
  baselineModel: 'base',
  repeats: 3,
  seed: 'bench',
  generate: async (model, prompt) => {
    await new Promise((r) => setImmediate(r));
    const n = Number(/after (\d+)/.exec(prompt)?.[1] ?? 0);
    return model === 'tuned' ? `The answer is ${n + 1}, of course.` : `Maybe ${n}.`;
  },
  concurrency: 32,
  generationConfig: {},
  log: { info: () => {}, debug: () => {}, warning: () => {} },
});
const seconds = (performance.now() - started) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`peak-rss-mb ${peakMb.toFixed(1)} runs ${summary.runs} seconds ${seconds.toFixed(1)}\n`);
