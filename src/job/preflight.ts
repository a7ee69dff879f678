/**
 * The checks made before any remote call, on what the catalog knows (./../backends/model-catalog.ts):
 * on Vertex AI, a base model that is retired or closed to tuning, or a location where it is not
 * tuned, stops the run (REJECTED) with a message naming the date and successor, or the regions.
 * A model the catalog does not know goes to the service as given, with a notice; one whose tuning
 * closes soon is a warning.
 */

import * as core from '@actions/core';
import { checkBaseModel } from '../backends/model-catalog.js';
import type { Settings } from '../inputs/settings.js';

export class PreflightError extends Error {
  override readonly name = 'PreflightError';
}

export function checkCatalog(
  settings: Pick<Settings, 'backend' | 'location' | 'resume'>,
  baseModel: string,
  today: number,
): void {
  if (settings.backend !== 'vertex-ai' || settings.resume) return;
  if (/^projects\/[^/]+\/locations\/[^/]+\/models\//.test(baseModel)) {
    core.notice(`base-model ${baseModel} is a tuned model (continuous tuning): the model catalog check is skipped.`);
    return;
  }
  const verdict = checkBaseModel(baseModel, settings.location, today);
  if (verdict.kind === 'error') throw new PreflightError(verdict.message);
  if (verdict.kind === 'warning') core.warning(verdict.message);
  if (verdict.kind === 'unknown') core.notice(verdict.message);
}
