/**
 * One run, phase by phase: datasets → backend → create (or reuse, or resume) → wait → eval →
 * report → outputs. The step fails (by throwing) only after the report, summary and comment
 * are written.
 */

import * as core from '@actions/core';
import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TuningBackend } from '../backends/backend.js';
import { createBackend } from '../backends/create-backend.js';
import { GEMINI_DEFAULT_BASE_MODEL } from '../backends/gemini-api.js';
import { DatasetError, loadDatasets, type Datasets } from '../dataset/load-datasets.js';
import { defaultDisplayName } from '../inputs/display-name.js';
import { contentKey, tunedModelIdFor } from '../dataset/content-key.js';
import { examplesInMemory } from '../dataset/example-set.js';
import { runEval } from '../eval/run-eval.js';
import type { EvalSummary } from '../eval/types.js';
import { evaluateGates } from '../eval/gates.js';
import { pullRequestFromEvent } from '../github/event.js';
import { CommentWriter, progressComments } from '../github/comment-writer.js';
import type { Settings } from '../inputs/settings.js';
import { saveJobState, setOutputs } from '../runner/outputs.js';
import { CANCELLED_NOTE, watchForCancellation } from '../job/cancel.js';
import { formatProgress } from '../job/progress.js';
import { applyStatus } from '../report/apply-status.js';
import { writeJsonReport } from '../report/json-report.js';
import { renderSummary } from '../report/summary.js';
import type { Report } from '../report/types.js';
import { acquireJob, type Acquired } from '../job/acquire.js';
import { ModelCache } from '../job/model-cache.js';
import { waitForJob } from '../job/wait.js';
import { scrub } from '../runner/secrets.js';
import { formatDuration } from '../util/time.js';
import type { JobStatus } from '../domain.js';

export const GENERATION_CONFIG = { temperature: 0 } as const;

export async function runPipeline(settings: Settings, env: NodeJS.ProcessEnv): Promise<void> {
  const startedAt = new Date();
  const deadline = startedAt.getTime() + settings.timeoutMinutes * 60_000;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round((Date.now() - t) / 10) / 100;
    }
  };

  // Datasets: every problem annotated; any error stops the run before a remote call (to Google:
  // the report, the job summary and the PR comment still say why, so that an earlier run's comment
  // does not go on showing its results for this commit).
  const data = await timed('dataset', () => loadDatasets(settings)).catch(async (err: unknown) => {
    if (err instanceof DatasetError) await reportDatasetFailure(settings, env, err, startedAt, timings);
    throw err;
  });

  const backend = await createBackend(settings);
  const pr = pullRequestFromEvent(env);
  const baseModel = settings.baseModel ?? backend.defaultBaseModel;
  const displayName = settings.displayName ?? defaultDisplayName(settings.backend, env, pr?.number ?? null);
  const key = data.training
    ? contentKey({
        backend: settings.backend,
        baseModel,
        hyperparameters: settings.hyperparameters,
        // digested while loading (the same as hashing the records again)
        examples: data.digests ? { digest: data.digests.training } : data.training.records,
        validationExamples: data.digests ? { digest: data.digests.validation } : (data.validation?.records ?? []),
      })
    : null;
  if (key) core.info(`Content key: ${key}`);

  const report: Report = {
    ...newReport(settings, env, { baseModel, displayName, startedAt, timings }),
    contentKey: key,
    dataset: data.training
      ? {
          path: settings.trainingData ?? data.training.path,
          examples: data.training.examples?.count ?? data.training.records.length,
          warnings: data.warnings,
          validationPath: data.validation ? settings.validationData : null,
          validationExamples: data.validation
            ? (data.validation.examples?.count ?? data.validation.records.length)
            : null,
          evalPath: data.eval ? settings.evalData : null,
          evalCases: data.eval?.records.length ?? null,
          stats: data.stats,
          findings: data.findings,
        }
      : null,
  };
  const reportPath = reportPathFor(settings, env);
  const comments = new CommentWriter(settings, env, pr);

  // Create, reuse or resume.
  const modelCache = settings.cache && key && !settings.resume ? new ModelCache({ backend: backend.name, env }) : null;
  const acquired: Acquired = await timed('create', () =>
    acquireJob(
      backend,
      settings,
      {
        baseModel,
        displayName,
        contentKey: key,
        tunedModelId: key ? tunedModelIdFor(settings.cache ? key : saltedKey(key, env)) : null,
        examples: data.training?.examples ?? examplesInMemory([]),
        validationExamples: data.validation?.examples ?? examplesInMemory([]),
      },
      modelCache,
    ),
  ).catch(async (err: unknown) => {
    // A comment left by an earlier run must not go on showing its results as this run's.
    const error = scrub(err instanceof Error ? err.message : String(err));
    await reportFailure(
      { ...report, state: 'FAILED', error, finishedAt: new Date().toISOString() },
      reportPath,
      env,
      comments,
    );
    throw err;
  });
  let status = acquired.status;
  applyStatus(report, status);
  report.cacheHit = acquired.cacheHit;
  if (acquired.startedByUs) saveJobState({ job: status.job, tunedModel: status.tunedModel, settled: false });
  const onCancelled = (): Promise<void> =>
    comments.write(
      { ...report, state: 'CANCELLED', error: CANCELLED_NOTE, resumeWith: null, finishedAt: new Date().toISOString() },
      'final',
    );
  const abort =
    acquired.startedByUs && settings.cancelOnAbort ? watchForCancellation(backend, () => status, onCancelled) : null;

  let timedOut = false;
  try {
    if (status.state === 'CREATING') {
      await comments.write(report, 'started');
      if (!settings.wait) {
        core.info(`wait: false: leaving ${status.job || status.tunedModel} to train.`);
      } else {
        const onProgress = progressComments(report, (snapshot, line) => comments.write(snapshot, 'started', line));
        const result = await timed('tuning', () =>
          waitWithProgress(backend, status, deadline, abort?.signal, onProgress),
        );
        status = result.status;
        timedOut = result.timedOut;
        applyStatus(report, status);
      }
    }
    // After SIGINT/SIGTERM the handler cancels the job and ends the process. Until it has cancelled
    // it, nothing here may mark the job settled: if the cancel fails, the post step must still try.
    if (abort?.signal.aborted && !abort.cancelled()) await new Promise<never>(() => undefined);
    if (abort?.cancelled()) {
      status = { ...status, state: 'CANCELLED', error: CANCELLED_NOTE };
      applyStatus(report, status);
    }
    if (status.state === 'CREATING') {
      const resumeWith = status.job || status.tunedModel || '';
      report.resumeWith = resumeWith;
      const why = timedOut ? `timed out after ${settings.timeoutMinutes} minutes` : 'not waited for (wait: false)';
      report.error = timedOut ? `tuning ${why}; the job is still running` : null;
      core.notice(`Tuning ${why}. To pick it up later, run this action with:\n  resume: ${resumeWith}`);
    }
  } finally {
    abort?.dispose();
  }
  if (acquired.startedByUs) saveJobState({ job: status.job, tunedModel: status.tunedModel, settled: true });

  // Eval, on a usable model only.
  if (status.state === 'ACTIVE' && data.eval && data.eval.records.length > 0) {
    const model = status.endpoint ?? status.tunedModel;
    if (model) {
      report.eval = await timed('eval', () => evaluate(backend, settings, data, model, baseModel));
    }
  }

  report.gates = evaluateGates(settings, report);
  const failures = failureReasons(report, timedOut);
  report.error = report.error ?? (failures.length ? failures.join('; ') : null);
  report.finishedAt = new Date().toISOString();

  // Report: JSON file, job summary, PR comment. Then outputs, then the verdict.
  await timed('report', () => writeReport(report, reportPath, env, comments));
  // The Actions cache entry for the next run with the same content key (never fails the run).
  if (modelCache && key && status.state === 'ACTIVE') await modelCache.save(key, status, scrubbed(report), baseModel);

  setOutputs({
    tunedModel: status.tunedModel,
    endpoint: status.endpoint,
    state: status.state,
    job: status.job,
    finalLoss: report.finalLoss,
    passRate: report.eval?.passRate ?? null,
    cacheHit: report.cacheHit,
    reportPath,
    commentUrl: comments.url,
  });
  logConclusion(report);
  if (failures.length) throw new Error(failures.join('; '));
}

function reportPathFor(settings: Settings, env: NodeJS.ProcessEnv): string {
  return settings.reportPath ?? join(env['RUNNER_TEMP'] || tmpdir(), `gemini-tune-report-${Date.now()}.json`);
}

/** The JSON report file, the job summary and the final PR comment. */
async function writeReport(
  report: Report,
  reportPath: string,
  env: NodeJS.ProcessEnv,
  comments: CommentWriter,
): Promise<void> {
  await writeJsonReport(reportPath, scrubbed(report));
  core.info(`Report written to ${reportPath}`);
  // Appended to the file the runner names (core.summary caches the first path it sees).
  const summaryFile = env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) await appendFile(summaryFile, `${scrub(renderSummary(report))}\n`, 'utf8');
  await comments.write(report, 'final');
}

/** A report with nothing known yet beyond the settings (state CREATING). */
function newReport(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  run: { baseModel: string; displayName: string; startedAt: Date; timings: Record<string, number> },
): Report {
  return {
    schemaVersion: 1,
    backend: settings.backend,
    baseModel: run.baseModel,
    displayName: run.displayName,
    tunedModel: null,
    endpoint: null,
    state: 'CREATING',
    job: '',
    cacheHit: false,
    contentKey: null,
    hyperparameters: settings.hyperparameters,
    tuningDataStats: null,
    problems: null,
    dataset: null,
    snapshots: [],
    finalLoss: null,
    eval: null,
    gates: [],
    timings: run.timings,
    error: null,
    resumeWith: null,
    runUrl: runUrl(env),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.startedAt.toISOString(),
  };
}

/**
 * A run that stops before it has a job (the datasets had errors, or the create failed): its FAILED
 * report written like any other (JSON file, job summary, PR comment) and the outputs set, before
 * the caller rethrows the error. Never throws: a report that cannot be written is a warning, so
 * that the step fails with the error that stopped it.
 */
async function reportFailure(
  report: Report,
  reportPath: string,
  env: NodeJS.ProcessEnv,
  comments: CommentWriter,
): Promise<void> {
  let written = true;
  try {
    await writeReport(report, reportPath, env, comments);
  } catch (e) {
    written = false;
    core.warning(`Could not write the report: ${scrub(e instanceof Error ? e.message : String(e))}`);
  }
  setOutputs({
    tunedModel: null,
    endpoint: null,
    state: 'FAILED',
    job: '',
    finalLoss: null,
    passRate: null,
    cacheHit: false,
    reportPath: written ? reportPath : '',
    commentUrl: comments.url,
  });
}

/** The datasets had errors: the problems, errors first, in a FAILED report. Nothing is sent to Google. */
async function reportDatasetFailure(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  err: DatasetError,
  startedAt: Date,
  timings: Record<string, number>,
): Promise<void> {
  const pr = pullRequestFromEvent(env);
  const errorsFirst = [
    ...err.problems.filter((p) => p.severity === 'error'),
    ...err.problems.filter((p) => p.severity !== 'error'),
  ];
  const run = {
    // The backend's default without creating the backend.
    baseModel: settings.baseModel ?? (await defaultBaseModel(settings.backend)),
    displayName: settings.displayName ?? defaultDisplayName(settings.backend, env, pr?.number ?? null),
    startedAt,
    timings,
  };
  const report: Report = {
    ...newReport(settings, env, run),
    state: 'FAILED',
    error: scrub(err.message),
    problems: errorsFirst.map((p) => ({
      severity: p.severity,
      file: p.file,
      line: p.line ?? null,
      column: p.column ?? null,
      message: p.message,
    })),
    finishedAt: new Date().toISOString(),
  };
  await reportFailure(report, reportPathFor(settings, env), env, new CommentWriter(settings, env, pr));
}

/** The backend's default base model, without creating the backend (Vertex AI's module loads lazily). */
async function defaultBaseModel(backend: Settings['backend']): Promise<string> {
  if (backend === 'vertex-ai') return (await import('../backends/vertex-ai.js')).VERTEX_DEFAULT_BASE_MODEL;
  return GEMINI_DEFAULT_BASE_MODEL;
}

function failureReasons(report: Report, timedOut: boolean): string[] {
  const reasons: string[] = [];
  if (report.state === 'FAILED') reasons.push(`tuning FAILED: ${report.error ?? 'the service gave no reason'}`);
  if (report.state === 'CANCELLED') reasons.push(report.error ?? 'tuning was CANCELLED');
  if (timedOut) reasons.push(`tuning did not finish in time; resume with: ${report.resumeWith ?? ''}`);
  for (const gate of report.gates) {
    if (!gate.passed) {
      reasons.push(
        `gate ${gate.name} missed: ${gate.value === null ? 'no value' : formatGateValue(gate.name, gate.value)} vs threshold ${formatGateValue(gate.name, gate.threshold)}`,
      );
    }
  }
  return reasons;
}

function formatGateValue(name: string, v: number): string {
  return name === 'min-pass-rate' ? `${(v * 100).toFixed(1)}%` : String(Number(v.toPrecision(4)));
}

async function waitWithProgress(
  backend: TuningBackend,
  initial: JobStatus,
  deadline: number,
  signal: AbortSignal | undefined,
  onProgress?: (s: JobStatus) => void,
): Promise<{ status: JobStatus; timedOut: boolean }> {
  const name = initial.job || initial.tunedModel || '';
  const started = Date.now();
  return core.group(`Tuning ${name}`, async () => {
    core.info(formatProgress(initial, 0));
    const result = await waitForJob({
      initial,
      poll: (signal) => backend.status(name, signal),
      deadline,
      ...(signal ? { signal } : {}),
      onStatus: (s) => {
        core.info(formatProgress(s, Date.now() - started));
        onProgress?.(s);
      },
      onTransientError: (err, ms) =>
        core.info(`Polling hiccup (${scrub(err.message)}); trying again in ${formatDuration(ms)}`),
    });
    core.info(`Polled ${result.polls} times over ${formatDuration(Date.now() - started)}.`);
    return result;
  });
}

async function evaluate(
  backend: TuningBackend,
  settings: Settings,
  data: Datasets,
  model: string,
  baseModel: string,
): Promise<EvalSummary> {
  const cases = data.eval?.records ?? [];
  const baselineModel = settings.evalBaseline === 'base' ? baseModel : settings.evalBaseline;
  return core.group(`Eval: ${cases.length} cases on ${model}${baselineModel ? ` and ${baselineModel}` : ''}`, () =>
    runEval({
      cases,
      model,
      baselineModel,
      generate: (m, prompt, signal) => backend.generate(m, prompt, GENERATION_CONFIG, signal),
      concurrency: settings.evalConcurrency,
      generationConfig: { ...GENERATION_CONFIG },
      log: { info: core.info, debug: core.debug, warning: (m: string) => core.warning(m) },
    }),
  );
}

function scrubbed(report: Report): Report {
  return JSON.parse(scrub(JSON.stringify(report))) as Report;
}

/** cache: false still needs a fixed id per run, so that a retried create cannot make two models. */
function saltedKey(key: string, env: NodeJS.ProcessEnv): string {
  const salt = `${env['GITHUB_RUN_ID'] ?? ''}:${env['GITHUB_RUN_ATTEMPT'] ?? ''}:${env['GITHUB_JOB'] ?? ''}:${env['GITHUB_RUN_ID'] ? '' : Date.now()}`;
  return createHash('sha256').update(`${key}:${salt}`).digest('hex');
}

function runUrl(env: NodeJS.ProcessEnv): string | null {
  const server = env['GITHUB_SERVER_URL'];
  const repo = env['GITHUB_REPOSITORY'];
  const id = env['GITHUB_RUN_ID'];
  if (!server || !repo || !id) return null;
  const attempt = env['GITHUB_RUN_ATTEMPT'];
  return `${server}/${repo}/actions/runs/${id}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

function logConclusion(report: Report): void {
  const parts = [`state ${report.state}`];
  if (report.tunedModel) parts.push(`tuned model ${report.tunedModel}`);
  if (report.finalLoss !== null) parts.push(`final loss ${Number(report.finalLoss.toPrecision(4))}`);
  if (report.eval?.passRate !== null && report.eval?.passRate !== undefined) {
    parts.push(`eval pass rate ${(report.eval.passRate * 100).toFixed(1)}%`);
  }
  if (report.cacheHit) parts.push('cache hit');
  core.info(`gemini-tune: ${parts.join(', ')}`);
}
