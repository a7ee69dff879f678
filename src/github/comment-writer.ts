/**
 * The sticky PR comment over one run: written when tuning starts, edited as it progresses and when
 * it ends, one write after another. Never fails the run: a 403 (fork, read-only token) is said once
 * and ends the attempts; other errors are warnings.
 */

import * as core from '@actions/core';
import type { Settings } from '../inputs/settings.js';
import { progressOf } from '../job/wait.js';
import { applyStatus } from '../report/apply-status.js';
import { renderComment } from '../report/comment.js';
import type { Report } from '../report/types.js';
import { scrub } from '../runner/secrets.js';
import type { PullRequestTarget } from './event.js';
import { commentMarker, defaultCommentKey } from './marker.js';
import { upsertStickyComment } from './sticky-comment.js';
import type { JobStatus } from '../domain.js';

/** Writes the sticky PR comment when there is a pull request; never fails the run. */
export class CommentWriter {
  url: string | null = null;
  private id: number | undefined;
  /** The token may not comment here (403, said once in a notice): do not try again this run. */
  private forbidden = false;
  private readonly marker: string;
  private readonly apiUrl: string | undefined;

  constructor(
    private readonly settings: Settings,
    env: NodeJS.ProcessEnv,
    private readonly pr: PullRequestTarget | null,
  ) {
    this.apiUrl = env['GITHUB_API_URL'] || undefined;
    this.marker = commentMarker(settings.commentKey ?? defaultCommentKey(env));
    if (settings.comment === 'auto' && !pr) core.info('Not a pull request: the report goes to the job summary only.');
  }

  /** Writes one after another (a cancellation may write while the "started" write is in flight). */
  private queue: Promise<void> = Promise.resolve();

  write(report: Report, phase: 'started' | 'final', progress?: string): Promise<void> {
    if (this.settings.comment === 'off' || !this.pr || !this.settings.githubToken) return Promise.resolve();
    const body = scrub(renderComment(report, { marker: this.marker, phase, progress: progress ?? null })); // as it is now
    this.queue = this.queue.then(() => this.send(body, phase));
    return this.queue;
  }

  private async send(body: string, phase: 'started' | 'final'): Promise<void> {
    if (!this.pr || this.forbidden) return;
    try {
      const result = await upsertStickyComment({
        token: this.settings.githubToken,
        ...(this.apiUrl ? { apiUrl: this.apiUrl } : {}),
        target: this.pr,
        marker: this.marker,
        body,
        ...(this.id !== undefined ? { commentId: this.id } : {}),
      });
      if (result) {
        this.id = result.id;
        this.url = result.url;
        if (phase === 'final') core.info(`PR comment ${result.created ? 'written' : 'updated'}: ${result.url}`);
      } else {
        this.forbidden = true;
      }
    } catch (err) {
      core.warning(`Could not write the PR comment: ${scrub(err instanceof Error ? err.message : String(err))}`);
    }
  }
}

/**
 * The PR comment follows a running job: edited when progress first reaches 25%, 50% and 75%
 * (three edits at most, however long the job and however often it is polled; edits notify nobody).
 */
export function progressComments(
  report: Report,
  write: (snapshot: Report, line: string) => Promise<void>,
): (s: JobStatus) => void {
  let reached = 0;
  return (s) => {
    const p = progressOf(s);
    if (p === null || s.state !== 'CREATING') return;
    const milestone = Math.floor(p * 4); // 1 = 25%, 2 = 50%, 3 = 75%
    if (milestone <= reached || milestone >= 4) return;
    reached = milestone;
    const snapshot = structuredClone(report);
    applyStatus(snapshot, s);
    const parts = [
      s.completedSteps !== null && s.totalSteps
        ? `step ${s.completedSteps} of ${s.totalSteps} (${Math.floor(p * 100)}%)`
        : `${Math.floor(p * 100)}%`,
    ];
    const epoch = s.snapshots.at(-1)?.epoch;
    if (epoch !== null && epoch !== undefined) parts.push(`epoch ${epoch}`);
    void write(snapshot, parts.join(' · '));
  };
}
