/**
 * What follows a tuning job that ended ACTIVE, in `tune` and in `finish` alike: the checkpoints
 * it exported and the one the Model serves, the eval (tuned model, baseline, every checkpoint when
 * asked) and, with `select-checkpoint: best`, the best checkpoint made the default.
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { EvalCase } from '../domain.js';
import { bestCheckpoint, evaluateCheckpoints } from '../eval/checkpoints.js';
import { evalSeed, evaluate } from '../eval/evaluate.js';
import { withBaselineOf } from '../eval/summarise.js';
import { scrub } from '../runner/secrets.js';
import { TimeLimitError } from '../util/time-limit.js';
import type { Run } from './run-state.js';

/** The checkpoints and the eval of an ACTIVE job (nothing for a job in any other state). */
export async function afterTuning(run: Run, backend: TuningBackend, cases: EvalCase[]): Promise<void> {
  if (run.status?.state !== 'ACTIVE') return;
  await readCheckpoints(run, backend);
  if (cases.length === 0) return;
  await run.timed('eval', () => evaluateModel(run, backend, cases));
  const { report, settings } = run;
  if (report.selectedCheckpoint) {
    report.selectedCheckpoint.passRate = report.eval?.passRate ?? null;
    report.selectedCheckpoint.passRateInterval = report.eval?.passRateInterval ?? null;
  }
  if (settings.evalCheckpoints === 'all' && report.eval && report.selectedCheckpoint && !run.stoppedBy) {
    await run.timed('checkpoints', () => chooseCheckpoint(run, backend, cases));
  }
}

/**
 * Vertex AI: the checkpoints the job exported, and the one the Model serves by default
 * (`defaultCheckpointId`, one models.get), which `checkpoint`, `pass-rate` and `endpoint` then
 * refer to. Best effort: a failed read is a warning, not the end of the run.
 */
async function readCheckpoints(run: Run, backend: TuningBackend): Promise<void> {
  const checkpoints = run.status?.checkpoints ?? [];
  const model = run.status?.tunedModel;
  if (!backend.defaultCheckpoint || checkpoints.length === 0 || !model) return;
  run.report.checkpoints = checkpoints.map((c) => ({ ...c, passRate: null }));
  try {
    const id = (await backend.defaultCheckpoint(model)) ?? checkpoints.at(-1)?.checkpointId ?? null;
    const selected = run.report.checkpoints.find((c) => c.checkpointId === id) ?? null;
    run.report.selectedCheckpoint = selected ? { ...selected } : null;
    if (selected) {
      core.info(
        `${checkpoints.length} checkpoint(s); the model serves checkpoint ${selected.checkpointId} (epoch ${selected.epoch ?? '?'}) by default.`,
      );
    }
  } catch (err) {
    core.warning(
      `Could not read the default checkpoint of ${model}: ${scrub(err instanceof Error ? err.message : String(err))}`,
    );
  }
}

/** Every checkpoint evaluated; with select-checkpoint: best, the best made the Model's default and reported. */
async function chooseCheckpoint(run: Run, backend: TuningBackend, cases: EvalCase[]): Promise<void> {
  const { report, settings } = run;
  const selected = report.selectedCheckpoint!;
  const checkpoints = report.checkpoints ?? [];
  const seed = evalSeed(report.contentKey, cases);
  const summaries = await evaluateCheckpoints(backend, settings, {
    checkpoints,
    defaultId: selected.checkpointId,
    main: report.eval!,
    cases,
    baseModel: run.baseModel,
    clock: run.clock,
    seed,
    signal: run.timeLimit,
  });
  const best = bestCheckpoint(checkpoints, selected.checkpointId);
  if (settings.selectCheckpoint !== 'best' || !best || best.checkpointId === selected.checkpointId) return;
  const model = run.status!.tunedModel!;
  await backend.setDefaultCheckpoint!(model, best.checkpointId);
  core.info(`Checkpoint ${best.checkpointId} (epoch ${best.epoch ?? '?'}) is now the default of ${model}.`);
  report.selectedCheckpoint = { ...best };
  const chosen = summaries.get(best.checkpointId);
  // The baseline ran once, beside the default: the chosen checkpoint is compared with those answers.
  if (chosen) report.eval = withBaselineOf(chosen, report.eval!, cases, seed);
  if (best.endpoint) report.endpoint = best.endpoint;
}

async function evaluateModel(run: Run, backend: TuningBackend, cases: EvalCase[]): Promise<void> {
  const model = run.status?.endpoint ?? run.status?.tunedModel;
  if (!model || run.stoppedBy) return;
  const { baseModel, clock, stop, timeLimit } = run;
  if (timeLimit.aborted) throw new TimeLimitError('the eval could not start');
  const seed = evalSeed(run.report.contentKey, cases);
  const evaluated = evaluate(backend, run.settings, { cases, model, baseModel, clock, seed, signal: timeLimit });
  // A stop signal or the time limit ends the eval where it is: the run reports without it.
  const stopped = new Promise<null>((resolve) => stop?.signal.addEventListener('abort', () => resolve(null)));
  const timeUp = new Promise<null>((resolve) => timeLimit.addEventListener('abort', () => resolve(null)));
  evaluated.catch(() => undefined); // once stopped, a late failure of the abandoned eval is nobody's

  run.report.eval = await Promise.race([evaluated, stopped, timeUp]);
  if (timeLimit.aborted && !run.stoppedBy) {
    // The eval stops at the same signal and gives what it has: the finished cases, the rest "not run".
    run.report.eval = await evaluated.catch(() => null);
    throw new TimeLimitError('the eval did not finish');
  }
}
