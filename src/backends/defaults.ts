/**
 * Each backend's default base model, apart from the backends themselves so that a run stopped at
 * its datasets can name it in the report without loading a backend's client.
 */

import type { BackendName } from '../domain.js';
import { VERTEX_DEFAULT_MODEL } from './model-catalog.js';

/**
 * Vertex AI: the catalog's default (./model-catalog.ts). Gemini API: the last model it offered for
 * tuning (retired in May 2025; the service's own record decides at the pre-flight check).
 */
export const DEFAULT_BASE_MODEL: Record<BackendName, string> = {
  'gemini-api': 'models/gemini-1.5-flash-001-tuning',
  'vertex-ai': VERTEX_DEFAULT_MODEL,
};

/** The model that grades `judge` cases when `judge-model` is empty (v2.1 decision 16). */
export const DEFAULT_JUDGE_MODEL: Record<BackendName, string> = {
  'gemini-api': 'models/gemini-3.5-flash',
  'vertex-ai': 'gemini-3.5-flash',
};
