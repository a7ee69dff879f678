/**
 * What the step hands the runner: its outputs (for the workflow) and its saved state (for the post
 * step). The keys are the enums below, the one place they are spelled.
 */

import * as core from '@actions/core';
import type { TuningState } from '../domain.js';

export enum Output {
  TunedModel = 'tuned-model',
  Endpoint = 'endpoint',
  State = 'state',
  Job = 'job',
  FinalLoss = 'final-loss',
  PassRate = 'pass-rate',
  CacheHit = 'cache-hit',
  ReportPath = 'report-path',
  CommentUrl = 'comment-url',
}

export enum State {
  Job = 'job',
  TunedModel = 'tuned-model',
  Settled = 'settled',
}

export interface Outputs {
  tunedModel: string | null;
  endpoint: string | null;
  state: TuningState;
  job: string;
  finalLoss: number | null;
  passRate: number | null;
  cacheHit: boolean;
  /** Empty when the report could not be written. */
  reportPath: string;
  commentUrl: string | null;
}

export function setOutputs(o: Outputs): void {
  const text = (v: string | number | boolean | null): string => (v === null ? '' : String(v));
  const values: Record<Output, string> = {
    [Output.TunedModel]: text(o.tunedModel),
    [Output.Endpoint]: text(o.endpoint),
    [Output.State]: o.state,
    [Output.Job]: o.job,
    [Output.FinalLoss]: text(o.finalLoss),
    [Output.PassRate]: text(o.passRate),
    [Output.CacheHit]: text(o.cacheHit),
    [Output.ReportPath]: o.reportPath,
    [Output.CommentUrl]: text(o.commentUrl),
  };
  for (const [name, value] of Object.entries(values)) core.setOutput(name, value);
}

/** What the post step needs to know about the job this run started. */
export interface SavedJob {
  job: string;
  tunedModel: string | null;
  /** true once the main step no longer needs the post step to clean up (ended, left running on purpose). */
  settled: boolean;
}

export function saveJobState(saved: SavedJob): void {
  core.saveState(State.Job, saved.job);
  core.saveState(State.TunedModel, saved.tunedModel ?? '');
  core.saveState(State.Settled, String(saved.settled));
}

export function readJobState(): SavedJob | null {
  const job = core.getState(State.Job);
  if (!job) return null;
  return {
    job,
    tunedModel: core.getState(State.TunedModel) || null,
    settled: core.getState(State.Settled) === 'true',
  };
}
