import { describe, expect, it } from 'vitest';
import { downsample, lossChart, lossStats, valuesAt } from '../../../src/report/loss-chart.js';
import { formatDuration, formatLoss, formatPercent } from '../../../src/util/format.js';
import { codeBlocks } from './markdown.js';

const series = (n: number, loss: (i: number) => number | null = (i) => 3 / (i + 1) + 0.01 * Math.abs(Math.sin(i))) =>
  Array.from({ length: n }, (_, i) => ({ step: (i + 1) * 10, epoch: null, meanLoss: loss(i) }));

describe('downsample', () => {
  it('returns short series unchanged', () => {
    const s = series(50);
    expect(downsample(s)).toEqual(s);
  });

  it('keeps at most max points, including first, minimum and last', () => {
    for (const n of [101, 150, 1000, 12_345]) {
      for (const minAt of [0, 1, 37, Math.floor(n / 2), n - 2, n - 1]) {
        const s = series(n, (i) => (i === minAt ? 0.001 : 1 + (i % 7)));
        const d = downsample(s, 100);
        expect(d.length).toBeLessThanOrEqual(100);
        expect(d.length).toBeGreaterThanOrEqual(95);
        expect(d[0]).toBe(s[0]);
        expect(d[d.length - 1]).toBe(s[n - 1]);
        expect(d).toContain(s[minAt]);
        const steps = d.map((p) => p.step);
        expect(steps).toEqual([...steps].sort((a, b) => a - b));
        expect(new Set(steps).size).toBe(steps.length);
      }
    }
  });

  it('copes with tiny budgets and null losses', () => {
    const s = series(10, (i) => (i === 4 ? 0.5 : i % 2 ? null : 2));
    expect(downsample(s, 1)).toEqual([s[9]]);
    expect(downsample(s, 2)).toEqual([s[4], s[9]]);
    expect(downsample(s, 3)).toEqual([s[0], s[4], s[9]]);
    expect(downsample(s, 5)).toHaveLength(5);
  });
});

describe('lossChart', () => {
  it('is null without loss values', () => {
    expect(lossChart([])).toBeNull();
    expect(lossChart([{ step: 1, epoch: 1, meanLoss: null }])).toBeNull();
  });

  it('emits an xychart-beta line chart on a numeric step axis, at most 100 evenly spaced points, in a set colour', () => {
    const chart = lossChart(series(1000)) as string;
    const [block, ...rest] = codeBlocks(`${chart}\n`);
    expect(rest).toHaveLength(0);
    expect(block?.lang).toBe('mermaid');
    const lines = (block?.text ?? '').split('\n').map((l) => l.trim());
    // The colour through the theme variables GitHub's Mermaid honours.
    expect(JSON.parse(/^%%\{init: (.*)\}%%$/.exec(lines[0]!)![1]!)).toEqual({
      themeVariables: { xyChart: { plotColorPalette: '#1f6feb' } },
    });
    expect(lines[1]).toBe('xychart-beta');
    expect(lines).toContain('x-axis "Step" 10 --> 10000');
    const line = lines.find((l) => l.startsWith('line ['));
    expect(lines.some((l) => /^y-axis "Mean loss" [\d.]+ --> [\d.]+$/.test(l))).toBe(true);
    const ys = JSON.parse(line?.replace(/^line /, '') ?? '') as number[];
    expect(ys.length).toBe(100);
    for (const y of ys) expect(String(y)).not.toContain('e');
  });

  it('irregular steps are drawn where they belong: the values are resampled at evenly spaced steps', () => {
    const irregular = [
      { step: 0, epoch: null, meanLoss: 4 },
      { step: 10, epoch: null, meanLoss: 2 },
      { step: 100, epoch: null, meanLoss: 1 },
    ];
    const chart = lossChart(irregular)!;
    expect(chart).toContain('x-axis "Step" 0 --> 100');
    const ys = JSON.parse(/line (\[.*\])/.exec(chart)![1]!) as number[];
    expect(ys).toHaveLength(3); // three distinct steps: 0, 50, 100
    expect(ys).toEqual([4, 1.556, 1]); // at step 50: 2 + (1 − 2) × 40 / 90
  });

  it('handles a flat series and tiny losses without exponent notation', () => {
    const chart = lossChart(series(5, () => 1e-8)) as string;
    expect(chart).toContain('xychart-beta');
    expect(chart).not.toMatch(/\de[-+]/);
  });

  it('reports final and minimum loss', () => {
    expect(lossStats(series(5, (i) => [3, 1, 2, 0.5, 0.7][i] ?? null))).toEqual({ final: 0.7, min: 0.5, minStep: 40 });
  });
});

describe('formatting', () => {
  it('formats loss with about 4 significant digits', () => {
    expect(formatLoss(0.123456)).toBe('0.1235');
    expect(formatLoss(12.3456)).toBe('12.35');
    expect(formatLoss(2)).toBe('2');
    expect(formatLoss(null)).toBe('—');
  });
  it('formats rates as percentages and durations', () => {
    expect(formatPercent(5 / 6)).toBe('83.3%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatDuration(739_200)).toBe('12m 19s');
    expect(formatDuration(3_723_000)).toBe('1h 02m 03s');
  });
});

describe('the validation line', () => {
  it('is interpolated at the training steps, held flat before the first and after the last point', () => {
    const v = [
      { step: 10, meanLoss: 2 },
      { step: 20, meanLoss: 1 },
    ];
    expect(valuesAt([0, 10, 15, 20, 30], v)).toEqual([2, 2, 1.5, 1, 1]);
    expect(valuesAt([1, 2], [])).toBeNull();
    expect(valuesAt([1], [{ step: 5, meanLoss: null }])).toBeNull();
  });

  it('makes a second line, on one y-axis that holds both', () => {
    const train = [1, 2, 3, 4].map((step) => ({ step, epoch: 1, meanLoss: 1 / step }));
    const chart = lossChart(train, [
      { step: 2, meanLoss: 3 },
      { step: 4, meanLoss: 2 },
    ])!;
    const lines = chart.split('\n').filter((l) => l.startsWith('    line ['));
    expect(lines).toEqual(['    line [1, 0.5, 0.3333, 0.25]', '    line [3, 3, 2.5, 2]']);
    expect(chart).toContain('y-axis "Mean loss" 0.1125 --> 3.138'); // both lines inside, 5% margin
    expect(chart).toContain('title "Loss: training (blue), validation (orange)"');
    expect(chart).toContain('"plotColorPalette":"#1f6feb, #e8590c"');
    expect(lossChart(train)).toContain('title "Training loss"');
  });
});
