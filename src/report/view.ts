/**
 * What a reviewer reads first, derived once from the report and rendered the same way in the PR
 * comment and the job summary (INTERFACE "The PR comment" → "What a reviewer sees first"): the
 * verdict, consistent with the step's result (a step that fails never has a heading that reads as
 * success), and one line of key figures.
 */

import { formatLoss, formatPercent } from '../util/format.js';
import { costFigures } from './cost-line.js';
import type { Report } from './types.js';

export interface Verdict {
  emoji: string;
  /** `Gemini tuning: STATE`, and what that means when it alone would mislead (`— gate missed`). */
  title: string;
  /** The step fails with this report. */
  failed: boolean;
}

export function verdictOf(report: Report): Verdict {
  const state = `Gemini tuning: ${report.state}`;
  const budget = report.budgetStop ? `over the ${report.budgetStop} budget` : undefined;
  switch (report.state) {
    case 'REJECTED':
      return { emoji: '⛔', title: `${state} — ${budget ?? 'nothing was tuned'}`, failed: true };
    case 'FAILED':
      return { emoji: '❌', title: `${state} — the tuning job failed`, failed: true };
    case 'CANCELLED':
      return { emoji: '🚫', title: budget ? `${state} — ${budget}` : state, failed: true };
    case 'CREATING':
      return report.error
        ? { emoji: '⏱️', title: `${state} — not finished in time, the job is still running`, failed: true }
        : { emoji: '⏳', title: `${state} — still tuning`, failed: false };
    case 'ACTIVE': {
      const missed = report.gates.filter((g) => !g.passed).map((g) => g.name);
      if (missed.length > 0) {
        return {
          emoji: '❌',
          title: `${state} — ${missed.length === 1 ? 'gate' : 'gates'} missed: ${missed.join(', ')}`,
          failed: true,
        };
      }
      if (report.error) return { emoji: '❌', title: `${state} — the run failed`, failed: true };
      return { emoji: '✅', title: state, failed: false };
    }
  }
}

/** The key figures, one line: pass rate and interval, against the baseline, loss, training tokens. */
export function keyFigures(report: Report): string {
  const parts: string[] = [];
  const e = report.eval;
  if (e && e.passRate !== null) {
    const interval = e.passRateInterval
      ? ` (95% interval ${formatPercent(e.passRateInterval[0])}–${formatPercent(e.passRateInterval[1])})`
      : '';
    parts.push(`**Pass rate** ${formatPercent(e.passRate)}${interval}`);
  }
  const c = e?.comparison;
  if (e && c && c.baselinePassRate !== null && e.passRate !== null) {
    const points = Math.round((e.passRate - c.baselinePassRate) * 1000) / 10;
    const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
    const p = c.pValue < 0.001 ? 'p < 0.001' : `p = ${c.pValue.toFixed(3)}`;
    parts.push(
      `**vs baseline** ${sign}${Math.abs(points)} points, ${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}, ` +
        `${p} (${c.significant ? 'significant' : 'not significant'})`,
    );
  }
  if (report.finalLoss !== null) {
    const validation =
      report.validationLoss !== null && report.validationLoss !== undefined
        ? `, validation ${formatLoss(report.validationLoss)}`
        : '';
    parts.push(`**Loss** ${formatLoss(report.finalLoss)}${validation}`);
  }
  if (report.cost) {
    const { tokens, usd } = costFigures(report.cost);
    parts.push(`**Training tokens** ${tokens}${usd !== null ? ` (${usd})` : ''}`);
  }
  return parts.join(' · ');
}
