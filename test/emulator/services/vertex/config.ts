/** Options of the Vertex AI, Cloud Storage and STS services, resolved with their defaults. */
import type { ResolvedSts } from '../sts/index.js';
import type { ResolvedStorage } from '../storage/index.js';
import type { ResolvedVertex } from './jobs.js';
import type { AuthOptions, StorageOptions, VertexTrainingOptions } from '../../types.js';

export const DEFAULT_VERTEX: ResolvedVertex = {
  stepMs: 50,
  pendingMs: 0,
  totalSteps: undefined,
  outcome: 'SUCCEEDED',
  failAtPercent: 50,
  cancelMs: 0,
  projectNumber: '123456789012',
  createLatencyMs: 0,
  checkpointQuality: undefined,
  concurrentJobs: undefined,
  operationMs: 0,
};

export function resolveVertex(base: ResolvedVertex, patch: VertexTrainingOptions | undefined): ResolvedVertex {
  const out = { ...base };
  if (patch === undefined) return out;
  for (const k of ['stepMs', 'pendingMs', 'cancelMs', 'createLatencyMs', 'operationMs'] as const) {
    const v = patch[k];
    if (v === undefined) continue;
    if (!(v >= 0)) throw new TypeError(`vertex.${k} must be >= 0`);
    out[k] = v;
  }
  if ('checkpointQuality' in patch) {
    const q = patch.checkpointQuality;
    if (q !== undefined && !q.every((x) => x >= 0 && x <= 1))
      throw new TypeError('vertex.checkpointQuality values must be in [0, 1]');
    out.checkpointQuality = q === undefined ? undefined : [...q];
  }
  if ('concurrentJobs' in patch) {
    const v = patch.concurrentJobs;
    if (v !== undefined && !(Number.isInteger(v) && v > 0))
      throw new TypeError('vertex.concurrentJobs must be a positive integer');
    out.concurrentJobs = v;
  }
  if ('totalSteps' in patch) {
    const v = patch.totalSteps;
    if (v !== undefined && !(Number.isInteger(v) && v > 0))
      throw new TypeError('vertex.totalSteps must be a positive integer');
    out.totalSteps = v;
  }
  if (patch.outcome !== undefined) {
    if (!['SUCCEEDED', 'FAILED', 'EXPIRED'].includes(patch.outcome))
      throw new TypeError('vertex.outcome must be SUCCEEDED, FAILED or EXPIRED');
    out.outcome = patch.outcome;
  }
  if (patch.failAtPercent !== undefined) {
    if (!(patch.failAtPercent >= 0 && patch.failAtPercent <= 100))
      throw new TypeError('vertex.failAtPercent must be in [0, 100]');
    out.failAtPercent = patch.failAtPercent;
  }
  if (patch.projectNumber !== undefined) {
    if (!/^\d{1,20}$/.test(patch.projectNumber)) throw new TypeError('vertex.projectNumber must be digits');
    out.projectNumber = patch.projectNumber;
  }
  return out;
}

export const DEFAULT_STS: ResolvedSts = {
  tokenLifetimeSeconds: 3600,
  subjectTokens: undefined,
  serviceAccounts: undefined,
};

export function resolveSts(base: ResolvedSts, patch: AuthOptions | undefined): ResolvedSts {
  const out = { ...base };
  if (patch === undefined) return out;
  if (patch.tokenLifetimeSeconds !== undefined) {
    if (!(patch.tokenLifetimeSeconds > 0)) throw new TypeError('auth.tokenLifetimeSeconds must be > 0');
    out.tokenLifetimeSeconds = patch.tokenLifetimeSeconds;
  }
  if ('subjectTokens' in patch) out.subjectTokens = patch.subjectTokens;
  if ('serviceAccounts' in patch) out.serviceAccounts = patch.serviceAccounts;
  return out;
}

export function resolveStorage(base: ResolvedStorage, patch: StorageOptions | undefined): ResolvedStorage {
  const out = { ...base };
  if (patch !== undefined && 'buckets' in patch) out.buckets = patch.buckets;
  return out;
}
