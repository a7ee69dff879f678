/**
 * `mode: promote`: the release label moved onto a tuned model (INTERFACE "Modes"): the mark
 * `gemini_tune_release=<label>` taken off this repository's other models that carried it and put
 * on this one, and on Vertex AI the version alias `<label>` when the Model has several versions.
 */

import type { ModelLifecycle } from '../backends/backend.js';
import { addMark, removeMarks } from './edit-marks.js';
import { RELEASE_MARK } from './marks.js';

export interface Promotion {
  label: string;
  /** The models that carried the label before. */
  previous: string[];
  /** Whether the version alias was set too (Vertex AI, a Model with several versions). */
  alias: boolean;
}

export async function promoteModel(
  lifecycle: ModelLifecycle,
  model: string,
  label: string,
  repository: string,
): Promise<Promotion> {
  const previous = (await lifecycle.findMarked(repository, RELEASE_MARK, label)).filter((m) => m !== model);
  for (const other of previous) await removeMarks(lifecycle, other, [RELEASE_MARK]);
  await addMark(lifecycle, model, RELEASE_MARK, label);
  const alias = lifecycle.aliasRelease ? await lifecycle.aliasRelease(model, label) : false;
  return { label, previous, alias };
}
