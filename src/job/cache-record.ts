/**
 * What one Actions cache entry holds: the record of a tuned model (which model, which job, built
 * from which content key) and the JSON report of the run that tuned it, as two files in a directory
 * under RUNNER_TEMP. The entry's key is made of the backend and the content key.
 */

import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { BackendName } from '../domain.js';

export const RECORD_SCHEMA = 'gemini-tune/cache-record/v1';
export const RECORD_FILE = 'record.json';
export const REPORT_FILE = 'report.json';

export interface CachedModelRecord {
  schema: typeof RECORD_SCHEMA;
  backend: BackendName;
  contentKey: string;
  baseModel: string;
  /** Tuned model name (Gemini API `tunedModels/ID`; Vertex AI model resource). */
  tunedModel: string | null;
  endpoint: string | null;
  /** Operation (Gemini API) or tuning job (Vertex AI) that built it; may be empty. */
  job: string;
  savedAt: string;
  runUrl: string | null;
}

/** The cache key: at most 512 characters, no commas (the service's rules). */
export function cacheKeyFor(backend: BackendName, contentKey: string): string {
  return `gemini-tune-${backend}-${contentKey}`;
}

/**
 * The directory the entry is saved from and restored to. The path is part of the entry's version,
 * so it must be the same in every run: RUNNER_TEMP is (on GitHub-hosted runners,
 * /home/runner/work/_temp); a runner with another layout simply misses, and the remote lookup runs.
 */
export function cacheDirFor(env: NodeJS.ProcessEnv, contentKey: string): string {
  return join(env['RUNNER_TEMP'] || tmpdir(), 'gemini-tune-cache', contentKey);
}

const HEX = /^[0-9a-f]{16,128}$/;

/** Validates a restored record; null (a miss) when it is not one of ours or does not match. */
export function parseRecord(
  text: string,
  expect: { backend: BackendName; contentKey: string },
): CachedModelRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const str = (k: string): boolean => typeof r[k] === 'string';
  const strOrNull = (k: string): boolean => r[k] === null || typeof r[k] === 'string';
  if (r['schema'] !== RECORD_SCHEMA) return null;
  if (r['backend'] !== expect.backend || r['contentKey'] !== expect.contentKey) return null;
  if (!HEX.test(String(r['contentKey']))) return null;
  if (!str('baseModel') || !str('job') || !str('savedAt') || !strOrNull('tunedModel') || !strOrNull('endpoint')) {
    return null;
  }
  if (!strOrNull('runUrl')) return null;
  if (!r['tunedModel'] && !r['job']) return null;
  return value as CachedModelRecord;
}
