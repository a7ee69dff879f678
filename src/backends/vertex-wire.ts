/**
 * Vertex AI's tuningJobs resource as it comes over the wire (int64 counts as strings, enums as
 * names), and its translation into the backend-neutral JobStatus.
 */

import * as z from 'zod/mini';
import type { Hyperparameters, JobStatus, Snapshot, TuningDataStats, TuningState } from '../domain.js';
import { numeric, opt, rpcStatus, wireNumber, type Answer } from './answers.js';

const ADAPTER_SIZES: Record<number, string> = {
  1: 'ADAPTER_SIZE_ONE',
  2: 'ADAPTER_SIZE_TWO',
  4: 'ADAPTER_SIZE_FOUR',
  8: 'ADAPTER_SIZE_EIGHT',
  16: 'ADAPTER_SIZE_SIXTEEN',
};
const ADAPTER_NUMBERS: Record<string, number> = Object.fromEntries(
  Object.entries(ADAPTER_SIZES).map(([n, name]) => [name, Number(n)]),
);

/** Wire shapes (proto3 JSON: absent means default; int64 as strings). */
export interface WireStatus {
  code?: number;
  message?: string;
}
export interface WireTuningJob {
  name?: string;
  baseModel?: string;
  tunedModelDisplayName?: string;
  description?: string;
  state?: string;
  createTime?: string;
  error?: WireStatus;
  labels?: Record<string, string>;
  experiment?: string;
  tunedModel?: {
    model?: string;
    endpoint?: string;
    checkpoints?: { checkpointId?: string; epoch?: string | number; step?: string | number; endpoint?: string }[];
  };
  tuningJobState?: string;
  tuningJobMetadata?: { completedEpochCount?: string | number };
  supervisedTuningSpec?: {
    trainingDatasetUri?: string;
    validationDatasetUri?: string;
    hyperParameters?: { epochCount?: string | number; learningRateMultiplier?: number | string; adapterSize?: string };
  };
  tuningDataStats?: {
    supervisedTuningDataStats?: {
      tuningDatasetExampleCount?: string | number;
      totalTuningCharacterCount?: string | number;
      totalBillableTokenCount?: string | number;
      tuningStepCount?: string | number;
      totalTruncatedExampleCount?: string | number;
      droppedExampleReasons?: string[];
    };
  };
}
export interface WireListJobs {
  tuningJobs?: WireTuningJob[];
  nextPageToken?: string;
}

/** The fields of a TuningJob that are read, with the types the code relies on. */
const TUNING_JOB = z.looseObject({
  name: z.string(),
  state: opt(z.string()),
  createTime: opt(z.string()),
  error: opt(rpcStatus),
  labels: opt(z.record(z.string(), z.string())),
  experiment: opt(z.string()),
  tunedModel: opt(z.looseObject({ model: opt(z.string()), endpoint: opt(z.string()) })),
  supervisedTuningSpec: opt(
    z.looseObject({
      hyperParameters: opt(
        z.looseObject({ epochCount: opt(numeric), learningRateMultiplier: opt(numeric), adapterSize: opt(z.string()) }),
      ),
    }),
  ),
  tuningDataStats: opt(
    z.looseObject({
      supervisedTuningDataStats: opt(
        z.looseObject({
          tuningDatasetExampleCount: opt(numeric),
          totalTuningCharacterCount: opt(numeric),
          totalBillableTokenCount: opt(numeric),
          tuningStepCount: opt(numeric),
          totalTruncatedExampleCount: opt(numeric),
          droppedExampleReasons: opt(z.array(z.string())),
        }),
      ),
    }),
  ),
});
const named = z.array(z.looseObject({ name: opt(z.string()), displayName: opt(z.string()) }));

/** What each Vertex AI call answers. */
export const ANSWERS = {
  tuningJob: { kind: 'TuningJob', schema: TUNING_JOB },
  listJobs: {
    kind: 'ListTuningJobsResponse',
    schema: z.looseObject({ tuningJobs: opt(z.array(TUNING_JOB)), nextPageToken: opt(z.string()) }),
  },
  context: { kind: 'Context', schema: z.looseObject({ metadata: opt(z.record(z.string(), z.unknown())) }) },
  contexts: { kind: 'ListContextsResponse', schema: z.looseObject({ contexts: opt(named) }) },
  runs: { kind: 'ListTensorboardRunsResponse', schema: z.looseObject({ tensorboardRuns: opt(named) }) },
  series: { kind: 'ListTensorboardTimeSeriesResponse', schema: z.looseObject({ tensorboardTimeSeries: opt(named) }) },
  model: {
    kind: 'Model',
    schema: z.looseObject({
      name: z.string(),
      versionId: opt(z.string()),
      versionAliases: opt(z.array(z.string())),
      defaultCheckpointId: opt(z.string()),
    }),
  },
  read: {
    kind: 'ReadTensorboardTimeSeriesDataResponse',
    schema: z.looseObject({ timeSeriesData: opt(z.looseObject({ values: opt(z.array(z.unknown())) })) }),
  },
} satisfies Record<string, Answer>;

export function contentKeyLabel(contentKey: string): string {
  return contentKey.toLowerCase().slice(0, 63);
}

export function mapState(state: string | undefined): TuningState {
  switch (state) {
    case 'JOB_STATE_SUCCEEDED':
      return 'ACTIVE';
    case 'JOB_STATE_FAILED':
    case 'JOB_STATE_EXPIRED':
      return 'FAILED';
    case 'JOB_STATE_CANCELLED':
      return 'CANCELLED';
    default:
      return 'CREATING';
  }
}

export function wireHyperparameters(h: Hyperparameters): { hyperParameters?: Record<string, unknown> } {
  const out: Record<string, unknown> = {};
  // int64 travels as a JSON string; the adapter size is an enum name (the number 4 would mean SIXTEEN).
  if (h.epochCount !== null) out['epochCount'] = String(h.epochCount);
  if (h.learningRateMultiplier !== null) out['learningRateMultiplier'] = h.learningRateMultiplier;
  if (h.adapterSize !== null) {
    const name = ADAPTER_SIZES[h.adapterSize];
    if (!name) throw new Error(`adapter size ${h.adapterSize} is not one of 1, 2, 4, 8, 16`);
    out['adapterSize'] = name;
  }
  return Object.keys(out).length ? { hyperParameters: out } : {};
}

/** int64 (a string) or a number, when it is a finite number. */
export function toNumber(v: string | number | null | undefined): number | null {
  return wireNumber(v);
}

export function dataStats(job: WireTuningJob): TuningDataStats | null {
  const s = job.tuningDataStats?.supervisedTuningDataStats;
  if (!s) return null;
  return {
    exampleCount: toNumber(s.tuningDatasetExampleCount),
    totalCharacterCount: toNumber(s.totalTuningCharacterCount),
    totalBillableTokenCount: toNumber(s.totalBillableTokenCount),
    tuningStepCount: toNumber(s.tuningStepCount),
    truncatedExampleCount: toNumber(s.totalTruncatedExampleCount),
    droppedExampleReasons: s.droppedExampleReasons ?? [],
  };
}

export function jobError(job: WireTuningJob, state: TuningState): string | null {
  if (state === 'CANCELLED') return `the tuning job was cancelled${job.error?.message ? `: ${job.error.message}` : ''}`;
  if (state !== 'FAILED') return null;
  const why = job.error?.message?.trim() || 'the service gave no reason';
  const expired = job.state === 'JOB_STATE_EXPIRED' ? ' (the job expired before it could run)' : '';
  return `Vertex AI tuning job ${job.name ?? ''} failed${expired}: ${why}${job.error?.code ? ` (code ${job.error.code})` : ''}`;
}

/** `known`: the job asked for, kept when the answer has no name. */
export function jobStatus(job: WireTuningJob, snapshots: Snapshot[], known = ''): JobStatus {
  const state = mapState(job.state);
  const stats = dataStats(job);
  const h = job.supervisedTuningSpec?.hyperParameters;
  const last = snapshots.at(-1);
  const totalSteps = stats?.tuningStepCount ?? null;
  return {
    job: job.name || known,
    state,
    tunedModel: job.tunedModel?.model || null,
    endpoint: job.tunedModel?.endpoint || null,
    completedPercent: state === 'ACTIVE' ? 100 : null,
    completedSteps: state === 'ACTIVE' && totalSteps ? totalSteps : (last?.step ?? null),
    totalSteps,
    snapshots,
    error: jobError(job, state),
    hyperparameters: h
      ? {
          epochCount: toNumber(h.epochCount),
          learningRateMultiplier: toNumber(h.learningRateMultiplier),
          adapterSize: h.adapterSize ? (ADAPTER_NUMBERS[h.adapterSize] ?? null) : null,
        }
      : null,
    tuningDataStats: stats,
    jobState: job.tuningJobState || null,
    checkpoints: (job.tunedModel?.checkpoints ?? []).flatMap((c) =>
      c.checkpointId
        ? [
            {
              checkpointId: c.checkpointId,
              epoch: toNumber(c.epoch),
              step: toNumber(c.step),
              endpoint: c.endpoint || null,
            },
          ]
        : [],
    ),
    completedEpochs: toNumber(job.tuningJobMetadata?.completedEpochCount),
  };
}
