/**
 * Each backend's default base model, apart from the backends themselves so that a run stopped at
 * its datasets can name it in the report without loading a backend's client.
 */

import type { BackendName } from '../domain.js';

export const DEFAULT_BASE_MODEL: Record<BackendName, string> = {
  'gemini-api': 'models/gemini-1.5-flash-001-tuning',
  'vertex-ai': 'gemini-2.5-flash',
};
