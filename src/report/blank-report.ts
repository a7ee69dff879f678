/** The report a run starts from: what the settings and the runner say, before any phase has run. */

import type { BackendName, Hyperparameters } from '../domain.js';
import type { Report } from './types.js';

export interface RunFacts {
  backend: BackendName;
  baseModel: string;
  displayName: string;
  hyperparameters: Hyperparameters;
  startedAt: number;
  env: NodeJS.ProcessEnv;
}

/** State CREATING, nothing known yet; every key present. */
export function blankReport(run: RunFacts): Report {
  const startedAt = new Date(run.startedAt).toISOString();
  return {
    schemaVersion: 1,
    backend: run.backend,
    baseModel: run.baseModel,
    displayName: run.displayName,
    tunedModel: null,
    endpoint: null,
    state: 'CREATING',
    job: '',
    cacheHit: false,
    contentKey: null,
    hyperparameters: run.hyperparameters,
    tuningDataStats: null,
    jobState: null,
    problems: null,
    problemCounts: null,
    dataset: null,
    snapshots: [],
    finalLoss: null,
    checkpoints: [],
    selectedCheckpoint: null,
    validationSnapshots: [],
    validationLoss: null,
    eval: null,
    gates: [],
    cost: null,
    timings: {},
    error: null,
    resumeWith: null,
    runLabel: null,
    runUrl: runUrl(run.env),
    startedAt,
    finishedAt: startedAt,
  };
}

/** The workflow run's page (with its attempt), when running on Actions. */
function runUrl(env: NodeJS.ProcessEnv): string | null {
  const server = env['GITHUB_SERVER_URL'];
  const repo = env['GITHUB_REPOSITORY'];
  const id = env['GITHUB_RUN_ID'];
  if (!server || !repo || !id) return null;
  const attempt = env['GITHUB_RUN_ATTEMPT'];
  return `${server}/${repo}/actions/runs/${id}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}
