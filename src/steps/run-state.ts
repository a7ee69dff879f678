/**
 * One run's state, as the phases find things out: the report (the one record of what happened,
 * which publish() turns into the JSON file, the job summary, the PR comment and the outputs), the
 * job's latest status, and how the run ended.
 */

import { DEFAULT_BASE_MODEL } from '../backends/defaults.js';
import type { JobStatus } from '../domain.js';
import { CommentWriter } from '../github/comment-writer.js';
import { statusContext, type CommitStatus } from '../github/commit-status.js';
import { pullRequestFromEvent, type PullRequestTarget } from '../github/event.js';
import { defaultDisplayName } from '../inputs/display-name.js';
import type { Settings } from '../inputs/settings.js';
import type { StopWatch } from '../job/cancel.js';
import type { ModelCache } from '../job/model-cache.js';
import { applyStatus } from '../report/apply-status.js';
import { blankReport } from '../report/blank-report.js';
import { defaultReportPath } from '../report/json-report.js';
import type { Report } from '../report/types.js';
import type { Clock } from '../util/clock.js';
import { timeLimitSignal } from '../util/time-limit.js';

/** What `timeout-minutes` keeps back for publishing (report, summary, final comment): a tenth, at most 60 s. */
export function publishReserveMs(timeoutMs: number): number {
  return Math.min(60_000, timeoutMs / 10);
}

/** Where a run's commit status goes (all of a CommitStatus but its state and words). */
export type StatusTarget = Omit<CommitStatus, 'state' | 'description'>;

export interface RunOptions {
  /** The pull request (default: the one of the event). */
  pr?: PullRequestTarget | null;
  /** The sticky comment to edit, found by a finish run. */
  comment?: { marker: string; id: number };
  /** The commit status to settle (default: a `wait: false` run's own, with commit-status: auto). */
  statusTarget?: StatusTarget | null;
}

export class Run {
  readonly report: Report;
  readonly comments: CommentWriter;
  readonly reportPath: string;
  /**
   * When the phases must end (timeout-minutes, less the time kept back to publish), in ms on
   * `clock`; `timeLimit` fires then, and every remote call of the run is abandoned.
   */
  readonly deadline: number;
  readonly timeLimit: AbortSignal;
  /** The phase running (or the last one that ran): dataset, create, tuning, eval. */
  phase: string | null = null;
  /** The base model, or for continuous tuning the tuned model version it resolved to. */
  baseModel: string;
  status: JobStatus | null = null;
  /** Only a job this run created may be cancelled by this run. */
  startedByUs = false;
  timedOut = false;
  /** The runner's stop signals, watched for the whole run whatever cancel-on-abort says. */
  stop: StopWatch | null = null;
  /** The error that stopped the phases early, if any. */
  stopError: unknown = null;
  /** The Actions cache entry to save for the next run with the same content key. */
  modelCache: ModelCache | null = null;
  /** The commit status this run sets (pending while its job trains, then success or failure); null: none. */
  readonly statusTarget: StatusTarget | null;
  readonly pr: PullRequestTarget | null;

  constructor(
    readonly settings: Settings,
    readonly env: NodeJS.ProcessEnv,
    readonly clock: Clock,
    options: RunOptions = {},
  ) {
    const startedAt = clock.now();
    const pr = options.pr === undefined ? pullRequestFromEvent(env) : options.pr;
    this.pr = pr;
    this.baseModel = settings.baseModel ?? DEFAULT_BASE_MODEL[settings.backend];
    this.report = blankReport({
      backend: settings.backend,
      baseModel: this.baseModel,
      displayName: settings.displayName ?? defaultDisplayName(settings.backend, env, pr?.number ?? null),
      hyperparameters: settings.hyperparameters,
      startedAt,
      env,
      head: pr?.headSha && pr.headRepo ? { sha: pr.headSha, repo: pr.headRepo } : null,
    });
    this.report.mode = settings.mode;
    const timeoutMs = settings.timeoutMinutes * 60_000;
    this.deadline = startedAt + timeoutMs - publishReserveMs(timeoutMs);
    this.timeLimit = timeLimitSignal(clock, this.deadline - startedAt, `timeout-minutes: ${settings.timeoutMinutes}`);
    this.reportPath = settings.reportPath ?? defaultReportPath(env, 'report', startedAt);
    this.comments = new CommentWriter(settings, env, pr, clock, options.comment);
    this.statusTarget =
      options.statusTarget !== undefined ? options.statusTarget : ownStatusTarget(settings, pr, this.report.runUrl);
  }

  /** Whether a stop signal cancels (or deletes) the job: only one this run started, with cancel-on-abort. */
  get cancelsOnStop(): boolean {
    return this.startedByUs && this.settings.cancelOnAbort;
  }

  /** The stop signal that ended the run early, if any. */
  get stoppedBy(): NodeJS.Signals | null {
    return this.stop?.received() ?? null;
  }

  /** Runs one phase, recording how long it took (seconds, in `timings`). */
  async timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const t = this.clock.now();
    this.phase = phase;
    try {
      return await fn();
    } finally {
      this.report.timings[phase] = Math.round((this.clock.now() - t) / 10) / 100;
    }
  }

  /** The job's latest status, into the report. */
  settle(status: JobStatus): void {
    this.status = status;
    applyStatus(this.report, status);
  }
}

/** A `wait: false` run on a pull request with commit-status: auto (and a comment to find it by) has a status. */
function ownStatusTarget(settings: Settings, pr: PullRequestTarget | null, runUrl: string | null): StatusTarget | null {
  // mode: finish settles the status, and it is Vertex AI only.
  const wanted =
    settings.mode === 'tune' && settings.backend === 'vertex-ai' && !settings.wait && settings.commitStatus === 'auto';
  if (!wanted || settings.comment === 'off' || !pr?.headSha || pr.isFork) return null;
  return {
    owner: pr.owner,
    repo: pr.repo,
    sha: pr.headSha,
    context: statusContext(settings.commentKey),
    targetUrl: runUrl,
  };
}
