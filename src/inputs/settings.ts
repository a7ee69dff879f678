/**
 * Reads every input of action.yml through one zod schema (zod/mini: the same parser as `zod`, a
 * smaller module to load on every run) into a typed Settings object.
 * A bad value fails here, before any network call, with the input's name, what was given and
 * what is allowed.
 */

import * as z from 'zod/mini';
import {
  positiveInteger,
  positiveNumber,
  fraction,
  nonNegativeNumber,
  nonNegativeInteger,
  temperature,
  thinking,
  boolean,
  oneOf,
  text,
  url,
  gcsUri,
  resumeName,
} from './input-values.js';

import type { BackendName, GenerationConfig, Hyperparameters } from '../domain.js';
import { fromEnvironment, type RawInputs } from './raw-inputs.js';
import { crossCheck, resolveBackend, type Mode } from './cross-checks.js';

export { INPUT_NAMES, fromEnvironment, PROJECT_VARIABLES, readRawInputs } from './raw-inputs.js';
export type { InputName, RawInputs } from './raw-inputs.js';
export { DISPLAY_NAME_LIMIT, RELEASE_LABEL, type Mode } from './cross-checks.js';

// The schema parses one object per process: zod's JIT (code generation for object schemas)
// costs more to compile than it saves here.
z.config({ jitless: true });

export interface Settings {
  /** tune (the default), finish, cleanup or promote (INTERFACE "Modes"). */
  mode: Mode;
  backend: BackendName;
  trainingData: string | null;
  validationData: string | null;
  evalData: string | null;
  /** null: the backend's default. */
  baseModel: string | null;
  /** null: derived from the repository and the pull request or commit. */
  displayName: string | null;
  description: string;
  hyperparameters: Hyperparameters;
  apiKey: string | null;
  project: string | null;
  location: string;
  stagingUri: string | null;
  apiEndpoint: string | null;
  wait: boolean;
  timeoutMinutes: number;
  resume: string | null;
  cache: boolean;
  cancelOnAbort: boolean;
  evalConcurrency: number;
  /** 'base' or a model name; null: no baseline. */
  evalBaseline: string | null;
  /** Runs of every scored case, on the tuned model and the baseline alike (1-20). */
  evalRepeats: number;
  /** The generation settings of every eval call: only those given (eval-temperature, eval-thinking, eval-max-output-tokens). */
  evalGeneration: GenerationConfig;
  /** System instruction for the eval cases that have none of their own. */
  evalSystemInstruction: string | null;
  /** Vertex AI: `all` also evaluates every checkpoint the job exported. */
  evalCheckpoints: 'final' | 'all';
  /** Vertex AI: `best` makes the checkpoint with the highest pass rate the Model's default. */
  selectCheckpoint: 'default' | 'best';
  minPassRate: number | null;
  maxFinalLoss: number | null;
  /** Most cases allowed to pass on the baseline and fail on the tuned model (needs evalBaseline). */
  maxRegressions: number | null;
  /** The model that grades `judge` cases; null: the backend's default (JUDGE_DEFAULT). */
  judgeModel: string | null;
  /** The model that embeds texts for `semantic` cases. */
  embeddingModel: string;
  /** The budget (INTERFACE "Budget"): most training tokens; USD per million; most USD (needs tokenPrice). */
  maxTrainingTokens: number | null;
  tokenPrice: number | null;
  maxCost: number | null;
  comment: 'auto' | 'off';
  commentKey: string | null;
  /** auto: a commit status on the head commit of a pull request for a job left training (wait: false). */
  commitStatus: 'auto' | 'off';
  /** promote mode: the release to mark. */
  releaseLabel: string;
  githubToken: string;
  reportPath: string | null;
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

export const ADAPTER_SIZES = [1, 2, 4, 8, 16] as const;

function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

/** An input's schema: the raw string in, the parsed value out. */
type InputSchema<T> = z.ZodMiniType<T, string>;

/** '' → null; anything else must pass `check`. */
function optional<T>(parse: (value: string, fail: (allowed: string) => never) => T): InputSchema<T | null> {
  const schema = z.pipe(
    z.string(),
    z.transform((raw: string, ctx): T | null => {
      const value = raw.trim();
      if (value === '') return null;
      try {
        return parse(value, (allowed) => {
          throw new RangeError(allowed);
        });
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        ctx.issues.push({ code: 'custom', message: `${err.message}; got ${shown(value)}`, input: raw });
        return z.NEVER;
      }
    }),
  );
  return schema as unknown as InputSchema<T | null>;
}

function required<T>(parse: (value: string, fail: (allowed: string) => never) => T, fallback: string): InputSchema<T> {
  const schema = z.pipe(
    optional(parse),
    z.transform((v: T | null): T => v ?? parse(fallback, () => undefined as never)),
  );
  return schema as unknown as InputSchema<T>;
}

const schema = z
  .object({
    mode: required(oneOf(['tune', 'finish', 'cleanup', 'promote'] as const), 'tune'),
    backend: required(oneOf(['auto', 'gemini-api', 'vertex-ai'] as const), 'auto'),
    'training-data': optional(text),
    'validation-data': optional(text),
    'eval-data': optional(text),
    'base-model': optional(text),
    'display-name': optional(text),
    description: z.string(),
    'epoch-count': optional(positiveInteger),
    'batch-size': optional(positiveInteger),
    'learning-rate': optional(positiveNumber),
    'learning-rate-multiplier': optional(positiveNumber),
    'adapter-size': optional((v, fail) =>
      (ADAPTER_SIZES as readonly number[]).includes(Number(v)) && /^[0-9]+$/.test(v)
        ? Number(v)
        : fail(`must be one of ${ADAPTER_SIZES.join(', ')}`),
    ),
    'api-key': optional(text),
    project: optional((v, fail) =>
      /^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[0-9]+$|^[a-z0-9.-]+:[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(v)
        ? v
        : fail('must be a Google Cloud project ID (6-30 lowercase letters, digits or hyphens) or number'),
    ),
    location: required(
      (v, fail) => (/^[a-z0-9-]+$/.test(v) ? v : fail('must be a region such as us-central1, or global')),
      'us-central1',
    ),
    'staging-uri': optional(gcsUri),
    'api-endpoint': optional(url),
    wait: required(boolean, 'true'),
    'timeout-minutes': required(positiveNumber, '330'),
    resume: optional(resumeName),
    cache: required(boolean, 'true'),
    'cancel-on-abort': required(boolean, 'true'),
    'eval-concurrency': required(
      (v, fail) => (positiveInteger(v, fail) <= 256 ? Number(v) : fail('must be an integer from 1 to 256')),
      '8',
    ),
    'eval-baseline': optional(text),
    'eval-repeats': required(
      (v, fail) => (positiveInteger(v, fail) <= 20 ? Number(v) : fail('must be an integer from 1 to 20')),
      '1',
    ),
    'eval-temperature': optional(temperature),
    'eval-thinking': optional(thinking),
    'eval-max-output-tokens': optional(positiveInteger),
    'eval-system-instruction': optional(text),
    'eval-checkpoints': required(oneOf(['final', 'all'] as const), 'final'),
    'select-checkpoint': required(oneOf(['default', 'best'] as const), 'default'),
    'min-pass-rate': optional(fraction),
    'max-final-loss': optional(nonNegativeNumber),
    'max-regressions': optional(nonNegativeInteger),
    'judge-model': optional(text),
    'embedding-model': required(text, 'gemini-embedding-001'),
    'max-training-tokens': optional(positiveInteger),
    'token-price': optional(positiveNumber),
    'max-cost': optional(positiveNumber),
    comment: required(oneOf(['auto', 'off'] as const), 'auto'),
    'comment-key': optional(text),
    'commit-status': required(oneOf(['auto', 'off'] as const), 'auto'),
    'release-label': required(text, 'production'),
    'github-token': z.string(),
    'report-path': optional(text),
    /** Not an input: whether Google Cloud credentials are in the environment (see fromEnvironment). */
    credentials: z.boolean(),
    /** Not an input: whether the run is on a pull request (GITHUB_EVENT_NAME). */
    pullRequest: z.boolean(),
  })
  .check(
    z.superRefine((v, ctx) => {
      crossCheck(v, (input, message) => ctx.addIssue({ code: 'custom', path: [input], message }));
    }),
  );

/**
 * Parses raw inputs; an empty `project` is taken from the environment (`env`: PROJECT_VARIABLES),
 * and `backend: auto` counts it, and Google Cloud credentials there, as set. Throws one InputError
 * listing every bad input.
 */
export function parseSettings(raw: RawInputs, env: NodeJS.ProcessEnv = {}): Settings {
  const facts = fromEnvironment(env);
  const project = raw.project.trim() !== '' ? raw.project : (facts.project ?? '');
  const pullRequest = /^pull_request(_target)?$/.test(env['GITHUB_EVENT_NAME'] ?? '');
  const result = schema.safeParse({ ...raw, project, credentials: facts.credentials, pullRequest });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `input "${String(issue.path[0] ?? '?')}" ${issue.message}`);
    throw new InputError(
      lines.length === 1 ? lines[0]! : `${lines.length} inputs are invalid:\n- ${lines.join('\n- ')}`,
    );
  }
  const v = result.data;
  return {
    mode: v.mode,
    backend: resolveBackend(v),
    trainingData: v['training-data'],
    validationData: v['validation-data'],
    evalData: v['eval-data'],
    baseModel: v['base-model'],
    displayName: v['display-name'],
    description: v.description.trim(),
    hyperparameters: {
      epochCount: v['epoch-count'],
      batchSize: v['batch-size'],
      learningRate: v['learning-rate'],
      learningRateMultiplier: v['learning-rate-multiplier'],
      adapterSize: v['adapter-size'],
    },
    apiKey: v['api-key'],
    project: v.project,
    location: v.location,
    stagingUri: v['staging-uri'],
    apiEndpoint: v['api-endpoint'],
    wait: v.wait,
    timeoutMinutes: v['timeout-minutes'],
    resume: v.resume,
    cache: v.cache,
    cancelOnAbort: v['cancel-on-abort'],
    evalConcurrency: v['eval-concurrency'],
    evalBaseline: v['eval-baseline'],
    evalRepeats: v['eval-repeats'],
    evalGeneration: {
      ...(v['eval-temperature'] !== null ? { temperature: v['eval-temperature'] } : {}),
      ...(v['eval-max-output-tokens'] !== null ? { maxOutputTokens: v['eval-max-output-tokens'] } : {}),
      ...(v['eval-thinking'] ?? {}),
    },
    evalSystemInstruction: v['eval-system-instruction'],
    evalCheckpoints: v['eval-checkpoints'],
    selectCheckpoint: v['select-checkpoint'],
    minPassRate: v['min-pass-rate'],
    maxFinalLoss: v['max-final-loss'],
    maxRegressions: v['max-regressions'],
    judgeModel: v['judge-model'],
    embeddingModel: v['embedding-model'],
    maxTrainingTokens: v['max-training-tokens'],
    tokenPrice: v['token-price'],
    maxCost: v['max-cost'],
    comment: v.comment,
    commentKey: v['comment-key'],
    commitStatus: v['commit-status'],
    releaseLabel: v['release-label'],
    githubToken: v['github-token'].trim(),
    reportPath: v['report-path'],
  };
}
