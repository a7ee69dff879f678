/**
 * The raw inputs as the runner passes them (INPUT_<NAME>), and the facts the environment gives
 * for the inputs that may come from it (the project, Google Cloud credentials).
 */

/** Names of every input, as in action.yml. */
export const INPUT_NAMES = [
  'mode',
  'backend',
  'training-data',
  'validation-data',
  'eval-data',
  'base-model',
  'display-name',
  'description',
  'epoch-count',
  'batch-size',
  'learning-rate',
  'learning-rate-multiplier',
  'adapter-size',
  'api-key',
  'project',
  'location',
  'staging-uri',
  'api-endpoint',
  'wait',
  'timeout-minutes',
  'resume',
  'cache',
  'cancel-on-abort',
  'eval-concurrency',
  'eval-baseline',
  'eval-repeats',
  'eval-temperature',
  'eval-thinking',
  'eval-max-output-tokens',
  'eval-system-instruction',
  'eval-checkpoints',
  'select-checkpoint',
  'min-pass-rate',
  'max-final-loss',
  'max-regressions',
  'judge-model',
  'embedding-model',
  'max-training-tokens',
  'token-price',
  'max-cost',
  'comment',
  'comment-key',
  'commit-status',
  'release-label',
  'github-token',
  'report-path',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Record<InputName, string>;

/** Where a project comes from when the `project` input is empty, in this order (google-github-actions/auth sets the first). */
export const PROJECT_VARIABLES = [
  'GOOGLE_CLOUD_PROJECT',
  'CLOUDSDK_CORE_PROJECT',
  'GCLOUD_PROJECT',
  'GCP_PROJECT',
] as const;

/** The project and credentials the environment provides, for the inputs that may come from it. */
export function fromEnvironment(env: NodeJS.ProcessEnv): { project: string | null; credentials: boolean } {
  const name = PROJECT_VARIABLES.find((n) => (env[n] ?? '').trim() !== '');
  return {
    project: name ? (env[name] ?? '').trim() : null,
    credentials: (env['GOOGLE_APPLICATION_CREDENTIALS'] ?? '').trim() !== '',
  };
}

/** Reads the raw inputs the way @actions/core does (INPUT_<NAME>, spaces as underscores, upper case). */
export function readRawInputs(env: NodeJS.ProcessEnv = process.env): RawInputs {
  const raw = {} as RawInputs;
  for (const name of INPUT_NAMES) {
    raw[name] = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  }
  return raw;
}
