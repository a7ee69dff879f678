/**
 * The run record a `wait: false` run on a pull request leaves in its sticky comment, and `mode:
 * finish` reads back (INTERFACE "Modes"; decision 11): the job, the content key, the head commit,
 * the eval and gate settings, where the eval set was stored, and what the final comment shows
 * (dataset figures, hyperparameters, cost). JSON inside an HTML comment right after the marker,
 * with every `--` escaped (it could end the HTML comment), at most 8 KB. It is read only from
 * comments the token's own identity wrote, and parsed against a strict schema all the same.
 */

import * as z from 'zod/mini';
import type { Settings } from '../inputs/settings.js';
import type { Report } from '../report/types.js';

export const RECORD_VERSION = 1;
/** Decision 11: the record holds at most this many bytes (UTF-8) of JSON. */
export const RECORD_MAX_BYTES = 8 * 1024;
const OPEN = `<!-- gemini-tune-record:v${RECORD_VERSION} `;
const CLOSE = ' -->';
/** Vertex AI tuning jobs only (finish is Vertex AI only). */
const JOB_NAME = /^projects\/[^/]+\/locations\/[a-z0-9-]+\/tuningJobs\/[0-9A-Za-z_-]+$/;

/** The settings a finish run takes from the record instead of its own inputs. */
export const RECORDED_SETTINGS = [
  'evalConcurrency',
  'evalBaseline',
  'evalRepeats',
  'evalGeneration',
  'evalSystemInstruction',
  'evalCheckpoints',
  'selectCheckpoint',
  'minPassRate',
  'maxFinalLoss',
  'maxRegressions',
  'judgeModel',
  'embeddingModel',
  'maxTrainingTokens',
  'tokenPrice',
  'maxCost',
  'commentKey',
  'hyperparameters',
] as const satisfies readonly (keyof Settings)[];

export type RecordedSettings = Pick<Settings, (typeof RECORDED_SETTINGS)[number]>;

/** The part of the report the final comment needs that the job's status does not give again. */
export const RECORDED_REPORT = [
  'baseModel',
  'displayName',
  'contentKey',
  'cacheHit',
  'dataset',
  'cost',
  'runLabel',
  'runUrl',
  'sourceUrl',
  'startedAt',
  'timings',
] as const satisfies readonly (keyof Report)[];

export type RecordedReport = Pick<Report, (typeof RECORDED_REPORT)[number]>;

export interface StoredEvalSet {
  /** gs://bucket/PREFIX/eval/<sha256>.jsonl */
  uri: string;
  sha256: string;
  cases: number;
}

export interface RunRecord {
  version: typeof RECORD_VERSION;
  job: string;
  /** The pull request's head commit the job was tuned for (its commit status goes there). */
  headSha: string;
  /** Whether the run that wrote it created the job (only such a job may be cancelled for the budget). */
  startedByUs: boolean;
  evalSet: StoredEvalSet | null;
  settings: RecordedSettings;
  report: RecordedReport;
}

const nullable = <T extends z.core.SomeType>(t: T) => z.nullable(t);
const num = z.number();
const settingsSchema = z.object({
  evalConcurrency: z.number().check(z.int(), z.minimum(1), z.maximum(256)),
  evalBaseline: nullable(z.string()),
  evalRepeats: z.number().check(z.int(), z.minimum(1), z.maximum(20)),
  evalGeneration: z.strictObject({
    temperature: z.optional(num),
    maxOutputTokens: z.optional(num),
    thinkingLevel: z.optional(z.enum(['minimal', 'low', 'medium', 'high'])),
    thinkingBudget: z.optional(num),
  }),
  evalSystemInstruction: nullable(z.string()),
  evalCheckpoints: z.enum(['final', 'all']),
  selectCheckpoint: z.enum(['default', 'best']),
  minPassRate: nullable(num),
  maxFinalLoss: nullable(num),
  maxRegressions: nullable(num),
  judgeModel: nullable(z.string()),
  embeddingModel: z.string(),
  maxTrainingTokens: nullable(num),
  tokenPrice: nullable(num),
  maxCost: nullable(num),
  commentKey: nullable(z.string()),
  hyperparameters: z.object({
    epochCount: nullable(num),
    batchSize: nullable(num),
    learningRate: nullable(num),
    learningRateMultiplier: nullable(num),
    adapterSize: nullable(num),
  }),
});

const recordSchema = z.object({
  version: z.literal(RECORD_VERSION),
  job: z.string().check(z.regex(JOB_NAME)),
  headSha: z.string().check(z.regex(/^[0-9a-f]{40}$/)),
  startedByUs: z.boolean(),
  evalSet: nullable(
    z.object({
      uri: z.string().check(z.regex(/^gs:\/\/[a-z0-9._-]+\/(?:[^\s]+\/)?eval\/[0-9a-f]{64}\.jsonl$/)),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
      cases: z.number().check(z.int(), z.minimum(0)),
    }),
  ),
  settings: settingsSchema,
  // The report part is shown, never acted on: its shape is checked where it is used (escaped like any report).
  report: z.object({
    baseModel: z.string(),
    displayName: z.string(),
    contentKey: nullable(z.string()),
    cacheHit: z.boolean(),
    dataset: z.nullable(z.record(z.string(), z.unknown())),
    cost: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
    runLabel: z.optional(nullable(z.string())),
    runUrl: nullable(z.string()),
    sourceUrl: z.optional(nullable(z.string())),
    startedAt: z.string(),
    timings: z.record(z.string(), num),
  }),
});

/** `--` can end an HTML comment: written `-\u002d` inside the JSON strings (the only place JSON has it). */
function escapeDashes(json: string): string {
  return json.replace(/--/g, '-\\u002d');
}

/**
 * The record as it goes into the comment, cut to RECORD_MAX_BYTES: the dataset's details (the
 * doctor's findings, the length statistics, the warnings) go first, then the dataset block; what
 * finish needs to act (job, settings, eval set) is never cut. Null when even that does not fit.
 */
export function encodeRecord(record: RunRecord): string | null {
  const dataset = record.report.dataset;
  const trims: ((r: RunRecord) => RunRecord)[] = [
    (r) => r,
    (r) => ({ ...r, report: { ...r.report, dataset: dataset && { ...dataset, findings: [], stats: undefined } } }),
    (r) => ({ ...r, report: { ...r.report, dataset: dataset && { ...dataset, findings: [], warnings: [] } } }),
    (r) => ({ ...r, report: { ...r.report, dataset: null, timings: {} } }),
  ];
  for (const trim of trims) {
    const json = escapeDashes(JSON.stringify(trim(record)));
    if (Buffer.byteLength(json, 'utf8') <= RECORD_MAX_BYTES) return `${OPEN}${json}${CLOSE}`;
  }
  return null;
}

/**
 * The record in a comment body written by the token's own identity, or null (no record: a final
 * comment, or one written before records existed). Throws when a record is there but unreadable.
 */
export function decodeRecord(body: string): RunRecord | null {
  const start = body.indexOf(OPEN);
  if (start < 0) return null;
  const end = body.indexOf(CLOSE, start + OPEN.length);
  const json = end < 0 ? '' : body.slice(start + OPEN.length, end);
  if (end < 0 || Buffer.byteLength(json, 'utf8') > RECORD_MAX_BYTES) {
    throw new Error('the run record in the comment is cut off or larger than 8 KB');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('the run record in the comment is not valid JSON');
  }
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `the run record in the comment is not valid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  return parsed.data as unknown as RunRecord;
}

/** The record of a run leaving its job to `mode: finish`. */
export function recordOf(
  report: Report,
  settings: Settings,
  facts: { job: string; headSha: string; startedByUs: boolean; evalSet: StoredEvalSet | null },
): RunRecord {
  const pick = <T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> =>
    Object.fromEntries(keys.map((k) => [k, from[k] ?? null])) as Pick<T, K>;
  return {
    version: RECORD_VERSION,
    ...facts,
    settings: pick(settings, RECORDED_SETTINGS),
    report: pick(report, RECORDED_REPORT),
  };
}
