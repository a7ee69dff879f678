/**
 * What the step hands the runner: its outputs (for the workflow) and its saved state (for the post
 * step). The keys are the enums below, the one place they are spelled.
 */

import * as core from '@actions/core';
import type { RunState } from '../domain.js';

export enum Output {
  TunedModel = 'tuned-model',
  Endpoint = 'endpoint',
  State = 'state',
  Job = 'job',
  FinalLoss = 'final-loss',
  ValidationLoss = 'validation-loss',
  PassRate = 'pass-rate',
  PassRateLow = 'pass-rate-low',
  PassRateHigh = 'pass-rate-high',
  BaselinePassRate = 'baseline-pass-rate',
  Regressions = 'regressions',
  Checkpoint = 'checkpoint',
  TrainingTokens = 'training-tokens',
  CacheHit = 'cache-hit',
  ReportPath = 'report-path',
  CommentUrl = 'comment-url',
  Finished = 'finished',
  Pending = 'pending',
  Deleted = 'deleted',
  Kept = 'kept',
}

/** The outputs only the finish and cleanup modes set. */
type ModeCount = Output.Finished | Output.Pending | Output.Deleted | Output.Kept;

export enum State {
  Job = 'job',
  TunedModel = 'tuned-model',
  Settled = 'settled',
  ContentKey = 'content-key',
  RunLabel = 'run-label',
}

export interface Outputs {
  tunedModel: string | null;
  endpoint: string | null;
  state: RunState;
  job: string;
  finalLoss: number | null;
  validationLoss: number | null;
  passRate: number | null;
  /** The 95% interval of the pass rate. */
  passRateInterval: [number, number] | null;
  baselinePassRate: number | null;
  /** Cases passing on the baseline and failing on the tuned model; null without a baseline. */
  regressions: number | null;
  checkpoint: string | null;
  trainingTokens: number | null;
  cacheHit: boolean;
  /** Empty when the report could not be written. */
  reportPath: string;
  commentUrl: string | null;
}

export function setOutputs(o: Outputs): void {
  const text = (v: string | number | boolean | null): string => (v === null ? '' : String(v));
  const values: Record<Exclude<Output, ModeCount>, string> = {
    [Output.TunedModel]: text(o.tunedModel),
    [Output.Endpoint]: text(o.endpoint),
    [Output.State]: o.state,
    [Output.Job]: o.job,
    [Output.FinalLoss]: text(o.finalLoss),
    [Output.ValidationLoss]: text(o.validationLoss),
    [Output.PassRate]: text(o.passRate),
    [Output.PassRateLow]: text(o.passRateInterval?.[0] ?? null),
    [Output.PassRateHigh]: text(o.passRateInterval?.[1] ?? null),
    [Output.BaselinePassRate]: text(o.baselinePassRate),
    [Output.Regressions]: text(o.regressions),
    [Output.Checkpoint]: text(o.checkpoint),
    [Output.TrainingTokens]: text(o.trainingTokens),
    [Output.CacheHit]: text(o.cacheHit),
    [Output.ReportPath]: o.reportPath,
    [Output.CommentUrl]: text(o.commentUrl),
  };
  for (const [name, value] of Object.entries(values)) core.setOutput(name, value);
}

/** The counts of the finish mode (finished, pending) and the cleanup mode (deleted, kept). */
export function setCountOutputs(counts: Partial<Record<'finished' | 'pending' | 'deleted' | 'kept', number>>): void {
  const names = { finished: Output.Finished, pending: Output.Pending, deleted: Output.Deleted, kept: Output.Kept };
  for (const [key, value] of Object.entries(counts)) core.setOutput(names[key as keyof typeof names], String(value));
}

/**
 * What the post step needs to know about the job this run started, saved from the moment its
 * create is sent: then the job's name may not be known yet (Vertex AI), and the labels it was
 * created with find it.
 */
export interface SavedJob {
  /** '' while the create has not answered (Vertex AI). */
  job: string;
  tunedModel: string | null;
  /** true once the main step no longer needs the post step to clean up (ended, left running on purpose). */
  settled: boolean;
  /** While the create has not answered: the content key and run label it was sent with. */
  contentKey?: string | null;
  runLabel?: string | null;
}

export function saveJobState(saved: SavedJob): void {
  core.saveState(State.Job, saved.job);
  core.saveState(State.TunedModel, saved.tunedModel ?? '');
  core.saveState(State.Settled, String(saved.settled));
  core.saveState(State.ContentKey, saved.contentKey ?? '');
  core.saveState(State.RunLabel, saved.runLabel ?? '');
}

/**
 * The main step reached its own ending (an error or a timeout included, which leave a job running
 * on purpose): whatever was saved, the post step leaves it alone. Only this key is rewritten.
 */
export function settleJobState(): void {
  core.saveState(State.Settled, 'true');
}

/** This run has no job for the post step after all (it attached to another run's). */
export function clearJobState(): void {
  saveJobState({ job: '', tunedModel: null, settled: true });
}

export function readJobState(): SavedJob | null {
  const job = core.getState(State.Job);
  const contentKey = core.getState(State.ContentKey) || null;
  if (!job && !contentKey) return null;
  return {
    job,
    tunedModel: core.getState(State.TunedModel) || null,
    settled: core.getState(State.Settled) === 'true',
    contentKey,
    runLabel: core.getState(State.RunLabel) || null,
  };
}
