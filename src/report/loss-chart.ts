/** The loss curve as a Mermaid `xychart-beta` block (GitHub's Mermaid lags upstream's `xychart`). */

import type { Report } from './types.js';

export const MAX_CHART_POINTS = 100;

function isLoss(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/**
 * At most `max` points, evenly spread over the series, always keeping the first point, the
 * point with the minimum loss and the last point. Order is preserved.
 */
export function downsample<T extends { step: number; meanLoss: number | null }>(
  points: T[],
  max = MAX_CHART_POINTS,
): T[] {
  const n = points.length;
  const limit = Math.max(1, Math.floor(max));
  if (n <= limit) return points.slice();

  let minIndex = -1;
  for (let i = 0; i < n; i++) {
    const loss = points[i]?.meanLoss ?? null;
    const best = minIndex >= 0 ? (points[minIndex]?.meanLoss ?? null) : null;
    if (isLoss(loss) && (best === null || loss < best)) minIndex = i;
  }

  const required = [...new Set([0, minIndex, n - 1].filter((i) => i >= 0))];
  if (limit <= required.length) {
    // Degenerate budgets: the most informative points first (last, minimum, first).
    const order = [n - 1, minIndex, 0].filter((i) => i >= 0);
    const keep = [...new Set(order)].slice(0, limit).sort((a, b) => a - b);
    return keep.map((i) => points[i] as T);
  }

  const chosen = new Set<number>(required);
  const slots = limit - required.length; // evenly spaced interior points
  for (let k = 1; k <= slots; k++) {
    const i = Math.round((k * (n - 1)) / (slots + 1));
    if (i > 0 && i < n - 1) chosen.add(i);
  }
  // Rounding may collide with the required points; fill any gap with the widest holes' middles.
  while (chosen.size < limit) {
    const sorted = [...chosen].sort((a, b) => a - b);
    let gapStart = 0;
    let gap = 0;
    for (let j = 1; j < sorted.length; j++) {
      const d = (sorted[j] ?? 0) - (sorted[j - 1] ?? 0);
      if (d > gap) {
        gap = d;
        gapStart = sorted[j - 1] ?? 0;
      }
    }
    if (gap < 2) break;
    chosen.add(gapStart + Math.floor(gap / 2));
  }
  return [...chosen].sort((a, b) => a - b).map((i) => points[i] as T);
}

/** ~4 significant digits without exponent notation (Mermaid's number syntax has none). */
function chartNumber(value: number): string {
  const rounded = Number(value.toPrecision(4));
  const text = String(rounded);
  return text.includes('e') ? rounded.toFixed(12).replace(/\.?0+$/, '') : text;
}

/**
 * A series' value at each of `steps`: linear between the two points around a step, the nearest
 * point's value before the first one and after the last one.
 */
export function valuesAt(
  steps: readonly number[],
  series: readonly { step: number; meanLoss: number | null }[],
): number[] | null {
  const points = series
    .filter((v): v is { step: number; meanLoss: number } => isLoss(v.meanLoss) && Number.isFinite(v.step))
    .slice()
    .sort((a, b) => a.step - b.step);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  let j = 0;
  return steps.map((step) => {
    if (step <= first.step) return first.meanLoss;
    if (step >= last.step) return last.meanLoss;
    while (j < points.length && points[j]!.step < step) j++;
    const b = points[j]!;
    if (b.step === step) return b.meanLoss;
    const a = points[j - 1]!;
    return a.meanLoss + ((b.meanLoss - a.meanLoss) * (step - a.step)) / (b.step - a.step);
  });
}

/**
 * The line colours, set through Mermaid's theme variables (`xyChart.plotColorPalette`), which
 * GitHub's renderer honours: a blue and an orange that both stand out on GitHub's light (#ffffff)
 * and dark (#0d1117) backgrounds. Mermaid's own palette starts with a pale lavender.
 */
export const LINE_COLORS = { training: '#1f6feb', validation: '#e8590c' } as const;

/**
 * A fenced ```mermaid block with an `xychart-beta` line chart of mean loss by step, with a second
 * line for the validation loss when there is one, or null when the service reported no loss
 * values. The x-axis is numeric (first to last step) and xychart spreads a line's values evenly
 * over it, so both series are resampled at evenly spaced steps (at most {@link MAX_CHART_POINTS}):
 * irregular or sparse steps are drawn where they belong.
 */
export function lossChart(
  snapshots: Report['snapshots'],
  validation: NonNullable<Report['validationSnapshots']> = [],
): string | null {
  const withLoss = snapshots
    .filter((s): s is typeof s & { meanLoss: number } => isLoss(s.meanLoss) && Number.isFinite(s.step))
    .slice()
    .sort((a, b) => a.step - b.step);
  const first = withLoss[0];
  const last = withLoss.at(-1);
  if (!first || !last) return null;
  const distinct = new Set(withLoss.map((p) => p.step)).size;
  const n = Math.max(2, Math.min(MAX_CHART_POINTS, distinct));
  const span = last.step - first.step;
  const steps = Array.from({ length: n }, (_v, i) => (span === 0 ? first.step : first.step + (span * i) / (n - 1)));
  const losses = (valuesAt(steps, withLoss) ?? []).map((v) => Number(chartNumber(v)));
  const validationLine = valuesAt(steps, validation)?.map((v) => Number(chartNumber(v)));
  const all = validationLine ? [...losses, ...validationLine] : losses;
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  } else {
    const pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  if (lo < 0 && Math.min(...all) >= 0) lo = 0;
  const xMax = span === 0 ? first.step + 1 : last.step;
  const palette = validationLine ? `${LINE_COLORS.training}, ${LINE_COLORS.validation}` : LINE_COLORS.training;
  const init = { themeVariables: { xyChart: { plotColorPalette: palette } } };
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    validationLine ? '    title "Loss: training (blue), validation (orange)"' : '    title "Training loss"',
    `    x-axis "Step" ${chartNumber(first.step)} --> ${chartNumber(xMax)}`,
    `    y-axis "Mean loss" ${chartNumber(lo)} --> ${chartNumber(hi)}`,
    `    line [${losses.map(chartNumber).join(', ')}]`,
    ...(validationLine ? [`    line [${validationLine.map(chartNumber).join(', ')}]`] : []),
    '```',
  ].join('\n');
}

/** Final (last snapshot) and minimum loss with its step, from the snapshots that report one. */
export function lossStats(snapshots: Report['snapshots']): { final: number; min: number; minStep: number } | null {
  let final: { step: number; loss: number } | null = null;
  let min: { step: number; loss: number } | null = null;
  for (const s of snapshots) {
    if (!isLoss(s.meanLoss)) continue;
    if (final === null || s.step >= final.step) final = { step: s.step, loss: s.meanLoss };
    if (min === null || s.meanLoss < min.loss) min = { step: s.step, loss: s.meanLoss };
  }
  if (final === null || min === null) return null;
  return { final: final.loss, min: min.loss, minStep: min.step };
}
