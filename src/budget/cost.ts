/**
 * The `cost` block of the report and the budget checks (INTERFACE "Budget", v2.1 decision 12):
 * training tokens = dataset tokens × epochs (1 while the service chooses the epochs: "at least");
 * the cost = training tokens × `token-price` per million, rounded to cents; over `max-training-tokens`
 * or `max-cost`, a reason to stop.
 */

import type { Settings } from '../inputs/settings.js';
import type { CostReport } from '../report/types.js';
import { formatCount } from '../util/format.js';

export function costOf(o: {
  datasetTokens: number;
  epochs: number | null;
  basis: CostReport['basis'];
  billableTokens: number | null;
  tokenPrice: number | null;
  sample?: CostReport['sample'];
}): CostReport {
  const trainingTokens = Math.ceil(o.datasetTokens * (o.epochs ?? 1));
  return {
    datasetTokens: Math.ceil(o.datasetTokens),
    epochs: o.epochs,
    trainingTokens,
    basis: o.basis,
    billableTokens: o.billableTokens,
    tokenPrice: o.tokenPrice,
    estimatedUsd: o.tokenPrice === null ? null : Math.round((trainingTokens / 1e6) * o.tokenPrice * 100) / 100,
    ...(o.sample ? { sample: o.sample } : {}),
  };
}

/** Why the cost is over the budget (naming the figures and how to change them), or null. */
/** A budget gone past: which one, and the sentence that says by how much and what to do. */
export interface Overrun {
  budget: 'training-token' | 'cost';
  message: string;
}

export function overBudget(
  cost: CostReport,
  settings: Pick<Settings, 'maxTrainingTokens' | 'maxCost'>,
): Overrun | null {
  const atLeast = cost.epochs === null ? 'at least ' : '';
  const what = cost.basis === 'service' ? 'the service counts ' : `the estimate is ${atLeast}`;
  const epochs =
    cost.epochs === null
      ? '1 epoch assumed: the service chooses the epochs'
      : `${cost.epochs} epoch${cost.epochs === 1 ? '' : 's'}`;
  if (settings.maxTrainingTokens !== null && cost.trainingTokens > settings.maxTrainingTokens) {
    return {
      budget: 'training-token',
      message:
        `over the training-token budget: ${what}${formatCount(cost.trainingTokens)} training tokens ` +
        `(${formatCount(cost.datasetTokens)} dataset tokens × ${epochs}), max-training-tokens is ${formatCount(settings.maxTrainingTokens)}; ` +
        'raise max-training-tokens, lower epoch-count, or train on fewer examples',
    };
  }
  if (settings.maxCost !== null && cost.estimatedUsd !== null && cost.estimatedUsd > settings.maxCost) {
    return {
      budget: 'cost',
      message:
        `over the cost budget: ${what}$${cost.estimatedUsd.toFixed(2)} (${formatCount(cost.trainingTokens)} training tokens at ` +
        `$${cost.tokenPrice} per million, ${epochs}), max-cost is $${settings.maxCost.toFixed(2)}; ` +
        'raise max-cost, lower epoch-count, or train on fewer examples',
    };
  }
  return null;
}
