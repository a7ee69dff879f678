/** The training tokens and their cost, one line for the comment and the summary (INTERFACE "Budget"). */

import { formatCount } from '../util/format.js';
import type { Report } from './types.js';

export function costLine(report: Report): string {
  const c = report.cost;
  if (!c) return '';
  const atLeast = c.epochs === null ? 'at least ' : '';
  const epochs =
    c.epochs === null
      ? '1 epoch assumed: the service chooses the epochs, set epoch-count to know'
      : `${c.epochs} epoch${c.epochs === 1 ? '' : 's'}`;
  const basis =
    c.basis === 'service'
      ? `the service's count: ${formatCount(c.datasetTokens)} billable tokens × ${epochs}`
      : `estimated: ${formatCount(c.datasetTokens)} dataset tokens × ${epochs}`;
  const money =
    c.estimatedUsd !== null && c.tokenPrice !== null
      ? ` · **${atLeast}$${c.estimatedUsd.toFixed(2)}** at $${c.tokenPrice} per million tokens`
      : '';
  return `**Training tokens:** **${atLeast}${formatCount(c.trainingTokens)}** (${basis})${money}`;
}
