/**
 * Gemini API tuned models (ModelService.*TunedModel* and the tuning Operations), with a
 * clock-based training simulation: a model created at t0 has completed
 * min(total, floor((now - t0) / stepMs)) steps; nothing runs in the background.
 */
import type { ResolvedTraining, ServiceEnv } from '../../core/env.js';
import { parseBody, parseJsonBody } from '../../core/protojson.js';
import { ApiError, invalidArgument } from '../../core/status.js';
import {
  decodePageToken,
  encodePageToken,
  float32,
  hash32,
  pageSizeParam,
  queryParam,
  randomId,
  timestamp,
} from '../../core/util.js';
import type { TrainingTimeline } from '../../types.js';
import { TunedModel as TunedModelDesc, UPDATABLE_TUNED_MODEL_FIELDS } from './messages.js';
import { findModel } from './models.js';
import type { Example } from './standin.js';

const V1BETA = 'google.ai.generativelanguage.v1beta';
export const METADATA_TYPE = `type.googleapis.com/${V1BETA}.CreateTunedModelMetadata`;
export const TUNED_MODEL_TYPE = `type.googleapis.com/${V1BETA}.TunedModel`;

export const DEFAULT_EPOCH_COUNT = 5;
export const DEFAULT_BATCH_SIZE = 4;
export const DEFAULT_LEARNING_RATE = 0.001;
const MAX_INPUT_CHARS = 40_000;
const MAX_OUTPUT_CHARS = 5_000;
const MAX_DISPLAY_NAME = 40;
const ID_RE = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;

interface Hyper {
  epochCount: number;
  batchSize: number;
  learningRate?: number;
  learningRateMultiplier?: number;
}

export interface TunedModelRecord {
  id: string;
  opId: string;
  displayName?: string;
  description?: string;
  baseModel: string;
  sourceTunedModel?: string;
  temperature?: number;
  topP?: number;
  topK?: number;
  readerProjectNumbers?: string[];
  createdAt: number;
  patchedAt?: number;
  examples: Example[];
  hyper: Hyper;
  totalSteps: number;
  training: ResolvedTraining;
  timeline: TrainingTimeline;
}

interface Progress {
  completedSteps: number;
  state: 'CREATING' | 'ACTIVE' | 'FAILED';
  done: boolean;
  doneAt: number;
}

const chars = (s: string): number => [...s].length;

export class TuningStore {
  private readonly models = new Map<string, TunedModelRecord>();
  /** timelines outlive deletion so tests can still read them */
  private readonly timelines = new Map<string, TrainingTimeline>();

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.models.clear();
    this.timelines.clear();
  }

  get(id: string): TunedModelRecord | undefined {
    return this.models.get(id);
  }

  timeline(name: string): TrainingTimeline | undefined {
    const t = this.timelines.get(name.replace(/^tunedModels\//, '').split('/')[0] ?? '');
    return t === undefined ? undefined : { ...t };
  }

  all(): TunedModelRecord[] {
    return [...this.models.values()];
  }

  progress(r: TunedModelRecord, now = this.env.now()): Progress {
    const { stepMs, outcome, failAtPercent } = r.training;
    const endStep =
      outcome === 'FAILED'
        ? Math.max(0, Math.min(r.totalSteps, Math.ceil((r.totalSteps * failAtPercent) / 100)))
        : r.totalSteps;
    const doneAt = r.createdAt + endStep * stepMs;
    const elapsedSteps = stepMs > 0 ? Math.floor((now - r.createdAt) / stepMs) : Infinity;
    const completedSteps = Math.max(0, Math.min(endStep, elapsedSteps));
    const done = now >= doneAt;
    return { completedSteps, done, doneAt, state: !done ? 'CREATING' : outcome === 'FAILED' ? 'FAILED' : 'ACTIVE' };
  }

  /** Record that a client has seen this model's current state (for timeline()). */
  observe(r: TunedModelRecord, now = this.env.now()): void {
    if (r.timeline.firstObservedDoneAt === null && this.progress(r, now).done) r.timeline.firstObservedDoneAt = now;
  }

  // ---- rendering ----------------------------------------------------------------------------

  private snapshots(r: TunedModelRecord, completed: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const seed = hash32(r.id);
    const start = 2.2 + (seed % 60) / 100;
    for (let step = 1; step <= completed; step++) {
      const frac = step / r.totalSteps;
      const noise = (hash32(`${r.id}:${step}`) / 0xffffffff - 0.5) * 0.08 * (1 - frac * 0.7);
      const loss = Math.max(0.001, 0.04 + start * Math.exp(-3.5 * frac) + noise);
      const epoch = Math.min(r.hyper.epochCount, Math.floor(((step - 1) * r.hyper.epochCount) / r.totalSteps) + 1);
      out.push({
        step,
        epoch,
        meanLoss: float32(loss),
        computeTime: timestamp(r.createdAt + step * r.training.stepMs),
      });
    }
    return out;
  }

  /** The TunedModel resource as the API renders it (trainingData is input-only: never shown). */
  render(r: TunedModelRecord, now = this.env.now()): Record<string, unknown> {
    const p = this.progress(r, now);
    const out: Record<string, unknown> = { name: `tunedModels/${r.id}` };
    if (r.sourceTunedModel !== undefined) {
      out['tunedModelSource'] = { tunedModel: r.sourceTunedModel, baseModel: r.baseModel };
    }
    out['baseModel'] = r.baseModel;
    if (r.displayName) out['displayName'] = r.displayName;
    if (r.description) out['description'] = r.description;
    out['state'] = p.state;
    out['createTime'] = timestamp(r.createdAt);
    out['updateTime'] = timestamp(Math.max(r.patchedAt ?? r.createdAt, p.done ? p.doneAt : r.createdAt));
    const task: Record<string, unknown> = { startTime: timestamp(r.createdAt) };
    if (p.done && p.state === 'ACTIVE') task['completeTime'] = timestamp(p.doneAt);
    const snaps = this.snapshots(r, p.completedSteps);
    if (snaps.length > 0) task['snapshots'] = snaps;
    const hp: Record<string, unknown> = {};
    if (r.hyper.learningRateMultiplier !== undefined)
      hp['learningRateMultiplier'] = float32(r.hyper.learningRateMultiplier);
    else hp['learningRate'] = float32(r.hyper.learningRate ?? DEFAULT_LEARNING_RATE);
    hp['epochCount'] = r.hyper.epochCount;
    hp['batchSize'] = r.hyper.batchSize;
    task['hyperparameters'] = hp;
    out['tuningTask'] = task;
    if (r.temperature) out['temperature'] = float32(r.temperature);
    if (r.topP) out['topP'] = float32(r.topP);
    if (r.topK) out['topK'] = r.topK;
    if (r.readerProjectNumbers && r.readerProjectNumbers.length > 0)
      out['readerProjectNumbers'] = [...r.readerProjectNumbers];
    return out;
  }

  operationName(r: TunedModelRecord): string {
    return `tunedModels/${r.id}/operations/${r.opId}`;
  }

  renderOperation(r: TunedModelRecord, now = this.env.now()): Record<string, unknown> {
    const p = this.progress(r, now);
    const metadata: Record<string, unknown> = {
      '@type': METADATA_TYPE,
      totalSteps: r.totalSteps,
      tunedModel: `tunedModels/${r.id}`,
    };
    if (p.completedSteps > 0) {
      metadata['completedSteps'] = p.completedSteps;
      metadata['completedPercent'] = float32((p.completedSteps / r.totalSteps) * 100);
      metadata['snapshots'] = this.snapshots(r, p.completedSteps);
    }
    const op: Record<string, unknown> = { name: this.operationName(r), metadata };
    if (p.done) {
      op['done'] = true;
      if (p.state === 'FAILED') {
        op['error'] = new ApiError(
          'INTERNAL',
          `Tuning failed for tunedModels/${r.id} at step ${p.completedSteps} of ${r.totalSteps}.`,
        ).toRpcStatus();
      } else {
        op['response'] = { '@type': TUNED_MODEL_TYPE, ...this.render(r, now) };
      }
    }
    return op;
  }

  // ---- methods ------------------------------------------------------------------------------

  find(id: string): TunedModelRecord {
    const r = this.models.get(id);
    if (r === undefined) throw new ApiError('NOT_FOUND', `Tuned model tunedModels/${id} does not exist.`);
    return r;
  }

  create(query: URLSearchParams, rawBody: string): Record<string, unknown> {
    const now = this.env.now();
    const tunedModelId = queryParam(query, 'tunedModelId');
    if (tunedModelId !== null && !ID_RE.test(tunedModelId)) {
      throw invalidArgument(
        `tuned_model_id "${tunedModelId}" is invalid: it must be at most 40 characters, start with a letter, end with a letter or digit, and match [a-z]([a-z0-9-]{0,38}[a-z0-9])?.`,
        'tuned_model_id',
      );
    }
    const tm = parseBody(TunedModelDesc, parseJsonBody(rawBody), 'tuned_model');

    const displayName = tm['displayName'] as string | undefined;
    if (displayName !== undefined && chars(displayName) > MAX_DISPLAY_NAME) {
      throw invalidArgument(
        `The display name must be at most ${MAX_DISPLAY_NAME} characters long (got ${chars(displayName)}).`,
        'tuned_model.display_name',
      );
    }

    // source model
    let baseModel = tm['baseModel'] as string | undefined;
    let sourceTunedModel: string | undefined;
    const source = tm['tunedModelSource'] as Record<string, unknown> | undefined;
    if (source !== undefined) {
      const srcName = source['tunedModel'] as string | undefined;
      if (!srcName)
        throw invalidArgument(
          'tuned_model.tuned_model_source.tuned_model is required.',
          'tuned_model.tuned_model_source.tuned_model',
        );
      const src = this.models.get(srcName.replace(/^tunedModels\//, ''));
      if (src === undefined || !srcName.startsWith('tunedModels/')) {
        throw new ApiError('NOT_FOUND', `Tuned model ${srcName} does not exist.`);
      }
      if (this.progress(src, now).state !== 'ACTIVE') {
        throw new ApiError(
          'FAILED_PRECONDITION',
          `Tuned model ${srcName} is not ACTIVE and cannot be used as a source model.`,
        );
      }
      baseModel = src.baseModel;
      sourceTunedModel = srcName;
    } else {
      if (!baseModel) {
        throw invalidArgument(
          'tuned_model.base_model is required: set base_model or tuned_model_source.',
          'tuned_model.base_model',
        );
      }
      const m = findModel(baseModel, this.env.training().tunable);
      if (m === undefined || !m.supportedGenerationMethods.includes('createTunedModel')) {
        throw new ApiError(
          'NOT_FOUND',
          `${baseModel} is not found for API version v1beta, or is not supported for createTunedModel. Call ListModels to see the list of available models and their supported methods.`,
        );
      }
    }
    const base = findModel(baseModel)!;

    // tuning task
    const task = tm['tuningTask'] as Record<string, unknown> | undefined;
    if (task === undefined) throw invalidArgument('tuned_model.tuning_task is required.', 'tuned_model.tuning_task');
    const data = task['trainingData'] as Record<string, unknown> | undefined;
    const exWrap = data?.['examples'] as Record<string, unknown> | undefined;
    const rawExamples = (exWrap?.['examples'] as Record<string, unknown>[] | undefined) ?? [];
    if (rawExamples.length === 0) {
      throw invalidArgument(
        'tuned_model.tuning_task.training_data.examples.examples must contain at least one example.',
        'tuned_model.tuning_task.training_data',
      );
    }
    const examples: Example[] = rawExamples.map((e, i) => {
      const at = `tuned_model.tuning_task.training_data.examples.examples[${i}]`;
      const textInput = e['textInput'] as string | undefined;
      const output = e['output'] as string | undefined;
      if (textInput === undefined || textInput === '')
        throw invalidArgument(`${at}.text_input is required.`, `${at}.text_input`);
      if (output === undefined || output === '') throw invalidArgument(`${at}.output is required.`, `${at}.output`);
      if (chars(textInput) > MAX_INPUT_CHARS) {
        throw invalidArgument(
          `${at}.text_input is too long: ${chars(textInput)} characters, the maximum is ${MAX_INPUT_CHARS}.`,
          `${at}.text_input`,
        );
      }
      if (chars(output) > MAX_OUTPUT_CHARS) {
        throw invalidArgument(
          `${at}.output is too long: ${chars(output)} characters, the maximum is ${MAX_OUTPUT_CHARS}.`,
          `${at}.output`,
        );
      }
      return { textInput, output };
    });

    const hpIn = (task['hyperparameters'] as Record<string, unknown> | undefined) ?? {};
    const hp = 'tuned_model.tuning_task.hyperparameters';
    const positiveInt = (k: 'epochCount' | 'batchSize', snake: string, dflt: number): number => {
      const v = hpIn[k] as number | undefined;
      if (v === undefined) return dflt;
      if (v <= 0) throw invalidArgument(`${hp}.${snake} must be a positive integer, got ${v}.`, `${hp}.${snake}`);
      return v;
    };
    const hyper: Hyper = {
      epochCount: positiveInt('epochCount', 'epoch_count', DEFAULT_EPOCH_COUNT),
      batchSize: positiveInt('batchSize', 'batch_size', DEFAULT_BATCH_SIZE),
    };
    for (const [k, snake] of [
      ['learningRate', 'learning_rate'],
      ['learningRateMultiplier', 'learning_rate_multiplier'],
    ] as const) {
      const v = hpIn[k] as number | undefined;
      if (v === undefined) continue;
      if (!(v > 0) || !Number.isFinite(v))
        throw invalidArgument(`${hp}.${snake} must be a positive number, got ${v}.`, `${hp}.${snake}`);
      hyper[k] = v;
    }

    for (const [k, snake, max] of [
      ['temperature', 'temperature', base.maxTemperature ?? 2],
      ['topP', 'top_p', 1],
    ] as const) {
      const v = tm[k] as number | undefined;
      if (v !== undefined && !(v >= 0 && v <= max)) {
        throw invalidArgument(`tuned_model.${snake} must be in [0, ${max}], got ${v}.`, `tuned_model.${snake}`);
      }
    }
    const topK = tm['topK'] as number | undefined;
    if (topK !== undefined && topK < 0)
      throw invalidArgument(`tuned_model.top_k must not be negative, got ${topK}.`, 'tuned_model.top_k');

    // id
    let id: string;
    if (tunedModelId !== null) {
      if (this.models.has(tunedModelId)) {
        throw new ApiError('ALREADY_EXISTS', `Tuned model tunedModels/${tunedModelId} already exists.`);
      }
      id = tunedModelId;
    } else {
      do id = generateId(displayName);
      while (this.models.has(id));
    }

    const training = { ...this.env.training() };
    const totalSteps =
      training.totalSteps ?? Math.max(1, Math.ceil((examples.length * hyper.epochCount) / hyper.batchSize));
    const r: TunedModelRecord = {
      id,
      opId: randomId(12),
      baseModel,
      createdAt: now,
      examples,
      hyper,
      totalSteps,
      training,
      timeline: { createdAt: now, doneAt: 0, firstObservedDoneAt: null },
      temperature: (tm['temperature'] as number | undefined) ?? base.temperature,
      topP: (tm['topP'] as number | undefined) ?? base.topP,
    };
    const k = topK ?? base.topK;
    if (k !== undefined) r.topK = k;
    if (displayName !== undefined) r.displayName = displayName;
    if (tm['description'] !== undefined) r.description = tm['description'] as string;
    if (sourceTunedModel !== undefined) r.sourceTunedModel = sourceTunedModel;
    if (tm['readerProjectNumbers'] !== undefined) r.readerProjectNumbers = tm['readerProjectNumbers'] as string[];
    r.timeline.doneAt = this.progress(r, now).doneAt;
    this.models.set(id, r);
    this.timelines.set(id, r.timeline);
    this.env.stats.creates++;
    return this.renderOperation(r, now);
  }

  list(query: URLSearchParams): Record<string, unknown> {
    const pageSize = pageSizeParam(queryParam(query, 'pageSize'), 10, 1000);
    const filter = (queryParam(query, 'filter') ?? '').trim();
    const token = queryParam(query, 'pageToken');
    const offset = token ? decodePageToken(token, `tunedModels|${filter}`) : 0;
    const words = filter
      .split(/\s+/)
      .filter((w) => w !== '' && !/^(owner|writers|readers):/.test(w))
      .map((w) => w.toLowerCase());
    const matching = this.all().filter((r) =>
      words.every((w) => `${r.displayName ?? ''} ${r.description ?? ''}`.toLowerCase().includes(w)),
    );
    const now = this.env.now();
    const page = matching.slice(offset, offset + pageSize);
    for (const r of page) this.observe(r, now);
    const out: Record<string, unknown> = {};
    if (page.length > 0) out['tunedModels'] = page.map((r) => this.render(r, now));
    if (offset + pageSize < matching.length)
      out['nextPageToken'] = encodePageToken(offset + pageSize, `tunedModels|${filter}`);
    return out;
  }

  patch(id: string, query: URLSearchParams, rawBody: string): Record<string, unknown> {
    const r = this.find(id);
    const tm = parseBody(TunedModelDesc, parseJsonBody(rawBody), 'tuned_model');
    const maskRaw = queryParam(query, 'updateMask');
    const known = new Set<string>(TunedModelDesc.fields.map((f) => f.name));
    let paths: string[];
    if (maskRaw === null || maskRaw.trim() === '') {
      // AIP-134: no mask means "the fields present in the body"
      paths = UPDATABLE_TUNED_MODEL_FIELDS.filter((f) => tm[snakeToCamelKey(f)] !== undefined);
    } else {
      paths = maskRaw.split(',').map((p) => camelToSnake(p.trim()));
      for (const p of paths) {
        if (!known.has(p.split('.')[0]!)) {
          throw invalidArgument(`Invalid update mask: field "${p}" does not exist in TunedModel.`, 'update_mask');
        }
        if (!(UPDATABLE_TUNED_MODEL_FIELDS as readonly string[]).includes(p)) {
          throw invalidArgument(`Invalid update mask: field "${p}" cannot be updated.`, 'update_mask');
        }
      }
    }
    const next: Partial<TunedModelRecord> = {};
    for (const p of paths) {
      const v = tm[snakeToCamelKey(p)];
      switch (p) {
        case 'display_name':
          if (typeof v === 'string' && chars(v) > MAX_DISPLAY_NAME) {
            throw invalidArgument(
              `The display name must be at most ${MAX_DISPLAY_NAME} characters long (got ${chars(v)}).`,
              'tuned_model.display_name',
            );
          }
          next.displayName = (v as string | undefined) ?? '';
          break;
        case 'description':
          next.description = (v as string | undefined) ?? '';
          break;
        case 'temperature':
          next.temperature = (v as number | undefined) ?? 0;
          break;
        case 'top_p':
          next.topP = (v as number | undefined) ?? 0;
          break;
        case 'top_k':
          next.topK = (v as number | undefined) ?? 0;
          break;
        case 'reader_project_numbers':
          next.readerProjectNumbers = (v as string[] | undefined) ?? [];
          break;
      }
    }
    Object.assign(r, next);
    if (paths.length > 0) r.patchedAt = this.env.now();
    return this.render(r);
  }

  delete(id: string): Record<string, unknown> {
    this.find(id);
    // Removing the record stops its (simulated) training.
    this.models.delete(id);
    this.env.stats.deletes++;
    return {};
  }

  getOperation(id: string, opId: string): Record<string, unknown> {
    const r = this.models.get(id);
    if (r === undefined || r.opId !== opId) {
      throw new ApiError('NOT_FOUND', `Operation tunedModels/${id}/operations/${opId} does not exist.`);
    }
    const now = this.env.now();
    this.observe(r, now);
    return this.renderOperation(r, now);
  }

  listOperations(id: string, query: URLSearchParams): Record<string, unknown> {
    const r = this.find(id);
    pageSizeParam(queryParam(query, 'pageSize'), 10, 1000);
    const now = this.env.now();
    this.observe(r, now);
    return { operations: [this.renderOperation(r, now)] };
  }

  getModel(id: string): Record<string, unknown> {
    const r = this.find(id);
    const now = this.env.now();
    this.observe(r, now);
    return this.render(r, now);
  }
}

function snakeToCamelKey(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function camelToSnake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Like the service: the display name's words joined by hyphens plus a random suffix. */
export function generateId(displayName: string | undefined): string {
  const words = (displayName ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const suffix = randomId(12);
  if (words.length === 0) return randomId(11);
  let stem = words.join('-').replace(/^[^a-z]+/, '');
  stem = stem.slice(0, 40 - suffix.length - 1).replace(/-+$/, '');
  return stem === '' ? suffix : `${stem}-${suffix}`;
}
