import * as core from '@actions/core';
import type { JobStatus } from '../domain.js';

export interface Outputs {
  tunedModel: string | null;
  endpoint: string | null;
  state: JobStatus['state'];
  job: string;
  finalLoss: number | null;
  passRate: number | null;
  cacheHit: boolean;
  reportPath: string;
  commentUrl: string | null;
}

export function setOutputs(o: Outputs): void {
  core.setOutput('tuned-model', o.tunedModel ?? '');
  core.setOutput('endpoint', o.endpoint ?? '');
  core.setOutput('state', o.state);
  core.setOutput('job', o.job);
  core.setOutput('final-loss', o.finalLoss === null ? '' : String(o.finalLoss));
  core.setOutput('pass-rate', o.passRate === null ? '' : String(o.passRate));
  core.setOutput('cache-hit', String(o.cacheHit));
  core.setOutput('report-path', o.reportPath);
  core.setOutput('comment-url', o.commentUrl ?? '');
}

/** What the post step needs to know about the job this run started. */
export interface SavedJob {
  job: string;
  tunedModel: string | null;
  /** true once the main step no longer needs the post step to clean up (ended, left running on purpose). */
  settled: boolean;
}

export function saveJobState(saved: SavedJob): void {
  core.saveState('job', saved.job);
  core.saveState('tuned-model', saved.tunedModel ?? '');
  core.saveState('settled', String(saved.settled));
}

export function readJobState(): SavedJob | null {
  const job = core.getState('job');
  if (!job) return null;
  return { job, tunedModel: core.getState('tuned-model') || null, settled: core.getState('settled') === 'true' };
}
