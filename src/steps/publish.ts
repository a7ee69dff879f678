/**
 * The one way a run ends, whatever ended it (success, dataset errors, a failed create, an error
 * while polling, a stop signal, a timeout, a missed gate): the verdict into the report, then the
 * JSON file, the job summary, the final PR comment, the Actions cache entry and the outputs, and
 * only then the step's failure, if any. Writing the report never hides the error that ended the run.
 */

import * as core from '@actions/core';
import { appendFile } from 'node:fs/promises';
import { GoogleApiError } from '../backends/errors.js';
import { DatasetError } from '../dataset/load-datasets.js';
import { evaluateGates } from '../eval/gates.js';
import { problemCountsReport, problemReports } from '../report/dataset-report.js';
import { writeJsonReport } from '../report/json-report.js';
import { renderSummary } from '../report/summary.js';
import type { Report } from '../report/types.js';
import { conclusion, failureReasons } from '../report/verdict.js';
import { verdictOf } from '../report/view.js';
import { setCommitStatus, type CommitState } from '../github/commit-status.js';
import { setOutputs, settleJobState } from '../runner/outputs.js';
import { scrub } from '../runner/secrets.js';
import { TimeLimitError } from '../util/time-limit.js';
import type { Run } from './run-state.js';

/** After a stop signal the runner kills the step 7.5 s later: the comment gets this long. */
const COMMENT_GRACE_MS = 3_000;

export async function publish(run: Run): Promise<void> {
  const failures = conclude(run);
  // Not stopped by a signal, or not to cancel on one: the main step has dealt with its job, even one
  // it leaves running (an error, a timeout or a signal without cancel-on-abort is not a
  // cancellation). After a signal that cancels, the cancellation's outcome stands.
  if (!run.stoppedBy || !run.settings.cancelOnAbort) settleJobState();
  const report = run.report;
  const problems: string[] = [];
  const written = await run
    .timed('report', () => writeReportFiles(report, run.reportPath, run.env))
    .then(() => true)
    .catch((err: unknown) => {
      problems.push(`the report could not be written: ${describe(err)}`);
      return false;
    });
  const comment = run.comments.write(report, 'final');
  await (run.stoppedBy ? Promise.race([comment, grace(run)]) : comment);
  await settleCommitStatus(run, failures);
  if (run.modelCache && report.contentKey && run.status?.state === 'ACTIVE' && !run.stopError) {
    await run.modelCache.save(report.contentKey, run.status, scrubbed(report), run.baseModel);
  }
  setOutputs({
    tunedModel: report.tunedModel,
    endpoint: report.endpoint,
    state: report.state,
    job: report.job,
    finalLoss: report.finalLoss,
    validationLoss: report.validationLoss ?? null,
    passRate: report.eval?.passRate ?? null,
    passRateInterval: report.eval?.passRateInterval ?? null,
    baselinePassRate: report.eval?.comparison?.baselinePassRate ?? null,
    regressions: report.eval?.comparison ? report.eval.comparison.regressions.length : null,
    checkpoint: report.selectedCheckpoint?.checkpointId ?? null,
    trainingTokens: report.cost?.trainingTokens ?? null,
    cacheHit: report.cacheHit,
    reportPath: written ? run.reportPath : '',
    commentUrl: run.comments.url,
  });
  for (const p of problems) core.warning(p);
  core.info(conclusion(report));
  if (run.stopError !== null) throw run.stopError;
  if (failures.length) throw new Error(failures.join('; '));
}

/**
 * The commit status of a run that has one (decision 10): `pending` while its job trains with a run
 * record for `mode: finish`; once the run has ended, `success`, or `failure` when the step fails
 * (a missed gate, a failed or cancelled job, an error) or the job was left without a record.
 */
export async function settleCommitStatus(run: Run, failures: string[]): Promise<CommitState | null> {
  const target = run.statusTarget;
  const { report } = run;
  if (!target || !run.settings.githubToken) return null;
  const training = report.state === 'CREATING' && run.stopError === null && !run.timedOut;
  const pending = training && report.leftForFinish === true;
  const failed = failures.length > 0 || run.stopError !== null || report.state !== 'ACTIVE';
  // Left training with no record for mode: finish (it did not fit, or the comment failed): nothing would settle a pending status.
  const state: CommitState = pending ? 'pending' : training ? 'error' : failed ? 'failure' : 'success';
  const description = pending
    ? 'Training; a scheduled mode: finish run reports when the job ends'
    : training
      ? 'Training, but not recorded for mode: finish; resume the job by name'
      : verdictOf(report).title.replace(/^Gemini tuning: /, '');
  const access = { token: run.settings.githubToken, clock: run.clock, apiUrl: run.env['GITHUB_API_URL'] ?? '' };
  return (await setCommitStatus(access, { ...target, state, description })) ? state : null;
}

/** The ending into the report: state, error, gates, how to resume; returns why the step fails. */
export function conclude(run: Run): string[] {
  const { report, settings } = run;
  report.finishedAt = new Date(run.clock.now()).toISOString();
  if (run.stopError !== null) {
    // Stopped before a job existed: REJECTED when nothing was created and the run could not go on
    // (dataset errors, a create refused), else FAILED; once a job existed, its last state stands.
    if (run.status === null) report.state = rejected(run) ? 'REJECTED' : 'FAILED';
    report.error = describe(run.stopError);
    if (run.status === null && report.state === 'FAILED' && report.runLabel && run.phase === 'create') {
      // The create may have made a job whose name never reached us: its label finds it.
      const where = `a tuning job labelled gemini_tune_run=${report.runLabel}`;
      report.error += `; if the service created the job anyway, it is ${where}`;
      core.notice(`No tuning job was confirmed. If the service created one anyway, look for ${where}.`);
    }
    if (run.stopError instanceof DatasetError) {
      report.dataset = null;
      report.problems = problemReports(run.stopError.problems);
      report.problemCounts = problemCountsReport(run.stopError.counts);
    }
    // An eval cut short by the time limit: its gates count as missed (the step fails on the timeout).
    if (report.eval?.incomplete) report.gates = evaluateGates(settings, report);
    // An error is not a cancellation: a job still running is left to train, and said how to resume.
    if (report.state === 'CREATING' && !(run.stoppedBy && run.cancelsOnStop))
      leftRunning(run, 'An error ended the run');
    return [];
  }
  if (run.stoppedBy && run.status === null) {
    report.state = 'CANCELLED';
    report.error = `the run was cancelled (${run.stoppedBy}) before a tuning job was created`;
  }
  if (report.state === 'CREATING' && run.stoppedBy && !run.cancelsOnStop) {
    const why = run.startedByUs ? 'cancel-on-abort is false' : 'this run did not start it';
    report.error = `the run was stopped (${run.stoppedBy}); the tuning job is still running (${why})`;
    leftRunning(run, `Stopped by ${run.stoppedBy}; the tuning job was left running (${why})`);
  } else if (report.state === 'CREATING' && !run.stoppedBy) {
    const why = run.timedOut ? `timed out after ${settings.timeoutMinutes} minutes` : 'not waited for (wait: false)';
    if (run.timedOut) report.error = `tuning ${why}; the job is still running`;
    leftRunning(run, `Tuning ${why}`);
  }
  report.gates = evaluateGates(settings, report);
  const failures = failureReasons(report, run.timedOut);
  if (run.stoppedBy && report.state !== 'CANCELLED') failures.push(report.error ?? `stopped by ${run.stoppedBy}`);
  report.error = report.error ?? (failures.length ? failures.join('; ') : null);
  return failures;
}

/**
 * Whether the error that stopped a run with no job means nothing was created and the run cannot go
 * on: anything before the create (the model catalog, dataset problems, credentials), or a create (or its upload)
 * refused with a 4xx error. A 409 attaches and a 429 is retried before it gets here; a create that
 * never answered, or answered with something unreadable, may have made a job: FAILED.
 */
function rejected(run: Run): boolean {
  const err = run.stopError;
  if (err instanceof DatasetError || run.phase === 'preflight' || run.phase === 'dataset') {
    return !(err instanceof TimeLimitError);
  }
  return (
    err instanceof GoogleApiError &&
    err.httpStatus >= 400 &&
    err.httpStatus < 500 &&
    err.httpStatus !== 408 &&
    err.httpStatus !== 429
  );
}

/** A job left running on purpose (wait: false, a timeout, an error while following it): the report and a notice say how to pick it up. */
function leftRunning(run: Run, why: string): void {
  const { report } = run;
  const resumeWith = report.job || report.tunedModel || '';
  if (!resumeWith) return;
  report.resumeWith = resumeWith;
  if (run.stopError !== null) report.error = `${report.error ?? why}; the tuning job is still running`;
  core.notice(`${why}. To pick it up later, run this action with:\n  resume: ${resumeWith}`);
}

/** After a stop signal: how long the final comment may take (on the clock's guard for real I/O). */
function grace(run: Run): Promise<void> {
  const limit = run.clock.timeout(COMMENT_GRACE_MS);
  return new Promise((resolve) => {
    if (limit.aborted) resolve();
    else limit.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** The JSON report file and the job summary (appended to the runner's file: core.summary caches the first path it sees). */
async function writeReportFiles(report: Report, path: string, env: NodeJS.ProcessEnv): Promise<void> {
  await writeJsonReport(path, scrubbed(report));
  core.info(`Report written to ${path}`);
  const summaryFile = env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) await appendFile(summaryFile, `${scrub(renderSummary(report))}\n`, 'utf8');
}

function scrubbed(report: Report): Report {
  return JSON.parse(scrub(JSON.stringify(report))) as Report;
}

function describe(err: unknown): string {
  return scrub(err instanceof Error ? err.message : String(err));
}
