/**
 * The budget phase (INTERFACE "Budget", v2.1 decision 12): the estimate before create, which stops
 * a run over the budget (REJECTED, nothing created), and the check of the service's own count
 * while the job runs (Vertex AI), which cancels a job this run started that is over it.
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import { isTunedModel, VERTEX_DEFAULT_MODEL } from '../backends/model-catalog.js';
import type { ExampleSet, JobStatus } from '../domain.js';
import type { Settings } from '../inputs/settings.js';
import type { CostReport } from '../report/types.js';
import { formatCount } from '../util/format.js';
import { costOf, overBudget, type Overrun } from './cost.js';

export { overBudget, type Overrun } from './cost.js';
import { estimateDatasetTokens } from './estimate.js';

/** The run went over its budget before anything was created. */
export class BudgetError extends Error {
  override readonly name = 'BudgetError';
}

type BudgetSettings = Pick<Settings, 'hyperparameters' | 'tokenPrice' | 'maxTrainingTokens' | 'maxCost'>;

/** Before create: the estimate, in the log (overBudget then says whether it is over the budget). */
export async function estimateCost(o: {
  backend: TuningBackend;
  settings: BudgetSettings;
  baseModel: string;
  examples: ExampleSet;
  signal?: AbortSignal;
}): Promise<CostReport> {
  const { settings } = o;
  // A tuned model (continuous tuning) counts like the base models of its family.
  const model = o.backend.name === 'vertex-ai' && isTunedModel(o.baseModel) ? VERTEX_DEFAULT_MODEL : o.baseModel;
  const estimate = await estimateDatasetTokens(o.backend, model, o.examples, o.signal);
  if (estimate.fallback !== null) {
    core.warning(
      `countTokens did not answer (${estimate.fallback}); the token estimate counts a quarter of the characters instead`,
    );
  }
  const epochs = settings.hyperparameters.epochCount;
  const cost = costOf({
    datasetTokens: estimate.datasetTokens,
    epochs,
    basis: 'estimate',
    billableTokens: null,
    tokenPrice: settings.tokenPrice,
    sample: { examples: estimate.examples, requests: estimate.requests },
  });
  const priced = cost.estimatedUsd !== null ? `, about $${cost.estimatedUsd.toFixed(2)}` : '';
  core.info(
    `Training tokens: ${epochs === null ? 'at least ' : ''}${formatCount(cost.trainingTokens)} ` +
      `(${formatCount(cost.datasetTokens)} dataset tokens, estimated with countTokens on ${estimate.examples} examples, ` +
      `× ${epochs ?? 1} epoch${(epochs ?? 1) === 1 ? '' : 's'})${priced}`,
  );
  return cost;
}

/** Said when this run created a job without `epoch-count`: the service chooses, and it can choose many. */
export function warnEpochsUnknown(cost: CostReport | null | undefined): void {
  const figures = cost
    ? ` The figures assume 1 epoch: at least ${formatCount(cost.trainingTokens)} training tokens.`
    : '';
  core.warning(
    'epoch-count is empty: the service chooses the number of epochs, and it can choose many (one 2026 run of 166 ' +
      `examples got 40).${figures} Set the epoch-count input to know the cost before tuning.`,
  );
}

/**
 * While the job runs: once Vertex AI reports the dataset's billable tokens, the cost on the
 * service's count (`basis: service`), and a reason to stop when that is over the budget.
 */
export function serviceCost(
  status: JobStatus,
  settings: BudgetSettings,
): { cost: CostReport; over: Overrun | null } | null {
  const billable = status.tuningDataStats?.totalBillableTokenCount ?? null;
  if (billable === null) return null;
  const epochs = status.hyperparameters?.epochCount ?? settings.hyperparameters.epochCount ?? null;
  const cost = costOf({
    datasetTokens: billable,
    epochs,
    basis: 'service',
    billableTokens: billable,
    tokenPrice: settings.tokenPrice,
  });
  return { cost, over: overBudget(cost, settings) };
}
