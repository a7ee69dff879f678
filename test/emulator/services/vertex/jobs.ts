/**
 * Vertex AI tuning jobs with a clock-based training simulation (like the Gemini one): a job created
 * at t0 is PENDING for `pendingMs`, then RUNNING with min(total, floor(elapsed / stepMs)) steps
 * done, then ends SUCCEEDED, FAILED or EXPIRED (the configured outcome), or CANCELLED after
 * tuningJobs.cancel. Nothing runs in the background: every read computes the state from the clock.
 */
import type { ServiceEnv } from '../../core/env.js';
import { parseBody, parseJsonBody } from '../../core/protojson.js';
import { ApiError, details, invalidArgument } from '../../core/status.js';
import {
  decodePageToken,
  encodePageToken,
  float32,
  hash32,
  pageSizeParam,
  queryParam,
  timestamp,
} from '../../core/util.js';
import type { Example } from '../gemini/standin.js';
import type { StorageService } from '../storage/index.js';
import type { DatasetSummary } from './dataset.js';
import { checkDataset, distribution } from './dataset.js';
import type { JobState } from './messages.js';
import { TuningJob as TuningJobDesc } from './messages.js';

export interface ResolvedVertex {
  /** Simulated time per training step, ms. */
  stepMs: number;
  /** Time in JOB_STATE_PENDING before training starts, ms. */
  pendingMs: number;
  totalSteps: number | undefined;
  outcome: 'SUCCEEDED' | 'FAILED' | 'EXPIRED';
  failAtPercent: number;
  /** Time in JOB_STATE_CANCELLING after cancel, ms. */
  cancelMs: number;
  /** Time tuningJobs.create takes; the job exists once it has passed. */
  createLatencyMs: number;
  /** The project number resource names carry. */
  projectNumber: string;
  checkpointQuality: number[] | undefined;
  /** Tuning jobs of a project that run at once; a job created beyond it waits for quota. Undefined: no limit. */
  concurrentJobs: number | undefined;
  /** How long an undeploy or a delete operation takes, ms. */
  operationMs: number;
}

/**
 * Base models the emulator tunes (and serves through publishers/google/models), as Vertex AI does
 * in late 2026: the Gemini 3.x models with supervised tuning, tuned only in TUNING_REGIONS_3X.
 * The 2.x and 1.5 models are retired: Vertex AI answers 404 for them, as for an unknown publisher
 * model (shared/specs/model-catalog-2026-12.md).
 */
export const VERTEX_BASE_MODELS = ['gemini-3.5-flash', 'gemini-3.5-flash-lite', 'gemini-3.1-flash-lite'] as const;
export const TUNING_REGIONS_3X = ['us-central1', 'europe-west4'] as const;
/** Where a Gemini 3.x model tuned in a region is served: the `us` / `eu` multi-region (model-catalog-2026-12.md). */
const SERVED_FROM: Record<string, string> = { 'us-central1': 'us', 'europe-west4': 'eu' };

export const DEFAULT_VERTEX_EPOCHS = 5;
export const DEFAULT_LR_MULTIPLIER = 1;
export const DEFAULT_ADAPTER_SIZE = 'ADAPTER_SIZE_FOUR';
/** The emulator's stand-in batch size for counting steps (Vertex AI does not expose one). */
export const VERTEX_BATCH_SIZE = 8;
const MAX_DISPLAY_NAME = 128;
const LABEL_KEY_RE = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE_RE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

type Json = Record<string, unknown>;

export interface JobRecord {
  id: string;
  /** project as written in the create path (id or number) */
  project: string;
  location: string;
  baseModel: string;
  /** The Model version this job makes: 1, or the next version of the pre-tuned model's Model (continuous tuning). */
  versionId: number;
  /** The Model version's default checkpoint, once PATCHed (else the last one). */
  defaultCheckpointId?: string;
  /** Continuous tuning: the model version it started from (`preTunedModel.tunedModelName`). */
  preTunedModel?: string;
  displayName: string;
  description?: string;
  labels: Record<string, string>;
  trainingUri: string;
  validationUri?: string;
  epochCount: number;
  learningRateMultiplier: number;
  adapterSize: string;
  exportLastCheckpointOnly?: boolean;
  serviceAccount?: string;
  createdAt: number;
  cancelAt?: number;
  training: ResolvedVertex;
  totalSteps: number;
  data: DatasetSummary | { error: string };
  modelId: string;
  endpointId: string;
  observedEndAt: number | null;
  /** Creation order, to queue jobs created in the same millisecond. */
  seq: number;
  /** The Model version's own state, once changed (models.ts): labels, aliases, deleted. */
  version?: { labels: Record<string, string>; aliases: string[]; deleted: boolean };
  /** Endpoint ids whose model was undeployed, and endpoints deleted (models.ts). */
  undeployed?: Set<string>;
  deletedEndpoints?: Set<string>;
}

export interface Progress {
  state: JobState;
  completedSteps: number;
  startAt: number | undefined;
  endAt: number | undefined;
  error?: { code: number; message: string };
  /** PENDING because the project's concurrent-job quota is used up. */
  waitingForQuota?: boolean;
}

const TERMINAL: readonly JobState[] = [
  'JOB_STATE_SUCCEEDED',
  'JOB_STATE_FAILED',
  'JOB_STATE_CANCELLED',
  'JOB_STATE_EXPIRED',
];
export const isTerminal = (s: JobState): boolean => TERMINAL.includes(s);

function numericId(seed: string): string {
  // 19 digits, like the service's ids
  let out = String(1 + (hash32(seed) % 9));
  let h = hash32(`${seed}:x`);
  while (out.length < 19) {
    h = hash32(`${h}:${out.length}`);
    out += String(h % 10);
  }
  return out;
}

export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private counter = 0;

  constructor(
    private readonly env: ServiceEnv,
    private readonly config: () => ResolvedVertex,
    private readonly storage: StorageService,
  ) {}

  reset(): void {
    this.jobs.clear();
  }

  all(): JobRecord[] {
    return [...this.jobs.values()];
  }

  /** Project part of resource names: the number. */
  projectNumber(): string {
    return this.config().projectNumber;
  }

  parent(r: JobRecord): string {
    return `projects/${r.training.projectNumber}/locations/${r.location}`;
  }

  /** The location of the tuned Model and its endpoints: the job region's multi-region. */
  servedFrom(r: JobRecord): string {
    return SERVED_FROM[r.location] ?? r.location;
  }

  /** Parent of the tuned Model and its endpoints. */
  modelParent(r: JobRecord): string {
    return `projects/${r.training.projectNumber}/locations/${this.servedFrom(r)}`;
  }

  jobName(r: JobRecord): string {
    return `${this.parent(r)}/tuningJobs/${r.id}`;
  }

  /** Does `project` (id or number) in a path name this job's project? */
  sameProject(r: JobRecord, project: string): boolean {
    return project === r.project || project === r.training.projectNumber;
  }

  find(project: string, location: string, id: string): JobRecord {
    const r = this.jobs.get(id);
    if (r === undefined || !this.sameProject(r, project) || r.location !== location) {
      throw new ApiError(
        'NOT_FOUND',
        `The TuningJob projects/${project}/locations/${location}/tuningJobs/${id} does not exist.`,
      );
    }
    return r;
  }

  findByEndpoint(project: string, location: string, endpointId: string): JobRecord | undefined {
    return this.all().find(
      (r) =>
        (r.endpointId === endpointId || this.checkpoints(r).some((c) => c.endpointId === endpointId)) &&
        !r.deletedEndpoints?.has(endpointId) &&
        this.sameProject(r, project) &&
        this.servedFrom(r) === location,
    );
  }

  /**
   * The checkpoints a succeeded job exports (2026-09 protos: TunedModel.checkpoints): one per
   * epoch, each deployed on its own endpoint, the last one on the tuned model's endpoint and the
   * Model's default; only the last with exportLastCheckpointOnly.
   */
  checkpoints(r: JobRecord): { checkpointId: string; epoch: number; step: number; endpointId: string }[] {
    const perEpoch = r.totalSteps / Math.max(1, r.epochCount);
    const epochs = r.exportLastCheckpointOnly ? [r.epochCount] : Array.from({ length: r.epochCount }, (_v, i) => i + 1);
    return epochs.map((epoch) => ({
      checkpointId: String(epoch),
      epoch,
      step: Math.round(epoch * perEpoch),
      endpointId: epoch === r.epochCount ? r.endpointId : numericId(`${r.endpointId}:checkpoint:${epoch}`),
    }));
  }

  /**
   * When the job gets a tuning slot: at once, unless the project's concurrent-job quota is set
   * and that many jobs created before it have not yet ended (they run first, in creation order).
   * Until then the job is PENDING with tuningJobState TUNING_JOB_STATE_WAITING_FOR_QUOTA.
   */
  private slotAt(r: JobRecord): number {
    if (r.training.concurrentJobs === undefined) return r.createdAt;
    // One pass in creation order (each job's slot depends only on the jobs before it).
    const slots = new Map<JobRecord, number>();
    const ordered = this.all()
      .filter((o) => o.seq <= r.seq && o.training.projectNumber === r.training.projectNumber)
      .sort((a, b) => a.seq - b.seq);
    for (const j of ordered) {
      const quota = j.training.concurrentJobs;
      let at = j.createdAt;
      if (quota !== undefined) {
        const ends = [...slots]
          .map(([o, slot]) => this.endsAt(o, slot))
          .filter((end) => end > j.createdAt)
          .sort((a, b) => a - b);
        if (ends.length >= quota) at = ends[ends.length - quota] ?? at;
      }
      slots.set(j, at);
    }
    return slots.get(r) ?? r.createdAt;
  }

  /** When training starts: the slot, then the dataset processing (`pendingMs`). */
  private startAt(r: JobRecord, slot = this.slotAt(r)): number {
    return slot + r.training.pendingMs;
  }

  /** When a job given its slot ends as things stand: its natural end, or the end of a cancel already asked for. */
  private endsAt(r: JobRecord, slot: number): number {
    const start = this.startAt(r, slot);
    const natural = 'error' in r.data ? start : start + this.endStep(r) * r.training.stepMs;
    return r.cancelAt !== undefined ? Math.min(natural, r.cancelAt + r.training.cancelMs) : natural;
  }

  progress(r: JobRecord, now = this.env.now()): Progress {
    const t = r.training;
    const slotAt = this.slotAt(r);
    const startAt = this.startAt(r, slotAt);
    // cancel() is refused once the job has ended, so a cancelAt always precedes the natural end
    const cancelled = r.cancelAt !== undefined;
    const at = cancelled ? Math.min(now, r.cancelAt!) : now;
    const steps = (until: number): number =>
      until < startAt
        ? 0
        : t.stepMs > 0
          ? Math.min(this.endStep(r), Math.floor((until - startAt) / t.stepMs))
          : this.endStep(r);
    if (cancelled) {
      const doneAt = r.cancelAt! + t.cancelMs;
      const completedSteps = steps(r.cancelAt!);
      const started = r.cancelAt! >= startAt ? startAt : undefined;
      if (now < doneAt) return { state: 'JOB_STATE_CANCELLING', completedSteps, startAt: started, endAt: undefined };
      return {
        state: 'JOB_STATE_CANCELLED',
        completedSteps,
        startAt: started,
        endAt: doneAt,
        error: { code: 1, message: 'CANCELED' },
      };
    }
    if (now < startAt) {
      return {
        state: 'JOB_STATE_PENDING',
        completedSteps: 0,
        startAt: undefined,
        endAt: undefined,
        waitingForQuota: now < slotAt,
      };
    }
    if ('error' in r.data) {
      return {
        state: 'JOB_STATE_FAILED',
        completedSteps: 0,
        startAt,
        endAt: startAt,
        error: { code: 3, message: r.data.error },
      };
    }
    const endAt = this.naturalEnd(r);
    const completedSteps = steps(at);
    if (now < endAt) return { state: 'JOB_STATE_RUNNING', completedSteps, startAt, endAt: undefined };
    switch (t.outcome) {
      case 'SUCCEEDED':
        return { state: 'JOB_STATE_SUCCEEDED', completedSteps, startAt, endAt };
      case 'FAILED':
        return {
          state: 'JOB_STATE_FAILED',
          completedSteps,
          startAt,
          endAt,
          error: {
            code: 13,
            message: `Tuning job failed with an internal error at step ${completedSteps} of ${r.totalSteps}. Please retry.`,
          },
        };
      case 'EXPIRED':
        return {
          state: 'JOB_STATE_EXPIRED',
          completedSteps,
          startAt,
          endAt,
          error: { code: 4, message: 'The tuning job ran longer than its maximum allowed duration and has expired.' },
        };
    }
  }

  private endStep(r: JobRecord): number {
    if (r.training.outcome === 'SUCCEEDED') return r.totalSteps;
    return Math.max(0, Math.min(r.totalSteps, Math.ceil((r.totalSteps * r.training.failAtPercent) / 100)));
  }

  private naturalEnd(r: JobRecord): number {
    return this.startAt(r) + this.endStep(r) * r.training.stepMs;
  }

  // ---- rendering ----------------------------------------------------------------------------

  experimentId(r: JobRecord): string {
    return `tuning-experiment-${r.id}`;
  }

  render(r: JobRecord, now = this.env.now()): Json {
    const p = this.progress(r, now);
    const hp: Json = {
      epochCount: String(r.epochCount),
      learningRateMultiplier: r.learningRateMultiplier,
      adapterSize: r.adapterSize,
    };
    const spec: Json = { trainingDatasetUri: r.trainingUri };
    if (r.validationUri !== undefined) spec['validationDatasetUri'] = r.validationUri;
    spec['hyperParameters'] = hp;
    if (r.exportLastCheckpointOnly) spec['exportLastCheckpointOnly'] = true;
    const out: Json = {
      name: this.jobName(r),
      tunedModelDisplayName: r.displayName,
    };
    if (r.description) out['description'] = r.description;
    if (r.preTunedModel) out['preTunedModel'] = { tunedModelName: r.preTunedModel, baseModel: r.baseModel };
    else out['baseModel'] = r.baseModel;
    out['supervisedTuningSpec'] = spec;
    out['state'] = p.state;
    out['createTime'] = timestamp(r.createdAt);
    if (p.startAt !== undefined) out['startTime'] = timestamp(p.startAt);
    if (p.endAt !== undefined) out['endTime'] = timestamp(p.endAt);
    out['updateTime'] = timestamp(Math.max(r.createdAt, p.endAt ?? p.startAt ?? r.createdAt, r.cancelAt ?? 0));
    if (p.error !== undefined) out['error'] = p.error;
    // The detail state while the job is not finished (2026-09 protos: TuningJob.tuning_job_state), and
    // the epochs completed (tuning_job_metadata), as int64 strings.
    if (p.state === 'JOB_STATE_PENDING') {
      out['tuningJobState'] = p.waitingForQuota
        ? 'TUNING_JOB_STATE_WAITING_FOR_QUOTA'
        : 'TUNING_JOB_STATE_PROCESSING_DATASET';
    } else if (p.state === 'JOB_STATE_RUNNING') out['tuningJobState'] = 'TUNING_JOB_STATE_TUNING';
    if (p.startAt !== undefined && !('error' in r.data)) {
      const perEpoch = r.totalSteps / Math.max(1, r.epochCount);
      out['tuningJobMetadata'] = {
        completedEpochCount: String(Math.min(r.epochCount, Math.floor(p.completedSteps / perEpoch))),
      };
    }
    if (Object.keys(r.labels).length > 0) out['labels'] = { ...r.labels };
    if (p.startAt !== undefined && !('error' in r.data)) {
      out['experiment'] = `${this.parent(r)}/metadataStores/default/contexts/${this.experimentId(r)}`;
    }
    if (p.state === 'JOB_STATE_SUCCEEDED') {
      out['tunedModel'] = {
        model: `${this.modelParent(r)}/models/${r.modelId}@${r.versionId}`,
        endpoint: `${this.modelParent(r)}/endpoints/${r.endpointId}`,
        checkpoints: this.checkpoints(r).map((c) => ({
          checkpointId: c.checkpointId,
          epoch: String(c.epoch),
          step: String(c.step),
          endpoint: `${this.modelParent(r)}/endpoints/${c.endpointId}`,
        })),
      };
    }
    if (p.startAt !== undefined && !('error' in r.data)) out['tuningDataStats'] = this.dataStats(r, r.data);
    if (r.serviceAccount) out['serviceAccount'] = r.serviceAccount;
    return out;
  }

  private dataStats(r: JobRecord, d: DatasetSummary): Json {
    const inputTotal = d.inputTokens.reduce((a, b) => a + b, 0);
    const outputTotal = d.outputTokens.reduce((a, b) => a + b, 0);
    return {
      supervisedTuningDataStats: {
        tuningDatasetExampleCount: String(d.exampleCount),
        // The dataset's counts for one pass ("billable tokens in the tuning dataset"); tuning is
        // billed per epoch (INTERFACE "Budget", v2.1).
        totalTuningCharacterCount: String(d.totalChars),
        totalBillableCharacterCount: String(d.totalChars),
        totalBillableTokenCount: String(inputTotal + outputTotal),
        tuningStepCount: String(r.totalSteps),
        userInputTokenDistribution: distribution(d.inputTokens),
        userOutputTokenDistribution: distribution(d.outputTokens),
        userMessagePerExampleDistribution: distribution(d.messagesPerExample),
        userDatasetExamples: d.sample,
      },
    };
  }

  /** The loss value at `step` (deterministic per job). */
  loss(r: JobRecord, step: number, kind: 'train' | 'eval'): number {
    const seed = hash32(`${r.id}:${kind}`);
    const start = 2.4 + (seed % 50) / 100;
    const frac = step / Math.max(1, r.totalSteps);
    const noise =
      (hash32(`${r.id}:${kind}:${step}`) / 0xffffffff - 0.5) * (kind === 'train' ? 0.1 : 0.04) * (1 - frac * 0.6);
    const floor = kind === 'train' ? 0.05 : 0.12;
    return float32(Math.max(0.001, floor + start * Math.exp(-3.2 * frac) + noise));
  }

  /** Steps at which the evaluation runs (only with a validation dataset). */
  evalSteps(r: JobRecord, completed: number): number[] {
    if (r.validationUri === undefined) return [];
    const every = Math.max(1, Math.ceil(r.totalSteps / 10));
    const out: number[] = [];
    for (let s = every; s <= completed; s += every) out.push(s);
    if (completed === r.totalSteps && out[out.length - 1] !== completed && completed > 0) out.push(completed);
    return out;
  }

  /** Wall time of a step. */
  stepTime(r: JobRecord, step: number): number {
    return this.startAt(r) + step * r.training.stepMs;
  }

  // ---- methods ------------------------------------------------------------------------------

  create(project: string, location: string, rawBody: string): Json {
    const now = this.env.now();
    const body = parseBody(TuningJobDesc, parseJsonBody(rawBody));
    for (const out of [
      'name',
      'state',
      'createTime',
      'startTime',
      'endTime',
      'updateTime',
      'error',
      'experiment',
      'tunedModel',
      'tuningDataStats',
    ]) {
      // output-only fields are ignored by the service
      delete body[out];
    }
    for (const unsupported of ['distillationSpec', 'partnerModelTuningSpec', 'veoTuningSpec']) {
      if (body[unsupported] !== undefined) {
        throw invalidArgument(`The emulator does not support ${unsupported}.`, unsupported);
      }
    }
    // Continuous tuning: source_model is a oneof of base_model and pre_tuned_model.
    const pre = this.preTuned(project, location, body);
    let baseModel = pre?.baseModel ?? (body['baseModel'] as string | undefined);
    if (!baseModel) throw invalidArgument('base_model is required.', 'tuning_job.base_model');
    baseModel = baseModel.replace(/^(projects\/[^/]+\/locations\/[^/]+\/)?publishers\/google\/models\//, '');
    if (!(VERTEX_BASE_MODELS as readonly string[]).includes(baseModel)) {
      if (/^gemini-(1\.5|2\.0|2\.5)-/.test(baseModel) || !/^gemini-/.test(baseModel)) {
        throw new ApiError(
          'NOT_FOUND',
          `Publisher Model \`projects/${project}/locations/${location}/publishers/google/models/${baseModel}\` was not found or your project does not have access to it.`,
        );
      }
      throw invalidArgument(
        `Base model ${body['baseModel'] as string} is not supported for supervised tuning. Supported: ${VERTEX_BASE_MODELS.join(', ')}.`,
        'tuning_job.base_model',
      );
    }
    if (!(TUNING_REGIONS_3X as readonly string[]).includes(location)) {
      throw invalidArgument(
        `Supervised tuning of ${baseModel} is not supported in ${location}. Supported regions: ${TUNING_REGIONS_3X.join(', ')}.`,
        'tuning_job.base_model',
      );
    }
    const spec = body['supervisedTuningSpec'] as Json | undefined;
    if (spec === undefined)
      throw invalidArgument('supervised_tuning_spec is required.', 'tuning_job.supervised_tuning_spec');
    const trainingUri = spec['trainingDatasetUri'] as string | undefined;
    if (!trainingUri) {
      throw invalidArgument(
        'supervised_tuning_spec.training_dataset_uri is required.',
        'tuning_job.supervised_tuning_spec.training_dataset_uri',
      );
    }
    const validationUri = (spec['validationDatasetUri'] as string | undefined) || undefined;
    const readDataset = (uri: string, field: string): string => {
      if (!/^gs:\/\/[^/]+\/.+/.test(uri)) {
        throw invalidArgument(
          `${field} must be a Cloud Storage URI (gs://bucket/object.jsonl), got "${uri}".`,
          `tuning_job.supervised_tuning_spec.${field}`,
        );
      }
      if (!uri.endsWith('.jsonl')) {
        throw invalidArgument(
          `${field} must name a JSONL file (.jsonl), got "${uri}".`,
          `tuning_job.supervised_tuning_spec.${field}`,
        );
      }
      const o = this.storage.get(uri);
      if (o === undefined) {
        throw new ApiError(
          'INVALID_ARGUMENT',
          `Failed to read ${uri}: the object does not exist or the Vertex AI service agent cannot read it.`,
          [
            details.badRequest([
              { field: `tuning_job.supervised_tuning_spec.${field}`, description: `${uri} not found` },
            ]),
          ],
        );
      }
      return o.data.toString('utf8');
    };
    const trainingText = readDataset(trainingUri, 'training_dataset_uri');
    const validationText =
      validationUri === undefined ? undefined : readDataset(validationUri, 'validation_dataset_uri');

    const hp = (spec['hyperParameters'] as Json | undefined) ?? {};
    const hpPath = 'tuning_job.supervised_tuning_spec.hyper_parameters';
    let epochCount = DEFAULT_VERTEX_EPOCHS;
    if (hp['epochCount'] !== undefined) {
      epochCount = Number(hp['epochCount']);
      if (!(epochCount >= 1 && epochCount <= 100)) {
        throw invalidArgument(`${hpPath}.epoch_count must be in [1, 100], got ${epochCount}.`, `${hpPath}.epoch_count`);
      }
    }
    let lrm = DEFAULT_LR_MULTIPLIER;
    if (hp['learningRateMultiplier'] !== undefined) {
      lrm = hp['learningRateMultiplier'] as number;
      if (!(lrm > 0) || !Number.isFinite(lrm)) {
        throw invalidArgument(
          `${hpPath}.learning_rate_multiplier must be positive, got ${lrm}.`,
          `${hpPath}.learning_rate_multiplier`,
        );
      }
    }
    for (const k of ['learningRate', 'batchSize']) {
      if (hp[k] !== undefined)
        throw invalidArgument(`${hpPath}.${k} is not supported for ${baseModel}.`, `${hpPath}.${k}`);
    }
    let adapterSize = (hp['adapterSize'] as string | undefined) ?? DEFAULT_ADAPTER_SIZE;
    if (adapterSize === 'ADAPTER_SIZE_UNSPECIFIED') adapterSize = DEFAULT_ADAPTER_SIZE;
    if (adapterSize === 'ADAPTER_SIZE_THIRTY_TWO' || adapterSize === 'ADAPTER_SIZE_TWO') {
      throw invalidArgument(
        `${hpPath}.adapter_size ${adapterSize} is not supported for ${baseModel}: use 1, 4, 8 or 16.`,
        `${hpPath}.adapter_size`,
      );
    }

    const displayName = (body['tunedModelDisplayName'] as string | undefined) ?? '';
    if ([...displayName].length > MAX_DISPLAY_NAME) {
      throw invalidArgument(
        `tuned_model_display_name must be at most ${MAX_DISPLAY_NAME} characters, got ${[...displayName].length}.`,
        'tuning_job.tuned_model_display_name',
      );
    }
    const labels = checkLabels(body['labels']);

    const data = checkDataset(trainingText, trainingUri);
    let summary: DatasetSummary | { error: string } = data;
    if (!('error' in data) && validationText !== undefined) {
      const v = checkDataset(validationText, validationUri!);
      if ('error' in v) summary = v;
    }
    const training = { ...this.config() };
    const exampleCount = 'error' in data ? 0 : data.exampleCount;
    const totalSteps = training.totalSteps ?? Math.max(1, Math.ceil((exampleCount * epochCount) / VERTEX_BATCH_SIZE));
    const seed = `${now}:${++this.counter}:${Math.random()}`;
    const r: JobRecord = {
      id: numericId(seed),
      project,
      location,
      baseModel,
      displayName: displayName || pre?.displayName || `${baseModel}-tuned-${this.counter}`,
      labels,
      trainingUri,
      epochCount,
      learningRateMultiplier: lrm,
      adapterSize,
      createdAt: now,
      seq: this.counter,
      training,
      totalSteps,
      data: summary,
      modelId: pre?.modelId ?? numericId(`${seed}:model`),
      versionId: pre ? this.nextVersion(pre.modelId) : 1,
      endpointId: numericId(`${seed}:endpoint`),
      observedEndAt: null,
    };
    if (validationUri !== undefined) r.validationUri = validationUri;
    if (pre) r.preTunedModel = pre.name;
    if (body['description']) r.description = body['description'] as string;
    if (spec['exportLastCheckpointOnly'] === true) r.exportLastCheckpointOnly = true;
    if (body['serviceAccount']) r.serviceAccount = body['serviceAccount'] as string;
    this.jobs.set(r.id, r);
    this.env.stats.creates++;
    // the create response shows the job as just queued, whatever the clock says
    return { ...this.render(r, now), state: 'JOB_STATE_PENDING' };
  }

  /** The Model versions tuning made (SUCCEEDED jobs), oldest first. */
  versionsOf(modelId: string): JobRecord[] {
    return [...this.jobs.values()]
      .filter((j) => j.modelId === modelId && !j.version?.deleted && this.progress(j).state === 'JOB_STATE_SUCCEEDED')
      .sort((a, b) => a.versionId - b.versionId);
  }

  private nextVersion(modelId: string): number {
    return Math.max(0, ...[...this.jobs.values()].filter((j) => j.modelId === modelId).map((j) => j.versionId)) + 1;
  }

  /** The epoch of the checkpoint an endpoint serves (the tuned model's own endpoint: the default checkpoint). */
  checkpointEpoch(r: JobRecord, endpointId: string): number | null {
    const all = this.checkpoints(r);
    if (endpointId === r.endpointId) {
      return (all.find((c) => c.checkpointId === r.defaultCheckpointId) ?? all.at(-1))?.epoch ?? null;
    }
    return all.find((c) => c.endpointId === endpointId)?.epoch ?? null;
  }

  /** The pre-tuned model a create names (continuous tuning), checked as Vertex AI does; null when none. */
  private preTuned(
    project: string,
    location: string,
    body: Json,
  ): { name: string; modelId: string; baseModel: string; displayName: string } | null {
    const pre = body['preTunedModel'] as Json | undefined;
    if (pre === undefined) return null;
    if (body['baseModel'] !== undefined) {
      throw invalidArgument('Only one of base_model and pre_tuned_model may be set.', 'tuning_job.source_model');
    }
    const name = pre['tunedModelName'];
    const m =
      typeof name === 'string' ? /^projects\/[^/]+\/locations\/([^/]+)\/models\/([^/@]+)@(\d+)$/.exec(name) : null;
    if (!m) {
      throw invalidArgument(
        'pre_tuned_model.tuned_model_name must be a model version: projects/{project}/locations/{location}/models/{model}@{version}.',
        'tuning_job.pre_tuned_model.tuned_model_name',
      );
    }
    // The Model lives in the multi-region it is served from; the job runs in a region that serves it.
    const source = this.versionsOf(m[2]!).find((j) => String(j.versionId) === m[3]);
    if (!source || !this.sameProject(source, project) || this.servedFrom(source) !== m[1]) {
      throw new ApiError('NOT_FOUND', `Model ${name as string} does not exist.`);
    }
    if (source.location !== location) {
      throw invalidArgument(
        `Model ${name as string} can be tuned further only in ${source.location}, not in ${location}.`,
        'tuning_job.pre_tuned_model.tuned_model_name',
      );
    }
    return { name: name as string, modelId: m[2]!, baseModel: source.baseModel, displayName: source.displayName };
  }

  get(project: string, location: string, id: string): Json {
    const r = this.find(project, location, id);
    const now = this.env.now();
    if (r.observedEndAt === null && isTerminal(this.progress(r, now).state)) r.observedEndAt = now;
    return this.render(r, now);
  }

  cancel(project: string, location: string, id: string): Json {
    const r = this.find(project, location, id);
    const now = this.env.now();
    const p = this.progress(r, now);
    if (isTerminal(p.state) || p.state === 'JOB_STATE_CANCELLING') {
      throw new ApiError(
        'FAILED_PRECONDITION',
        `Cannot cancel tuning job ${this.jobName(r)} because it is in state ${p.state}.`,
      );
    }
    r.cancelAt = now;
    return {};
  }

  list(project: string, location: string, query: URLSearchParams): Json {
    const pageSize = pageSizeParam(queryParam(query, 'pageSize'), 100, 1000);
    const filter = (queryParam(query, 'filter') ?? '').trim();
    const scope = `tuningJobs|${project}|${location}|${filter}`;
    const token = queryParam(query, 'pageToken');
    const offset = token ? decodePageToken(token, scope) : 0;
    const now = this.env.now();
    const match = compileFilter(filter, (r) => this.progress(r, now).state);
    const rows = this.all()
      .filter((r) => this.sameProject(r, project) && r.location === location && match(r))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    const page = rows.slice(offset, offset + pageSize);
    const out: Json = {};
    if (page.length > 0) out['tuningJobs'] = page.map((r) => this.render(r, now));
    if (offset + pageSize < rows.length) out['nextPageToken'] = encodePageToken(offset + pageSize, scope);
    return out;
  }

  examples(r: JobRecord): Example[] {
    return 'error' in r.data ? [] : r.data.examples;
  }
}

export function checkLabels(v: unknown, field = 'tuning_job.labels'): Record<string, string> {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw invalidArgument(`Invalid value at '${field}': expected a map of strings.`, field);
  }
  const entries = Object.entries(v as Json);
  if (entries.length > 64) throw invalidArgument('At most 64 labels are allowed.', field);
  const out: Record<string, string> = {};
  for (const [k, val] of entries) {
    if (typeof val !== 'string') {
      throw invalidArgument(`Invalid value at '${field}[${k}]' (TYPE_STRING), ${JSON.stringify(val)}`, field);
    }
    if (!LABEL_KEY_RE.test(k) || !LABEL_VALUE_RE.test(val)) {
      throw invalidArgument(
        `Label ${JSON.stringify(k)}: ${JSON.stringify(val)} is invalid: keys must start with a lowercase letter and both keys and values may contain only lowercase letters, digits, underscores and dashes, at most 63 characters.`,
        field,
      );
    }
    out[k] = val;
  }
  return out;
}

/**
 * The list filter subset: `labels.KEY=VALUE` (VALUE optionally quoted), `labels.KEY:*`,
 * `state=JOB_STATE_...`, `base_model=...`, `tuned_model_display_name=...`, joined by AND (or spaces).
 */
function compileFilter(filter: string, stateOf: (r: JobRecord) => JobState): (r: JobRecord) => boolean {
  if (filter === '') return () => true;
  const terms = filter
    .split(/\s+AND\s+|\s+(?=(?:[a-z_.]+)\s*[=:])/i)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const preds = terms.map((t) => {
    const m = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*(=|!=|:)\s*(.+)$/.exec(t);
    if (m === null) throw invalidArgument(`Unsupported filter expression: ${t}`, 'filter');
    const [, field, op, rawValue] = m as unknown as [string, string, string, string];
    const value = rawValue.replace(/^"(.*)"$/, '$1');
    const cmp = (actual: string | undefined): boolean => {
      if (op === ':') return value === '*' ? actual !== undefined : actual !== undefined && actual.includes(value);
      return op === '=' ? actual === value : actual !== value;
    };
    if (field.startsWith('labels.')) {
      const key = field.slice('labels.'.length);
      return (r: JobRecord) => cmp(r.labels[key]);
    }
    switch (field) {
      case 'state':
        return (r: JobRecord) => cmp(stateOf(r));
      case 'base_model':
      case 'baseModel':
        return (r: JobRecord) => cmp(r.baseModel);
      case 'tuned_model_display_name':
      case 'tunedModelDisplayName':
        return (r: JobRecord) => cmp(r.displayName);
      default:
        throw invalidArgument(`Unsupported filter field: ${field}`, 'filter');
    }
  });
  return (r) => preds.every((p) => p(r));
}
