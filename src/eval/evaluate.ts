/** The eval phase: the eval set against the tuned model (and the baseline), in a log group. */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { EvalCase } from '../domain.js';
import type { Settings } from '../inputs/settings.js';
import type { Clock } from '../util/clock.js';
import { runEval } from './run-eval.js';
import type { EvalSummary } from './types.js';

export const GENERATION_CONFIG = { temperature: 0 } as const;

export function evaluate(
  backend: TuningBackend,
  settings: Pick<Settings, 'evalBaseline' | 'evalConcurrency'>,
  run: { cases: EvalCase[]; model: string; baseModel: string; clock: Clock },
): Promise<EvalSummary> {
  const baselineModel = settings.evalBaseline === 'base' ? run.baseModel : settings.evalBaseline;
  const title = `Eval: ${run.cases.length} cases on ${run.model}${baselineModel ? ` and ${baselineModel}` : ''}`;
  return core.group(title, () =>
    runEval({
      cases: run.cases,
      model: run.model,
      baselineModel,
      generate: (m, prompt, signal) => backend.generate(m, prompt, GENERATION_CONFIG, signal),
      concurrency: settings.evalConcurrency,
      generationConfig: { ...GENERATION_CONFIG },
      clock: run.clock,
      log: { info: core.info, debug: core.debug, warning: (m: string) => core.warning(m) },
    }),
  );
}
