/**
 * The Gemini API backend: tunedModels.create with inline examples, operations.get while it
 * trains, tunedModels.get for the final state and snapshots, tunedModels.delete to cancel,
 * and tunedModels/{id}:generateContent for the eval. Tuned-model methods exist only under /v1beta.
 */

import * as core from '@actions/core';
import * as z from 'zod/mini';
import { BaseModelRefused, type CreatedJob, type CreateTuningRequest, type TuningBackend } from './backend.js';
import {
  EMPTY,
  countValue,
  droppedLossMessage,
  lossPoints,
  numeric,
  opt,
  rpcStatus,
  wireNumber,
  type Answer,
} from './answers.js';
import { GEMINI_MAX_REQUEST_BYTES } from '../dataset/limits.js';
import { allExamples } from '../dataset/example-set.js';
import { GoogleApiError, MalformedAnswerError } from './errors.js';
import { GeminiMarks } from './gemini-marks.js';
import { describeWithMarks } from '../lifecycle/marks.js';
import { generateContent, type GenerateAnswer } from './generate-content.js';
import type { GoogleHttp } from './http.js';
import type {
  EvalPrompt,
  EvalTurn,
  GenerationConfig,
  Hyperparameters,
  JobStatus,
  Snapshot,
  TuningState,
} from '../domain.js';
import { DEFAULT_BASE_MODEL } from './defaults.js';
import { explain } from './gemini-explain.js';
import { batchEmbed, type Embeddings } from './embeddings.js';
import { countTokens } from './count-tokens.js';

export const GEMINI_API_HOST = 'https://generativelanguage.googleapis.com';
export const GEMINI_DEFAULT_BASE_MODEL = DEFAULT_BASE_MODEL['gemini-api'];

/** Wire shapes (proto3 JSON: absent means default). Numbers are checked where they are read. */
interface WireSnapshot {
  step?: unknown;
  epoch?: unknown;
  meanLoss?: unknown;
  computeTime?: unknown;
}
interface WireTunedModel {
  name?: string;
  baseModel?: string;
  displayName?: string;
  description?: string;
  state?: 'STATE_UNSPECIFIED' | 'CREATING' | 'ACTIVE' | 'FAILED';
  tuningTask?: {
    startTime?: string;
    completeTime?: string;
    snapshots?: WireSnapshot[];
    hyperparameters?: {
      learningRate?: number | string;
      learningRateMultiplier?: number | string;
      epochCount?: number | string;
      batchSize?: number | string;
    };
  };
}
interface WireOperation {
  name?: string;
  metadata?: {
    tunedModel?: string;
    totalSteps?: number | string;
    completedSteps?: number | string;
    completedPercent?: number | string;
    snapshots?: WireSnapshot[];
  };
  done?: boolean;
  error?: { code?: number; message?: string; status?: string };
  response?: WireTunedModel;
}

/** The fields read from the answers, with the types the code relies on. */
const TUNED_MODEL = z.looseObject({
  name: z.string(),
  state: opt(z.string()),
  tuningTask: opt(
    z.looseObject({
      snapshots: opt(z.array(z.unknown())),
      hyperparameters: opt(
        z.looseObject({
          learningRate: opt(numeric),
          learningRateMultiplier: opt(numeric),
          epochCount: opt(numeric),
          batchSize: opt(numeric),
        }),
      ),
    }),
  ),
});
const OPERATION: Answer = {
  kind: 'Operation',
  schema: z.looseObject({
    name: z.string(),
    done: opt(z.boolean()),
    metadata: opt(
      z.looseObject({
        tunedModel: opt(z.string()),
        totalSteps: opt(numeric),
        completedSteps: opt(numeric),
        completedPercent: opt(numeric),
        snapshots: opt(z.array(z.unknown())),
      }),
    ),
    error: opt(rpcStatus),
    response: opt(z.looseObject({ name: opt(z.string()), state: opt(z.string()) })),
  }),
};
const TUNED_MODEL_ANSWER: Answer = { kind: 'TunedModel', schema: TUNED_MODEL };
const BASE_MODEL_ANSWER: Answer = {
  kind: 'Model',
  schema: z.looseObject({ name: z.string(), supportedGenerationMethods: opt(z.array(z.string())) }),
};

/** Why a Gemini API run cannot tune, and where tuning lives now. */
function noTuning(baseModel: string, why: string): string {
  return (
    `base-model ${baseModel} cannot be tuned on the Gemini API: ${why}. Google offers no tuning through the ` +
    'Gemini API today (its last tunable model, models/gemini-1.5-flash-001-tuning, was retired in May 2025). ' +
    'Tune on Vertex AI instead: authenticate with google-github-actions/auth (Workload Identity Federation), ' +
    'set staging-uri, and leave api-key empty (see the README, "Quick start")'
  );
}

const OPERATION_NAME = /^tunedModels\/([a-z0-9-]+)\/operations\/[A-Za-z0-9_-]+$/;
const MODEL_NAME = /^tunedModels\/[a-z0-9-]+$/;

export class GeminiApiBackend implements TuningBackend {
  readonly name = 'gemini-api' as const;
  readonly defaultBaseModel = GEMINI_DEFAULT_BASE_MODEL;
  private readonly base: string;
  /** Jobs whose dropped loss values were already reported. */
  private readonly lossWarned = new Set<string>();

  constructor(
    private readonly http: GoogleHttp,
    apiEndpoint: string | null,
  ) {
    this.base = (apiEndpoint ?? GEMINI_API_HOST).replace(/\/+$/, '');
  }

  private url(version: 'v1beta' | 'v1', path: string, query?: Record<string, string>): string {
    const u = new URL(`${this.base}/${version}/${path}`);
    for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
    return u.toString();
  }

  get lifecycle(): GeminiMarks {
    return new GeminiMarks(this.http, (path, query) => this.url('v1beta', path, query));
  }

  async create(req: CreateTuningRequest): Promise<CreatedJob> {
    const examples = await allExamples(req.examples);
    const body = {
      ...(req.displayName !== null ? { displayName: req.displayName } : {}),
      // The marks (repository, pull request) ride at the end of the description: the Gemini API has no labels.
      ...(req.description || req.marks ? { description: describeWithMarks(req.description, req.marks ?? {}) } : {}),
      baseModel: req.baseModel,
      tuningTask: {
        hyperparameters: wireHyperparameters(req.hyperparameters),
        trainingData: {
          examples: { examples: examples.map((e) => ({ textInput: e.textInput, output: e.output })) },
        },
      },
    };
    // The examples travel inline: check the request size before sending anything.
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes > GEMINI_MAX_REQUEST_BYTES) {
      throw new Error(
        `the tunedModels.create request would be ${bytes.toLocaleString('en-US')} bytes, and the Gemini API takes the examples inline in one request of at most 4 MB (${GEMINI_MAX_REQUEST_BYTES.toLocaleString('en-US')} bytes): use fewer or shorter examples, or the vertex-ai backend, which uploads the data to Cloud Storage`,
      );
    }
    let retried = false;
    try {
      const op = await this.http.json<WireOperation>({
        method: 'POST',
        url: this.url('v1beta', 'tunedModels', req.tunedModelId ? { tunedModelId: req.tunedModelId } : undefined),
        body,
        // With a fixed tunedModelId a repeated create cannot make a second model: it gets
        // ALREADY_EXISTS, handled below by attaching to the model the first attempt made.
        idempotent: req.tunedModelId !== null,
        what: 'tunedModels.create',
        answer: OPERATION,
        onRetry: () => (retried = true),
      });
      return this.operationStatus(op, '');
    } catch (err) {
      if (err instanceof GoogleApiError && err.httpStatus === 409 && req.tunedModelId) {
        // On the first attempt, the model is another run's (same content key, same moment): attached.
        // After a retry it is most likely the one an earlier attempt of this create made.
        return { ...(await this.status(`tunedModels/${req.tunedModelId}`)), attached: !retried };
      }
      if (err instanceof MalformedAnswerError && req.tunedModelId) {
        // The model may exist all the same: say where, so that it can be found (and deleted).
        throw new MalformedAnswerError(
          `${err.message} (the tuned model, if the service made it, is tunedModels/${req.tunedModelId})`,
          err.call,
          err.httpStatus,
        );
      }
      throw explain(err, { baseModel: req.baseModel });
    }
  }

  async status(job: string, signal?: AbortSignal): Promise<JobStatus> {
    try {
      if (OPERATION_NAME.test(job)) {
        const op = await this.http.json<WireOperation>({
          method: 'GET',
          url: this.url('v1beta', job),
          what: 'operations.get',
          answer: OPERATION,
          ...(signal ? { signal } : {}),
        });
        if (!op.done) return this.operationStatus(op, job);
        // Finished: the tuned model has the final state and every snapshot.
        const modelName = op.metadata?.tunedModel ?? op.response?.name ?? job.replace(/\/operations\/.*$/, '');
        const model = await this.getModel(modelName, signal);
        const status = this.modelStatus(model, op.name || job, op);
        if (op.error && status.state !== 'ACTIVE') {
          status.state = 'FAILED';
          status.error = op.error.message ?? `tuning failed (${op.error.status ?? op.error.code ?? 'unknown error'})`;
        }
        return status;
      }
      if (MODEL_NAME.test(job)) return this.modelStatus(await this.getModel(job, signal), '', undefined);
      throw new Error(
        `"${job}" is not a Gemini API operation (tunedModels/ID/operations/OP) or tuned model (tunedModels/ID)`,
      );
    } catch (err) {
      throw explain(err, {});
    }
  }

  /**
   * The service's record decides: a base model it does not list, or whose
   * `supportedGenerationMethods` lacks `createTunedModel`, cannot be tuned. In 2026 that is every
   * model: Google retired its last tunable one in May 2025 and has announced no other.
   */
  async checkBaseModel(baseModel: string): Promise<void> {
    if (!/^models\/[^/]+$/.test(baseModel)) return; // a tuned model as the source: the create decides
    let methods: readonly string[];
    try {
      const model = await this.http.json<{ supportedGenerationMethods?: string[] }>({
        method: 'GET',
        url: this.url('v1beta', baseModel),
        what: 'models.get',
        answer: BASE_MODEL_ANSWER,
      });
      methods = model.supportedGenerationMethods ?? [];
    } catch (err) {
      if (!(err instanceof GoogleApiError) || err.httpStatus !== 404) throw explain(err, {});
      throw new BaseModelRefused(`${noTuning(baseModel, 'the service does not know it (404 NOT_FOUND)')}`);
    }
    if (!methods.includes('createTunedModel')) {
      throw new BaseModelRefused(noTuning(baseModel, 'the service does not offer it for tuning (no createTunedModel)'));
    }
  }

  private getModel(name: string, signal?: AbortSignal): Promise<WireTunedModel> {
    return this.http.json<WireTunedModel>({
      method: 'GET',
      url: this.url('v1beta', name),
      what: 'tunedModels.get',
      answer: TUNED_MODEL_ANSWER,
      ...(signal ? { signal } : {}),
    });
  }

  async cancel(status: JobStatus): Promise<void> {
    const model = status.tunedModel ?? status.job.replace(/\/operations\/.*$/, '');
    try {
      await this.http.json({
        method: 'DELETE',
        url: this.url('v1beta', model),
        what: 'tunedModels.delete',
        answer: EMPTY,
      });
    } catch (err) {
      if (err instanceof GoogleApiError && err.httpStatus === 404) return; // already gone
      throw explain(err, {});
    }
  }

  async findByContentKey(_contentKey: string, tunedModelId: string | null): Promise<JobStatus | null> {
    if (!tunedModelId) return null;
    try {
      return this.modelStatus(await this.getModel(`tunedModels/${tunedModelId}`), '', undefined);
    } catch (err) {
      if (err instanceof GoogleApiError && err.httpStatus === 404) return null;
      throw explain(err, {});
    }
  }

  generate(
    model: string,
    prompt: EvalPrompt | string,
    config: GenerationConfig,
    signal?: AbortSignal,
  ): Promise<GenerateAnswer> {
    return generateContent(this.http, this.url('v1beta', `${model}:generateContent`), prompt, config, signal);
  }

  countTokens(model: string, turns: readonly EvalTurn[], signal?: AbortSignal): Promise<number> {
    const name = model.startsWith('models/') ? model : `models/${model}`;
    return countTokens(this.http, this.url('v1beta', `${name}:countTokens`), turns, signal);
  }

  embed(model: string, texts: string[], signal?: AbortSignal): Promise<Embeddings> {
    const name = model.startsWith('models/') ? model : `models/${model}`;
    return batchEmbed(this.http, this.url('v1beta', `${name}:batchEmbedContents`), name, texts, signal);
  }

  /** The valid loss snapshots (see lossPoints); how many were not, said once per job. */
  private snapshots(job: string, list: WireSnapshot[] | null | undefined): Snapshot[] {
    const { points, dropped } = lossPoints(list, (s: WireSnapshot) => ({
      step: s.step,
      loss: s.meanLoss,
      epoch: s.epoch === undefined || s.epoch === null ? 0 : countValue(s.epoch),
      computeTime: s.computeTime,
    }));
    if (dropped && !this.lossWarned.has(job)) {
      this.lossWarned.add(job);
      core.warning(droppedLossMessage(job, dropped));
    }
    return points;
  }

  /** An Operation as a status; `known`: the operation asked for (kept when the answer has no name). */
  private operationStatus(op: WireOperation, known: string): JobStatus {
    const meta = op.metadata ?? {};
    const total = wireNumber(meta.totalSteps);
    const done = op.done === true;
    let state: TuningState = 'CREATING';
    if (done) state = op.error ? 'FAILED' : op.response?.state === 'FAILED' ? 'FAILED' : 'ACTIVE';
    const job = op.name || known;
    const model = meta.tunedModel || op.response?.name || null;
    return {
      job,
      state,
      tunedModel: model,
      endpoint: model,
      completedPercent: wireNumber(meta.completedPercent) ?? (total ? 0 : null),
      completedSteps: wireNumber(meta.completedSteps) ?? (total ? 0 : null),
      totalSteps: total,
      snapshots: this.snapshots(job, meta.snapshots),
      error: op.error ? (op.error.message ?? 'tuning failed') : null,
      hyperparameters: null,
    };
  }

  private modelStatus(model: WireTunedModel, job: string, op: WireOperation | undefined): JobStatus {
    const state: TuningState = model.state === 'ACTIVE' ? 'ACTIVE' : model.state === 'FAILED' ? 'FAILED' : 'CREATING';
    const snaps = this.snapshots(job || model.name || '', model.tuningTask?.snapshots ?? op?.metadata?.snapshots);
    const total = wireNumber(op?.metadata?.totalSteps);
    const last = snaps.at(-1);
    const h = model.tuningTask?.hyperparameters;
    return {
      job,
      state,
      tunedModel: model.name ?? null,
      endpoint: model.name ?? null,
      completedPercent: state === 'ACTIVE' ? 100 : wireNumber(op?.metadata?.completedPercent),
      completedSteps: last?.step ?? null,
      totalSteps: total ?? (state === 'ACTIVE' ? (last?.step ?? null) : null),
      snapshots: snaps,
      error: state === 'FAILED' ? 'tuning failed' : null,
      hyperparameters: h
        ? {
            epochCount: wireNumber(h.epochCount),
            batchSize: wireNumber(h.batchSize),
            learningRate: wireNumber(h.learningRate),
            learningRateMultiplier: wireNumber(h.learningRateMultiplier),
          }
        : null,
    };
  }
}

function wireHyperparameters(h: Hyperparameters): Record<string, number> {
  const out: Record<string, number> = {};
  if (h.learningRate !== null) out['learningRate'] = h.learningRate;
  if (h.learningRateMultiplier !== null) out['learningRateMultiplier'] = h.learningRateMultiplier;
  if (h.epochCount !== null) out['epochCount'] = h.epochCount;
  if (h.batchSize !== null) out['batchSize'] = h.batchSize;
  return out;
}
