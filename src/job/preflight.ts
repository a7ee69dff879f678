/**
 * The checks made before any remote call, on what the catalog knows (./../backends/model-catalog.ts):
 * on Vertex AI, a base model that is retired or closed to tuning, or a location where it is not
 * tuned, stops the run (REJECTED) with a message naming the date and successor, or the regions.
 * A model the catalog does not know goes to the service as given, with a notice; one whose tuning
 * closes soon is a warning.
 */

import * as core from '@actions/core';
import { catalogId, checkBaseModel, isTunedModel } from '../backends/model-catalog.js';
import type { Settings } from '../inputs/settings.js';

export class PreflightError extends Error {
  override readonly name = 'PreflightError';
}

export function checkCatalog(
  settings: Pick<Settings, 'backend' | 'location' | 'resume' | 'evalGeneration'>,
  baseModel: string,
  today: number,
): void {
  if (settings.backend !== 'vertex-ai' || settings.resume) return;
  // Gemini 3 models (and models tuned from them) take a temperature in (0, 2] only (INTERFACE v2.1, 16).
  if (settings.evalGeneration.temperature === 0 && /^gemini-3/.test(catalogId(baseModel))) {
    throw new PreflightError(
      `eval-temperature 0 is not accepted by ${catalogId(baseModel)}: Gemini 3 models take a temperature above 0 and at most 2; leave eval-temperature empty to use the model's default`,
    );
  }
  if (isTunedModel(baseModel)) {
    core.notice(`base-model ${baseModel} is a tuned model (continuous tuning): the model catalog check is skipped.`);
    return;
  }
  const verdict = checkBaseModel(baseModel, settings.location, today);
  if (verdict.kind === 'error') throw new PreflightError(verdict.message);
  if (verdict.kind === 'warning') core.warning(verdict.message);
  if (verdict.kind === 'unknown') core.notice(verdict.message);
}
