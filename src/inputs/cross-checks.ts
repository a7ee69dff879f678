/**
 * The checks between inputs (one input's value allowed only with another's, or with one backend
 * or mode), run inside the settings schema after each input has been read on its own.
 */

import type { BackendName } from '../domain.js';
import { PROJECT_VARIABLES, type InputName } from './raw-inputs.js';

export const DISPLAY_NAME_LIMIT: Record<BackendName, number> = { 'gemini-api': 40, 'vertex-ai': 128 };

/** A release label must be both a Vertex AI label value and a version alias (decision 9). */
export const RELEASE_LABEL = /^[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export type Mode = 'tune' | 'finish' | 'cleanup' | 'promote';

/** The inputs, each read on its own, that the checks compare. */
export interface ReadInputs {
  mode: Mode;
  backend: 'auto' | BackendName;
  'training-data': string | null;
  'validation-data': string | null;
  'base-model': string | null;
  'display-name': string | null;
  'batch-size': number | null;
  'learning-rate': number | null;
  'learning-rate-multiplier': number | null;
  'adapter-size': number | null;
  'api-key': string | null;
  project: string | null;
  'staging-uri': string | null;
  wait: boolean;
  resume: string | null;
  'eval-baseline': string | null;
  'eval-checkpoints': 'final' | 'all';
  'select-checkpoint': 'default' | 'best';
  'max-regressions': number | null;
  'max-cost': number | null;
  'token-price': number | null;
  comment: 'auto' | 'off';
  'commit-status': 'auto' | 'off';
  'release-label': string;
  /** Not inputs: Google Cloud credentials in the environment; the run is on a pull request. */
  credentials: boolean;
  pullRequest: boolean;
}

type Fail = (input: InputName, message: string) => void;

export function crossCheck(v: ReadInputs, fail: Fail): void {
  const backend = resolveBackend(v);
  if (v['learning-rate'] !== null && v['learning-rate-multiplier'] !== null) {
    fail(
      'learning-rate',
      'cannot be set together with "learning-rate-multiplier": the service takes one or the other; remove one of them',
    );
  }
  if (v['training-data'] === null && v.resume === null && (v.mode === 'tune' || v.mode === 'promote')) {
    fail(
      'training-data',
      v.mode === 'promote'
        ? 'is required in promote mode: the tuned model is found by the content key of the training set and settings the pull request used'
        : 'is required (a .jsonl, .json or .csv file of examples) unless "resume" names a job to attach to',
    );
  }
  modeChecks(v, backend, fail);
  if (backend === 'gemini-api') {
    if (v['adapter-size'] !== null) fail('adapter-size', 'applies to Vertex AI only; remove it or set "project"');
    if (v['validation-data'] !== null)
      fail('validation-data', 'applies to Vertex AI only: the Gemini API takes no validation set; remove it');
    if (v['eval-checkpoints'] === 'all') fail('eval-checkpoints', 'all is Vertex AI only; remove it');
    if (v['select-checkpoint'] === 'best') fail('select-checkpoint', 'best is Vertex AI only; remove it');
    if (v['base-model']?.startsWith('projects/'))
      fail(
        'base-model',
        'names a Vertex AI model (continuous tuning), which is Vertex AI only; set backend: vertex-ai',
      );
    if (v.resume?.startsWith('projects/'))
      fail(
        'resume',
        'names a Vertex AI tuning job, but the backend is gemini-api: set "project" or backend: vertex-ai',
      );
  } else {
    if (v.project === null)
      fail(
        'project',
        `is required for the vertex-ai backend (the Google Cloud project to tune in): set it, or let google-github-actions/auth set ${PROJECT_VARIABLES[0]} before this step`,
      );
    if (v['batch-size'] !== null)
      fail('batch-size', 'applies to the Gemini API only; Vertex AI chooses the batch size');
    if (v['learning-rate'] !== null)
      fail('learning-rate', 'applies to the Gemini API only; use "learning-rate-multiplier" on Vertex AI');
    if (v['staging-uri'] === null && v.resume === null && v.mode === 'tune')
      fail('staging-uri', 'is required for the vertex-ai backend: a gs://bucket/prefix to upload the dataset to');
    if (v.resume?.startsWith('tunedModels/'))
      fail(
        'resume',
        'names a Gemini API job, but the backend is vertex-ai: remove "project" or set backend: gemini-api',
      );
  }
  if (v['max-cost'] !== null && v['token-price'] === null) {
    fail('max-cost', 'needs token-price (USD per 1,000,000 training tokens) to turn tokens into money; set both');
  }
  if (v['max-regressions'] !== null && v['eval-baseline'] === null) {
    fail('max-regressions', 'needs eval-baseline (regressions are counted against the baseline); set both');
  }
  if (v['select-checkpoint'] === 'best' && v['eval-checkpoints'] !== 'all') {
    fail('select-checkpoint', 'best needs eval-checkpoints: all (the checkpoints must all be evaluated to pick one)');
  }
  const name = v['display-name'];
  if (name !== null && [...name].length > DISPLAY_NAME_LIMIT[backend]) {
    fail(
      'display-name',
      `is ${[...name].length} characters; the ${backend} backend allows at most ${DISPLAY_NAME_LIMIT[backend]}`,
    );
  }
}

/** What each mode needs and refuses. */
function modeChecks(v: ReadInputs, backend: BackendName, fail: Fail): void {
  if (v.mode === 'finish' && backend !== 'vertex-ai') {
    fail(
      'mode',
      'finish is Vertex AI only (it evaluates with the eval set stored next to the training set in Cloud Storage): set "project", or backend: vertex-ai',
    );
  }
  if (v.mode !== 'tune' && v.resume !== null)
    fail('resume', `applies to mode: tune only; remove it for mode: ${v.mode}`);
  if (!RELEASE_LABEL.test(v['release-label']) || v['release-label'] === 'default') {
    fail(
      'release-label',
      'must be 2 to 63 lower-case letters, digits or "-", start with a letter, end with a letter or digit, and not be "default" (it is a Vertex AI label value and a version alias)',
    );
  }
  if (v.pullRequest && v.mode === 'tune' && !v.wait && v['commit-status'] === 'auto' && v.comment === 'off') {
    fail(
      'commit-status',
      'auto with wait: false on a pull request needs the comment (mode: finish finds the job through it): set comment: auto, or commit-status: off',
    );
  }
}

/**
 * `backend: auto`: Vertex AI when there is a project (the input, or one from the environment);
 * else the Gemini API when there is an API key; else Vertex AI when Google Cloud credentials are
 * in the environment (as google-github-actions/auth leaves them); else the Gemini API, whose
 * credential check then says what is missing.
 */
export function resolveBackend(v: {
  backend: 'auto' | BackendName;
  project: string | null;
  resume: string | null;
  'api-key': string | null;
  credentials: boolean;
}): BackendName {
  if (v.backend !== 'auto') return v.backend;
  if (v.resume?.startsWith('projects/')) return 'vertex-ai';
  if (v.project !== null) return 'vertex-ai';
  if (v['api-key'] !== null) return 'gemini-api';
  return v.credentials ? 'vertex-ai' : 'gemini-api';
}
