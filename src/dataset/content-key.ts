/**
 * The content key: a sha256 over a canonical form of everything that determines a tuned model
 * (backend, base model, hyperparameters, training and validation examples). The form does not
 * depend on the file format, field aliases or whitespace in the file, so the same data in
 * JSONL, JSON or CSV gives the same key; any change to the data or settings changes it.
 */

import { createHash } from 'node:crypto';
import type { BackendName, Hyperparameters } from '../backends/backend.js';
import type { TrainingExample } from './types.js';

/** Bump when the canonical form changes (old keys then simply stop matching). */
export const CONTENT_KEY_VERSION = 'gemini-tune/content-key/v1';

const HYPERPARAMETER_ORDER = [
  'epochCount',
  'batchSize',
  'learningRate',
  'learningRateMultiplier',
  'adapterSize',
] as const;

export interface ContentKeyInput {
  backend: BackendName;
  baseModel: string;
  hyperparameters: Hyperparameters;
  examples: TrainingExample[];
  validationExamples: TrainingExample[];
}

/** JSON with object keys sorted (recursively) and no whitespace; undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** One example's canonical form: `["pair", textInput, output]` or `["native", <sorted JSON>]`. */
function exampleForm(e: TrainingExample): string {
  return e.native !== undefined
    ? `["native",${canonicalJson(e.native)}]`
    : `["pair",${JSON.stringify(e.textInput)},${JSON.stringify(e.output)}]`;
}

/**
 * sha256 (hex) of:
 * `{"v":VERSION,"backend":…,"baseModel":…,"hyperparameters":{fixed order, null when unset},
 *   "examples":[…],"validationExamples":[…]}`, written piecewise so a large set is not
 * concatenated into one string.
 */
export function contentKey(input: ContentKeyInput): string {
  const hash = createHash('sha256');
  const hp = HYPERPARAMETER_ORDER.map((k) => {
    const v = input.hyperparameters[k];
    return `${JSON.stringify(k)}:${v === null || v === undefined || !Number.isFinite(v) ? 'null' : JSON.stringify(v)}`;
  }).join(',');
  hash.update(
    `{"v":${JSON.stringify(CONTENT_KEY_VERSION)},"backend":${JSON.stringify(input.backend)},"baseModel":${JSON.stringify(input.baseModel)},"hyperparameters":{${hp}},"examples":[`,
  );
  input.examples.forEach((e, k) => hash.update((k === 0 ? '' : ',') + exampleForm(e)));
  hash.update('],"validationExamples":[');
  input.validationExamples.forEach((e, k) => hash.update((k === 0 ? '' : ',') + exampleForm(e)));
  hash.update(']}');
  return hash.digest('hex');
}

/**
 * A Gemini API tunedModelId for a content key: `gt-` + the first 32 hex characters (35 characters,
 * matching `[a-z]([a-z0-9-]{0,38}[a-z0-9])?`). A key that is not hex is hashed first.
 */
export function tunedModelIdFor(key: string): string {
  const hex = /^[0-9a-f]{32,}$/i.test(key) ? key.toLowerCase() : createHash('sha256').update(key).digest('hex');
  return `gt-${hex.slice(0, 32)}`;
}
