/**
 * `mode: tune`, phase by phase: datasets → create (or reuse, or resume) → follow → eval. Every
 * ending, an error in any phase included, then goes through publish(): report, summary, comment,
 * outputs, and the step's verdict.
 */

import * as core from '@actions/core';
import { createBackend } from '../backends/create-backend.js';
import { CreateStoppedError, type TuningBackend } from '../backends/backend.js';
import { loadDatasets, type Datasets } from '../dataset/load-datasets.js';
import type { EvalCase, JobStatus } from '../domain.js';
import { BudgetError, estimateCost, overBudget, serviceCost, warnEpochsUnknown } from '../budget/budget.js';
import { QueueTime } from '../job/queue-time.js';
import { progressComments } from '../github/comment-writer.js';
import type { Settings } from '../inputs/settings.js';
import { acquireJob } from '../job/acquire.js';
import { watchStopSignals } from '../job/cancel.js';
import { followJob } from '../job/follow.js';
import { ModelCache } from '../job/model-cache.js';
import { planJob } from '../job/plan.js';
import { isTunedModel } from '../backends/model-catalog.js';
import { checkCatalog } from '../job/preflight.js';
import { datasetReport } from '../report/dataset-report.js';
import { clearJobState, saveJobState } from '../runner/outputs.js';
import type { SignalSource } from '../runner/signals.js';
import type { Clock } from '../util/clock.js';
import { afterTuning } from './after-tuning.js';
import { leaveForFinish } from './leave-for-finish.js';
import { publish } from './publish.js';
import { scrub } from '../runner/secrets.js';
import { addMark } from '../lifecycle/edit-marks.js';
import { pullRequestMark } from '../lifecycle/marks.js';
import { Run } from './run-state.js';
import { endAtTimeLimit, isTimeUp } from './time-up.js';

export async function runPipeline(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  clock: Clock,
  signals?: SignalSource,
): Promise<void> {
  const run = new Run(settings, env, clock);
  // Watched from the start, whatever cancel-on-abort says: a signal at any moment ends the run with
  // its report; with cancel-on-abort it also cancels the job this run started, once it has one.
  const stop = watchStopSignals(signals);
  run.stop = stop;
  try {
    await tune(run);
  } catch (err) {
    // At the time limit (timeout-minutes) the call in flight was abandoned: the run ends as a timeout.
    if (isTimeUp(run, err)) endAtTimeLimit(run, err);
    else run.stopError = err;
  }
  try {
    await publish(run);
  } finally {
    stop?.dispose();
  }
}

/** The phases of a tuning run, in order; each records what it found in `run`. */
async function tune(run: Run): Promise<void> {
  const { settings } = run;
  await run.timed('preflight', async () => checkCatalog(settings, run.baseModel, run.clock.now()));
  const data = await run.timed('dataset', () => loadDatasets(settings));
  run.report.dataset = datasetReport(data, {
    training: settings.trainingData,
    validation: settings.validationData,
    eval: settings.evalData,
  });
  const backend = await createBackend(settings, run.clock, run.timeLimit);
  if (backend.resolveTunedModel && !settings.resume && isTunedModel(run.baseModel)) {
    // Continuous tuning: one models.get names the version (an @alias resolved), for the content key and the create.
    const version = await run.timed('preflight', () => backend.resolveTunedModel!(run.baseModel));
    if (version !== run.baseModel) core.info(`Continuous tuning from ${version} (base-model ${run.baseModel})`);
    run.baseModel = version;
    run.report.baseModel = version;
  }
  if (backend.checkBaseModel && !settings.resume) {
    // The one remote call before anything is created: the service's record of the base model.
    await run.timed('preflight', () => backend.checkBaseModel!(run.baseModel));
  }
  const examples = data.training?.examples;
  if (!settings.resume && examples) {
    // The estimate, and the budget stop before anything is created (REJECTED).
    await run.timed('preflight', async () => {
      const cost = await estimateCost({ backend, settings, baseModel: run.baseModel, examples, signal: run.timeLimit });
      run.report.cost = cost;
      const over = overBudget(cost, settings);
      if (over !== null) {
        run.report.budgetStop = over.budget;
        throw new BudgetError(over.message);
      }
    });
  }
  if (run.stop?.signal.aborted) return; // stopped before anything was created
  await run.timed('create', () => create(run, backend, data));
  if (run.status?.state === 'CREATING') await follow(run, backend, data.eval?.records ?? []);
  await afterTuning(run, backend, data.eval?.records ?? []);
}

/** Create the job, or reuse or attach to one (content key, Actions cache), or resume one. */
async function create(run: Run, backend: TuningBackend, data: Datasets): Promise<void> {
  const { settings, report } = run;
  const spec = planJob(settings, data, {
    ...report,
    env: run.env,
    now: run.clock.now(),
    pullRequest: run.pr?.number ?? null,
  });
  report.contentKey = spec.contentKey;
  report.runLabel = backend.name === 'vertex-ai' ? (spec.runLabel ?? null) : null;
  if (spec.contentKey) core.info(`Content key: ${spec.contentKey}`);
  if (settings.cache && spec.contentKey && !settings.resume) {
    run.modelCache = new ModelCache({ backend: backend.name, env: run.env });
  }
  let acquired;
  try {
    acquired = await acquireJob(backend, settings, spec, run.modelCache, run.clock, run.stop?.signal);
  } catch (err) {
    if (!(err instanceof CreateStoppedError)) throw err;
    clearJobState(); // nothing was created: the post step has nothing to look for
    return; // stopped before create: publish() reports CANCELLED with nothing created
  }
  run.settle(acquired.status);
  run.startedByUs = acquired.startedByUs;
  if (run.startedByUs && settings.hyperparameters.epochCount === null) warnEpochsUnknown(report.cost);
  report.cacheHit = acquired.cacheHit;
  if (acquired.cacheHit) await markReuse(run, backend);
  saveState(run, false);
}

/** Wait for the job to end (unless `wait: false`), cancelling a job this run started on a stop signal. */
async function follow(run: Run, backend: TuningBackend, cases: readonly EvalCase[]): Promise<void> {
  const { settings, report } = run;
  const initial = run.status!;
  if (!settings.wait && !run.stoppedBy) {
    core.info(`wait: false: leaving ${initial.job || initial.tunedModel} to train.`);
    await leaveForFinish(run, backend, cases);
    await run.comments.write(report, 'started');
    return saveState(run, true);
  }
  // Not awaited: a slow GitHub never holds up polling (the comment writer keeps the writes in order).
  // The "started" comment, or at once the quota wait the create answer may already report.
  const { deadline, clock, stop } = run;
  const queue = new QueueTime();
  queue.observe(initial, clock.now());
  const progress = progressComments(report, (snapshot, line) => run.comments.write(snapshot, 'started', line), clock);
  if (!progress(initial)) void run.comments.write(report, 'started');
  const onStatus = (s: JobStatus): void => {
    run.settle(s);
    progress(s);
  };
  const cancelOnStop = run.cancelsOnStop;
  const limit = budgetLimit(run);
  const followed = await run.timed('tuning', () =>
    followJob({ backend, initial, deadline, clock, stop, cancelOnStop, onStatus, limit, queue }),
  );
  // The time queued for quota or capacity, apart from the time tuning.
  const queued = Math.round(queue.total(clock.now()) / 10) / 100;
  if (queued > 0) {
    report.timings['queued'] = queued;
    report.timings['tuning'] = Math.max(0, Math.round(((report.timings['tuning'] ?? 0) - queued) * 100) / 100);
  }
  run.settle(followed.status);
  run.timedOut = followed.timedOut;
  // A job that could not be cancelled is the post step's to try again.
  if (followed.stoppedBy && cancelOnStop && !followed.cancelled) report.error = followed.status.error;
  else saveState(run, true);
}

/**
 * The in-flight budget check (Vertex AI): once the job reports its billable tokens, the report's
 * cost is the service's; over the budget, a job this run started is cancelled (an attached one is
 * left alone, with a warning).
 */
function budgetLimit(run: Run): (s: JobStatus) => string | null {
  let warned = false;
  return (s) => {
    const counted = serviceCost(s, run.settings);
    if (counted === null) return null;
    const sample = run.report.cost?.sample;
    run.report.cost = sample ? { ...counted.cost, sample } : counted.cost;
    if (counted.over === null) return null;
    if (run.startedByUs) {
      run.report.budgetStop = counted.over.budget;
      return counted.over.message;
    }
    if (!warned)
      core.warning(
        `The attached tuning job is ${counted.over.message} (this run did not start it, so it is left alone)`,
      );
    warned = true;
    return null;
  };
}

/**
 * A cache hit on a pull request marks the model as used by it too (the other pull request's cleanup
 * then keeps it); best effort: a mark that cannot be written is a warning.
 */
async function markReuse(run: Run, backend: TuningBackend): Promise<void> {
  const model = run.status?.tunedModel;
  if (!run.pr || !backend.lifecycle || !model) return;
  try {
    const added = await addMark(backend.lifecycle, model, pullRequestMark(run.pr.number), 'open');
    if (added) core.info(`${model} is now marked as used by pull request #${run.pr.number}.`);
  } catch (err) {
    core.warning(
      `Could not mark ${model} as used by pull request #${run.pr.number}: ${scrub(err instanceof Error ? err.message : String(err))}`,
    );
  }
}

/** For the post step: whether a job this run started still needs it (settled: false). */
function saveState(run: Run, settled: boolean): void {
  const s = run.status;
  if (run.startedByUs && s) saveJobState({ job: s.job, tunedModel: s.tunedModel, settled });
}
