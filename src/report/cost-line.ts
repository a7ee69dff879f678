/** The training tokens and their cost, one line for the comment and the summary (INTERFACE "Budget"). */

import { formatCount } from '../util/format.js';
import type { CostReport, Report } from './types.js';

/**
 * The figures both lines show, worded once: the training tokens and the dollars, each with "at
 * least " while the service chooses the epochs (the figures then assume one).
 */
export function costFigures(c: CostReport): { tokens: string; usd: string | null } {
  const atLeast = c.epochs === null ? 'at least ' : '';
  return {
    tokens: `${atLeast}${formatCount(c.trainingTokens)}`,
    usd: c.estimatedUsd !== null ? `${atLeast}$${c.estimatedUsd.toFixed(2)}` : null,
  };
}

export function costLine(report: Report): string {
  const c = report.cost;
  if (!c) return '';
  const figures = costFigures(c);
  const epochs =
    c.epochs === null
      ? '1 epoch assumed: the service chooses the epochs, set epoch-count to know'
      : `${c.epochs} epoch${c.epochs === 1 ? '' : 's'}`;
  const basis =
    c.basis === 'service'
      ? `the service's count: ${formatCount(c.datasetTokens)} billable tokens × ${epochs}`
      : `estimated: ${formatCount(c.datasetTokens)} dataset tokens × ${epochs}`;
  const money =
    figures.usd !== null && c.tokenPrice !== null ? ` · **${figures.usd}** at $${c.tokenPrice} per million tokens` : '';
  return `**Training tokens:** **${figures.tokens}** (${basis})${money}`;
}
