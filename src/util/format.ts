/** The one way numbers, rates and durations are written, in the log, the comment and the summary. */

/** A loss value with about 4 significant digits (`0.1235`, `12.35`, `1235`). */
export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e6) return String(Number(value.toPrecision(4)));
  return value.toExponential(3).replace(/\.?0+e/, 'e');
}

/** A plain number for a table (learning rates keep their precision, integers stay integers). */
/** A whole count with thousands separators: 17,500,000. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** A 0..1 rate as a percentage: `83.3%`, `100%`; with `digits`, always that many decimals (`50.0%`). */
export function formatPercent(rate: number | null | undefined, digits?: number): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const pct = rate * 100;
  if (digits !== undefined) return `${pct.toFixed(digits)}%`;
  const text = Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
  return `${text}%`;
}

/** Milliseconds as `3.2s` (under 10 s), `45s`, `12m 05s`, `1h 02m 03s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}
