/** The eval phase: the eval set against the tuned model (and the baseline), in a log group. */

import { createHash } from 'node:crypto';
import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { EvalCase } from '../domain.js';
import type { Settings } from '../inputs/settings.js';
import type { Clock } from '../util/clock.js';
import type { RegexLimits } from './regex-guard.js';
import { runEval, type RunEvalOptions } from './run-eval.js';
import type { EvalSummary } from './types.js';
import { JUDGE_CONFIG, judgePrompt, readVerdict } from './judge.js';
import { DEFAULT_JUDGE_MODEL } from '../backends/defaults.js';

/**
 * The regex scorer's limits for a run: per match and in all (defaults 1 s and 5 s, see
 * ./regex-guard.ts). Not an input; an in-process test may lower them to stay quick.
 */
export const evalRegexLimits: RegexLimits = {};

export function evaluate(
  backend: TuningBackend,
  settings: Pick<
    Settings,
    | 'evalBaseline'
    | 'evalConcurrency'
    | 'evalGeneration'
    | 'evalSystemInstruction'
    | 'evalRepeats'
    | 'judgeModel'
    | 'embeddingModel'
  >,
  run: { cases: EvalCase[]; model: string; baseModel: string; clock: Clock; seed: string; signal?: AbortSignal },
): Promise<EvalSummary> {
  const baselineModel = settings.evalBaseline === 'base' ? run.baseModel : settings.evalBaseline;
  const title = `Eval: ${run.cases.length} cases on ${run.model}${baselineModel ? ` and ${baselineModel}` : ''}`;
  return core.group(title, () =>
    runEval({
      cases: run.cases,
      model: run.model,
      baselineModel,
      generate: (m, prompt, signal, c) =>
        backend.generate(
          m,
          {
            text: prompt,
            system: c.system ?? settings.evalSystemInstruction ?? null,
            ...(c.turns ? { turns: c.turns } : {}),
          },
          settings.evalGeneration,
          signal,
        ),
      ...scoringCalls(backend, settings),
      concurrency: settings.evalConcurrency,
      repeats: settings.evalRepeats,
      seed: run.seed,
      generationConfig: { ...settings.evalGeneration },
      regexLimits: { ...evalRegexLimits },
      clock: run.clock,
      ...(run.signal ? { signal: run.signal } : {}),
      log: { info: core.info, debug: core.debug, warning: (m: string) => core.warning(m) },
    }),
  );
}

/**
 * The bootstrap's seed (v2.1 decision 17): the content key and the eval set's digest, so that the
 * same tuned model on the same cases gives the same interval for the same results.
 */
export function evalSeed(contentKey: string | null, cases: readonly EvalCase[]): string {
  const digest = createHash('sha256');
  for (const c of cases) {
    digest.update(JSON.stringify([c.id, c.input, c.expected, c.scorer, c.system ?? null, c.turns ?? null]));
    digest.update('\n');
  }
  return `${contentKey ?? ''}:${digest.digest('hex')}`;
}

/**
 * The judge and embedding calls of the model-backed scorers, through the backend (one attempt each:
 * runEval retries them within its window). Judge calls send no temperature and no thinking setting.
 */
function scoringCalls(
  backend: TuningBackend,
  settings: Pick<Settings, 'judgeModel' | 'embeddingModel'>,
): Pick<RunEvalOptions, 'judge' | 'embed'> {
  const judgeModel = settings.judgeModel ?? DEFAULT_JUDGE_MODEL[backend.name];
  return {
    judge: async (q, signal) => {
      const answer = await backend.generate(judgeModel, judgePrompt(q), JUDGE_CONFIG, signal);
      if (answer.blocked !== null) throw new Error(`the judge's answer was blocked (${answer.blocked})`);
      const tokens = (answer.usage?.prompt ?? 0) + (answer.usage?.output ?? 0) + (answer.usage?.thoughts ?? 0);
      return { ...readVerdict(answer.text), tokens };
    },
    ...(backend.embed
      ? { embed: (texts: string[], signal: AbortSignal) => backend.embed!(settings.embeddingModel, texts, signal) }
      : {}),
  };
}
