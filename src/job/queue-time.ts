/**
 * How long a job waited for quota or capacity (Vertex AI's `tuningJobState`), from the statuses
 * polled: the report's timings keep the time queued apart from the time tuning, and the log says
 * how long the wait has lasted.
 */

import type { JobStatus } from '../domain.js';

const WAITING = new Set(['TUNING_JOB_STATE_WAITING_FOR_QUOTA', 'TUNING_JOB_STATE_WAITING_FOR_CAPACITY']);

export function isWaiting(s: JobStatus): boolean {
  return s.state === 'CREATING' && WAITING.has(s.jobState ?? '');
}

export class QueueTime {
  private queued = 0;
  private since: number | null = null;

  /** Notes a status seen at `now` (ms). */
  observe(s: JobStatus, now: number): void {
    const waiting = isWaiting(s);
    if (waiting && this.since === null) this.since = now;
    else if (!waiting && this.since !== null) {
      this.queued += now - this.since;
      this.since = null;
    }
  }

  /** When the current wait began (ms), or null when the job is not waiting. */
  get waitingSince(): number | null {
    return this.since;
  }

  /** The time queued so far (ms), a wait still going on included. */
  total(now: number): number {
    return this.queued + (this.since === null ? 0 : now - this.since);
  }
}
