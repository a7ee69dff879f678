/**
 * One run's state, as the phases find things out: the report (the one record of what happened,
 * which publish() turns into the JSON file, the job summary, the PR comment and the outputs), the
 * job's latest status, and how the run ended.
 */

import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEFAULT_BASE_MODEL } from '../backends/defaults.js';
import type { JobStatus } from '../domain.js';
import { CommentWriter } from '../github/comment-writer.js';
import { pullRequestFromEvent } from '../github/event.js';
import { defaultDisplayName } from '../inputs/display-name.js';
import type { Settings } from '../inputs/settings.js';
import type { StopWatch } from '../job/cancel.js';
import type { ModelCache } from '../job/model-cache.js';
import { applyStatus } from '../report/apply-status.js';
import { blankReport } from '../report/blank-report.js';
import type { Report } from '../report/types.js';
import type { Clock } from '../util/clock.js';
import { timeLimitSignal } from '../util/time-limit.js';

/** What `timeout-minutes` keeps back for publishing (report, summary, final comment): a tenth, at most 60 s. */
export function publishReserveMs(timeoutMs: number): number {
  return Math.min(60_000, timeoutMs / 10);
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

  constructor(
    readonly settings: Settings,
    readonly env: NodeJS.ProcessEnv,
    readonly clock: Clock,
  ) {
    const startedAt = clock.now();
    const pr = pullRequestFromEvent(env);
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
    const timeoutMs = settings.timeoutMinutes * 60_000;
    this.deadline = startedAt + timeoutMs - publishReserveMs(timeoutMs);
    this.timeLimit = timeLimitSignal(clock, this.deadline - startedAt, `timeout-minutes: ${settings.timeoutMinutes}`);
    this.reportPath =
      settings.reportPath ?? join(env['RUNNER_TEMP'] || tmpdir(), `gemini-tune-report-${startedAt}.json`);
    this.comments = new CommentWriter(settings, env, pr, clock);
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
