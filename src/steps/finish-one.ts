/**
 * `mode: finish` for one recorded job (one sticky comment with a run record): the job's status;
 * still training, the comment's progress refreshed (the record kept, the commit status left
 * pending); ended, the eval with the recorded settings and eval set, then the final comment
 * (without the record: a later finish run finds nothing to do) and the commit status. An error of
 * this run's own (a call that failed, the eval set unreadable) leaves the comment and the record as
 * they were, so the next finish run tries again.
 */

import * as core from '@actions/core';
import { createBackend } from '../backends/create-backend.js';
import type { TuningBackend } from '../backends/backend.js';
import { serviceCost } from '../budget/budget.js';
import type { EvalCase } from '../domain.js';
import { encodeRecord, type RunRecord } from '../finish/record.js';
import { parseCases } from '../finish/stored-eval.js';
import { statusContext } from '../github/commit-status.js';
import { progressLine } from '../github/comment-writer.js';
import type { PullRequestTarget } from '../github/event.js';
import type { Settings } from '../inputs/settings.js';
import { cancelJob } from '../job/cancel.js';
import type { Report } from '../report/types.js';
import { scrub } from '../runner/secrets.js';
import type { Clock } from '../util/clock.js';
import { afterTuning } from './after-tuning.js';
import { conclude, settleCommitStatus } from './publish.js';
import { Run, type StatusTarget } from './run-state.js';
import { endAtTimeLimit, isTimeUp } from './time-up.js';

export type FinishOutcome = 'finished' | 'pending' | 'error';

export interface FinishedRun {
  pr: number;
  job: string;
  outcome: FinishOutcome;
  /** Why this run could not finish it (its own error), when the outcome is `error`. */
  error: string | null;
  report: Report;
}

export interface FoundComment {
  id: number;
  /** The comment's first line: its marker (the tune run's key, not this run's). */
  marker: string;
}

export async function finishOne(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  clock: Clock,
  target: { pr: PullRequestTarget; comment: FoundComment; record: RunRecord },
): Promise<FinishedRun> {
  const { pr, comment, record } = target;
  const location = /^projects\/[^/]+\/locations\/([^/]+)\//.exec(record.job)?.[1] ?? settings.location;
  // The recorded settings decide the eval, the gates and the budget; this run's own give access.
  const runSettings: Settings = {
    ...settings,
    ...record.settings,
    mode: 'finish',
    backend: 'vertex-ai',
    location,
    wait: true,
    resume: record.job,
    baseModel: record.report.baseModel,
    displayName: record.report.displayName,
    comment: 'auto',
  };
  const statusTarget: StatusTarget | null =
    settings.commitStatus === 'auto'
      ? {
          owner: pr.owner,
          repo: pr.repo,
          sha: record.headSha,
          context: statusContext(record.settings.commentKey),
          targetUrl: null,
        }
      : null;
  const run = new Run(runSettings, env, clock, { pr: { ...pr, headSha: record.headSha }, comment, statusTarget });
  // The tune run's report as recorded; the links go to this run, whose summary has the full tables.
  const own = run.report.runUrl;
  Object.assign(run.report, record.report, { job: record.job, mode: 'finish', runUrl: own ?? record.report.runUrl });
  if (statusTarget) statusTarget.targetUrl = own;
  run.startedByUs = record.startedByUs;
  const done = (outcome: FinishOutcome, error: string | null = null): FinishedRun => ({
    pr: pr.number,
    job: record.job,
    outcome,
    error,
    report: run.report,
  });

  let backend: TuningBackend;
  try {
    backend = await createBackend(runSettings, clock, run.timeLimit);
    run.settle(await backend.status(record.job, run.timeLimit));
    await budgetStop(run, backend);
  } catch (err) {
    return done('error', describe(err));
  }

  if (run.status?.state === 'CREATING') {
    // Still training: the progress refreshed, the record kept (an unchanged body is not written again).
    run.comments.record = encodeRecord(record);
    run.report.leftForFinish = true;
    await run.comments.write(run.report, 'started', progressLine(run.status));
    core.info(`#${pr.number}: ${record.job} is still training (${progressLine(run.status)})`);
    return done('pending');
  }

  try {
    const cases = await storedCases(run, backend, record);
    await afterTuning(run, backend, cases);
  } catch (err) {
    if (!isTimeUp(run, err)) return done('error', describe(err));
    endAtTimeLimit(run, err);
  }
  const failures = conclude(run);
  await run.comments.write(run.report, 'final');
  await settleCommitStatus(run, failures);
  core.info(
    `#${pr.number}: ${record.job} finished: ${run.report.state}${failures.length ? ` (${failures.join('; ')})` : ''}`,
  );
  return done('finished');
}

/** The eval set the tune run stored, checked against its recorded digest. */
async function storedCases(run: Run, backend: TuningBackend, record: RunRecord): Promise<EvalCase[]> {
  if (!record.evalSet || run.status?.state !== 'ACTIVE') return [];
  if (!backend.readEvalSet) throw new Error('this backend cannot read a stored eval set');
  const bytes = await backend.readEvalSet(record.evalSet.uri, run.timeLimit);
  return parseCases(bytes, record.evalSet.sha256);
}

/**
 * The in-flight budget stop the tune run would have applied (decision 11): once the job reports its
 * billable tokens, a job over the budget that the tune run started is cancelled.
 */
async function budgetStop(run: Run, backend: TuningBackend): Promise<void> {
  const status = run.status;
  if (!status) return;
  const counted = serviceCost(status, run.settings);
  if (counted === null) return;
  run.report.cost = counted.cost;
  if (counted.over === null || status.state !== 'CREATING') return;
  if (!run.startedByUs) {
    core.warning(
      `The recorded job ${status.job} is ${counted.over.message} (its run did not start it, so it is left alone)`,
    );
    return;
  }
  run.report.budgetStop = counted.over.budget;
  const stopped = await cancelJob(backend, status, { reason: counted.over.message });
  run.settle(stopped.status);
}

function describe(err: unknown): string {
  return scrub(err instanceof Error ? err.message : String(err));
}
