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
  /** The pull request's head commit and its repository, when the run is on one. */
  head?: { sha: string; repo: string } | null;
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
    sourceUrl: sourceUrl(run.env, run.head ?? null),
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

/**
 * Where the files of this run are on GitHub (`…/blob/<sha>`): the pull request's head commit, else
 * the commit the run is on; dataset problems link to their lines there.
 */
function sourceUrl(env: NodeJS.ProcessEnv, head: { sha: string; repo: string } | null): string | null {
  const server = env['GITHUB_SERVER_URL'];
  const repo = head?.repo ?? env['GITHUB_REPOSITORY'];
  const sha = head?.sha ?? env['GITHUB_SHA'];
  if (!server || !repo || !sha || !/^[0-9a-f]{7,64}$/i.test(sha) || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return null;
  return `${server}/${repo}/blob/${sha}`;
}
