import type { TuningState } from '../domain.js';
/** Number, duration and state formatting shared by the comment and the job summary. */

/** A loss value with about 4 significant digits (`0.1235`, `12.35`, `1235`). */
export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e6) return String(Number(value.toPrecision(4)));
  return value.toExponential(3).replace(/\.?0+e/, 'e');
}

/** A plain number for a table (learning rates keep their precision, integers stay integers). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** A 0..1 rate as a percentage: `83.3%`, `100%`. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const pct = rate * 100;
  const text = Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
  return `${text}%`;
}

/** Seconds as `45s`, `12m 05s`, `1h 02m 03s`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

/** Total of all timed phases, in seconds. */
export function totalSeconds(timings: Record<string, number>): number | null {
  const values = Object.values(timings).filter((v) => Number.isFinite(v));
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

export const STATE_EMOJI: Record<TuningState, string> = {
  ACTIVE: '✅',
  FAILED: '❌',
  CANCELLED: '🚫',
  CREATING: '⏳',
};

export function passMark(pass: boolean | null | undefined, error?: string | null): string {
  if (error) return '⚠️ error';
  if (pass === true) return '✅ pass';
  if (pass === false) return '❌ fail';
  return '➖';
}
