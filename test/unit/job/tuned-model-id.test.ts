/** The Gemini API tuned model id (issue 13): from the content key and the repository, stable per repository. */

import { describe, expect, it } from 'vitest';
import type { Datasets } from '../../../src/dataset/load-datasets.js';
import { parseSettings, INPUT_NAMES, type RawInputs } from '../../../src/inputs/settings.js';
import { planJob } from '../../../src/job/plan.js';

const D = 'a'.repeat(64);
const data = {
  training: null,
  validation: null,
  eval: null,
  warnings: [],
  findings: [],
  stats: { training: null, validation: null },
  digests: { training: D, validation: D },
} as unknown as Datasets;

function idFor(env: NodeJS.ProcessEnv, cache = 'true'): string | null {
  const raw = Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as RawInputs;
  const settings = parseSettings({ ...raw, 'training-data': 't.jsonl', 'api-key': 'k', cache });
  return planJob(settings, data, { baseModel: 'models/m', displayName: 'd', env, now: 0 }).tunedModelId;
}

describe('the Gemini API tuned model id', () => {
  it('differs between two repositories tuning the same data, and is stable within one', () => {
    const a = idFor({ GITHUB_REPOSITORY_ID: '101', GITHUB_REPOSITORY: 'octo-org/a' });
    const b = idFor({ GITHUB_REPOSITORY_ID: '202', GITHUB_REPOSITORY: 'other-org/b' });
    expect(a).toMatch(/^gt-[0-9a-f]{32}$/);
    expect(b).toMatch(/^gt-[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
    expect(idFor({ GITHUB_REPOSITORY_ID: '101', GITHUB_REPOSITORY: 'octo-org/renamed' })).toBe(a);
  });

  it('falls back to the repository name, and to the content key alone outside Actions', () => {
    expect(idFor({ GITHUB_REPOSITORY: 'octo-org/a' })).not.toBe(idFor({ GITHUB_REPOSITORY: 'octo-org/b' }));
    expect(idFor({})).toBe(idFor({}));
  });
});
