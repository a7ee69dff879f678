import { progressOf } from './wait.js';
import { formatDuration } from '../util/format.js';
import { jobStateWords, type JobStatus } from '../domain.js';

/** One log line per poll: "[ 45%] step 9/20 · epoch 2 · loss 0.5123 · 12.0s". */
export function formatProgress(s: JobStatus, elapsedMs: number, queuedMs?: number): string {
  const p = progressOf(s);
  const parts: string[] = [];
  parts.push(p === null ? '[   ?]' : `[${String(Math.floor(p * 100)).padStart(3)}%]`);
  const phase = s.state === 'CREATING' ? jobStateWords(s.jobState) : null;
  parts.push(phase ? `${s.state} (${phase})` : s.state);
  if (queuedMs !== undefined && queuedMs > 0) parts.push(`waiting for ${formatDuration(queuedMs)}`);
  if (s.completedSteps !== null || s.totalSteps !== null) {
    parts.push(`step ${s.completedSteps ?? 0}/${s.totalSteps ?? '?'}`);
  }
  const last = s.snapshots.at(-1);
  if (last?.epoch !== null && last?.epoch !== undefined) parts.push(`epoch ${last.epoch}`);
  if (s.completedEpochs !== null && s.completedEpochs !== undefined) {
    const of = s.hyperparameters?.epochCount;
    parts.push(`${s.completedEpochs}${of ? `/${of}` : ''} epoch${!of && s.completedEpochs === 1 ? '' : 's'} done`);
  }
  if (last?.meanLoss !== null && last?.meanLoss !== undefined)
    parts.push(`loss ${Number(last.meanLoss.toPrecision(4))}`);
  parts.push(formatDuration(elapsedMs));
  return parts.join(' · ').replace(' · ', ' ');
}
