/**
 * `eval-checkpoints: all` and `select-checkpoint: best` (Vertex AI): the eval set on every
 * checkpoint the job exported, each on its own endpoint (the default one is the main eval, run once
 * through the tuned model's endpoint), and the choice of the best (INTERFACE "Checkpoints", v2.1
 * decision 13): the highest pass rate; on a tie the service's default stays if it is among the best,
 * else the smallest step.
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { EvalCase } from '../domain.js';
import type { Settings } from '../inputs/settings.js';
import type { ReportCheckpoint } from '../report/types.js';
import type { Clock } from '../util/clock.js';
import { formatPercent } from '../util/format.js';
import { evaluate } from './evaluate.js';
import type { EvalSummary } from './types.js';

/** The best checkpoint among those with a pass rate (see the module comment), or null when none has one. */
export function bestCheckpoint(
  checkpoints: readonly ReportCheckpoint[],
  defaultId: string | null,
): ReportCheckpoint | null {
  const rated = checkpoints.filter((c): c is ReportCheckpoint & { passRate: number } => c.passRate !== null);
  if (rated.length === 0) return null;
  const top = Math.max(...rated.map((c) => c.passRate));
  const best = rated.filter((c) => c.passRate === top);
  return (
    best.find((c) => c.checkpointId === defaultId) ??
    best.slice().sort((a, b) => (a.step ?? Infinity) - (b.step ?? Infinity))[0] ??
    null
  );
}

/**
 * Evaluates every checkpoint but the default one (whose summary is `main`), without the baseline
 * (it ran once, beside the default), filling in each one's pass rate; returns the summaries by id.
 */
export async function evaluateCheckpoints(
  backend: TuningBackend,
  settings: Settings,
  run: {
    checkpoints: ReportCheckpoint[];
    defaultId: string;
    main: EvalSummary;
    cases: EvalCase[];
    baseModel: string;
    clock: Clock;
    seed: string;
    signal?: AbortSignal;
  },
): Promise<Map<string, EvalSummary>> {
  const summaries = new Map<string, EvalSummary>([[run.defaultId, run.main]]);
  for (const c of run.checkpoints) {
    if (c.checkpointId === run.defaultId) {
      c.passRate = run.main.passRate;
      c.passRateInterval = run.main.passRateInterval;
      continue;
    }
    if (!c.endpoint) continue;
    const summary = await evaluate(
      backend,
      { ...settings, evalBaseline: null },
      {
        cases: run.cases,
        model: c.endpoint,
        baseModel: run.baseModel,
        clock: run.clock,
        seed: run.seed,
        ...(run.signal ? { signal: run.signal } : {}),
      },
    );
    c.passRate = summary.passRate;
    c.passRateInterval = summary.passRateInterval;
    summaries.set(c.checkpointId, summary);
    core.info(`Checkpoint ${c.checkpointId} (epoch ${c.epoch ?? '?'}): pass rate ${formatPercent(c.passRate, 1)}`);
  }
  return summaries;
}
