/**
 * The sticky PR comment over one run: written when tuning starts, edited as it progresses and when
 * it ends, one write after another. Never fails the run: a 403 (fork, read-only token) is said once
 * and ends the attempts; other errors, a GitHub call that did not answer in time included (each is
 * given up after 30 s on the run's clock), are warnings. A write waiting for its turn is replaced by
 * a newer one (the newest state of the run is the one worth sending), so a slow GitHub delays the
 * final write by at most the write in flight. The final write is sent a second time when the first
 * was not answered in time, unless an earlier write was not answered either.
 */

import * as core from '@actions/core';
import type { Settings } from '../inputs/settings.js';
import { progressOf } from '../job/wait.js';
import { applyStatus } from '../report/apply-status.js';
import { renderComment } from '../report/comment.js';
import type { Report } from '../report/types.js';
import { scrub } from '../runner/secrets.js';
import type { PullRequestTarget } from './event.js';
import { GitHubTimeoutError } from './call-limit.js';
import { commentMarker, defaultCommentKey } from './marker.js';
import { upsertStickyComment } from './sticky-comment.js';
import { systemClock, type Clock } from '../util/clock.js';
import { formatDuration } from '../util/format.js';
import { isWaiting } from '../job/queue-time.js';
import { jobStateWords, type JobStatus } from '../domain.js';

/** Writes the sticky PR comment when there is a pull request; never fails the run. */
export class CommentWriter {
  url: string | null = null;
  private id: number | undefined;
  /** The token may not comment here (403, said once in a notice): do not try again this run. */
  private forbidden = false;
  private readonly marker: string;
  private readonly apiUrl: string | undefined;
  /**
   * The run record (`mode: finish` reads it), written into every comment while the job trains:
   * set by a `wait: false` run on a pull request, and by a finish run for a job still training.
   */
  record: string | null = null;

  /** `found`: the comment to edit, found by a finish run (its marker is the tune run's, not this run's). */
  constructor(
    private readonly settings: Settings,
    env: NodeJS.ProcessEnv,
    private readonly pr: PullRequestTarget | null,
    private readonly clock: Clock = systemClock,
    found?: { marker: string; id: number },
  ) {
    this.apiUrl = env['GITHUB_API_URL'] || undefined;
    this.marker = found?.marker ?? commentMarker(settings.commentKey ?? defaultCommentKey(env));
    this.id = found?.id;
    if (settings.comment === 'auto' && !pr) core.info('Not a pull request: the report goes to the job summary only.');
  }

  /** Writes one after another (a cancellation may write while the "started" write is in flight). */
  private queue: Promise<void> = Promise.resolve();
  /** The write waiting for its turn, if any: a newer write replaces it. */
  private next: { body: string; phase: 'started' | 'final' } | null = null;
  /** A write of this run was not answered in time. */
  private unanswered = false;

  /** Resolves once this write (or the newer one that replaced it) is done; never rejects. */
  write(report: Report, phase: 'started' | 'final', progress?: string): Promise<void> {
    if (this.settings.comment === 'off' || !this.pr || !this.settings.githubToken) return Promise.resolve();
    const record = report.state === 'CREATING' ? this.record : null;
    const body = scrub(renderComment(report, { marker: this.marker, phase, progress: progress ?? null, record })); // as it is now
    const waiting = this.next !== null;
    this.next = { body, phase };
    if (waiting) return this.queue; // the queued turn sends this one instead
    this.queue = this.queue.then(() => {
      const turn = this.next;
      this.next = null;
      return turn ? this.send(turn.body, turn.phase) : undefined;
    });
    return this.queue;
  }

  private async send(body: string, phase: 'started' | 'final'): Promise<void> {
    // The final write is the one a reviewer reads: when GitHub did not answer it in time, it is
    // sent once more rather than leaving the comment saying "in progress" about a run that ended.
    // Not when an earlier write of this run was not answered either: GitHub is not answering, and
    // the run has waited long enough for it.
    const attempts = phase === 'final' && !this.unanswered ? 2 : 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await this.sendOnce(body, phase);
      if (outcome !== 'timed-out') return;
      this.unanswered = true;
      if (attempt < attempts)
        core.info('GitHub did not answer the final PR comment write in time; sending it once more.');
    }
  }

  private async sendOnce(body: string, phase: 'started' | 'final'): Promise<'done' | 'timed-out'> {
    if (!this.pr || this.forbidden) return 'done';
    try {
      const result = await upsertStickyComment({
        token: this.settings.githubToken,
        ...(this.apiUrl ? { apiUrl: this.apiUrl } : {}),
        target: this.pr,
        marker: this.marker,
        body,
        ...(this.id !== undefined ? { commentId: this.id } : {}),
        clock: this.clock,
      });
      if (result) {
        this.id = result.id;
        this.url = result.url;
        if (phase === 'final') core.info(`PR comment ${result.created ? 'written' : 'updated'}: ${result.url}`);
      } else {
        this.forbidden = true;
      }
      return 'done';
    } catch (err) {
      core.warning(`Could not write the PR comment: ${scrub(err instanceof Error ? err.message : String(err))}`);
      return err instanceof GitHubTimeoutError ? 'timed-out' : 'done';
    }
  }
}

/** How long a wait for quota lasts before the comment says so again (after the first time). */
const WAIT_MARKS_MS = [5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/**
 * The PR comment follows a running job: edited when progress first reaches 25%, 50% and 75%
 * (three edits at most, however long the job and however often it is polled; edits notify nobody),
 * and when Vertex AI says the job waits for quota or capacity (that wait can be the longest part):
 * once as it begins, then after 5 minutes, 30 minutes, 2 hours and 6 hours of it, with how long and
 * since when. Returns whether the status was written.
 */
export function progressComments(
  report: Report,
  write: (snapshot: Report, line: string) => Promise<void>,
  clock: Clock = systemClock,
): (s: JobStatus) => boolean {
  let reached = 0;
  let waitStart: number | null = null;
  let waitMark = -1;
  return (s) => {
    if (isWaiting(s)) {
      const now = clock.now();
      waitStart ??= now;
      const mark = WAIT_MARKS_MS.filter((ms) => now - waitStart! >= ms).length;
      if (mark <= waitMark) return false;
      waitMark = mark;
      const snapshot = structuredClone(report);
      applyStatus(snapshot, s);
      const since = new Date(waitStart).toISOString().slice(11, 16);
      const lasted = now > waitStart ? ` for ${formatDuration(now - waitStart)},` : '';
      void write(snapshot, `${jobStateWords(s.jobState) ?? 'waiting'}${lasted} since ${since} UTC`);
      return true;
    }
    waitStart = null;
    const p = progressOf(s);
    if (p === null || s.state !== 'CREATING') return false;
    const milestone = Math.floor(p * 4); // 1 = 25%, 2 = 50%, 3 = 75%
    if (milestone <= reached || milestone >= 4) return false;
    reached = milestone;
    const snapshot = structuredClone(report);
    applyStatus(snapshot, s);
    void write(snapshot, progressLine(s));
    return true;
  };
}

/** How far a running job is, numbers only: `step 9 of 20 (45%) · epoch 2 · 1 epoch done · tuning`. */
export function progressLine(s: JobStatus): string {
  const p = progressOf(s);
  const parts: string[] = [];
  if (p !== null) {
    parts.push(
      s.completedSteps !== null && s.totalSteps
        ? `step ${s.completedSteps} of ${s.totalSteps} (${Math.floor(p * 100)}%)`
        : `${Math.floor(p * 100)}%`,
    );
  }
  const epoch = s.snapshots.at(-1)?.epoch;
  if (epoch !== null && epoch !== undefined) parts.push(`epoch ${epoch}`);
  if (s.completedEpochs !== null && s.completedEpochs !== undefined)
    parts.push(`${s.completedEpochs} epoch${s.completedEpochs === 1 ? '' : 's'} done`);
  const phase = jobStateWords(s.jobState);
  if (phase) parts.push(phase);
  return parts.length > 0 ? parts.join(' · ') : 'waiting to start';
}
