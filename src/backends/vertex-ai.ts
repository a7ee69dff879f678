/**
 * The Vertex AI backend: the datasets go to Cloud Storage as contents JSONL (resumable upload,
 * skipped when the same bytes are already there), then tuningJobs.create (which returns the
 * TuningJob itself, no Operation), tuningJobs.get while it trains, tuningJobs.cancel, and
 * generateContent on the tuned model's endpoint (or on a publisher model for the baseline).
 * The TuningJob carries no loss: the curve is read from the job's experiment (vertex-metrics.ts).
 */

import {
  CreateStoppedError,
  type CreatedJob,
  type CreateTuningRequest,
  type KeyedJob,
  type TuningBackend,
} from './backend.js';
import { EMPTY } from './answers.js';
import { uploadResumable, type RawRequestClient, type UploadResult } from './gcs-upload.js';
import { stagingObject } from './staging.js';
import { explain } from './vertex-explain.js';
import { GoogleApiError } from './errors.js';
import { readEvalSet, storeEvalSet, type EvalStorage } from './eval-storage.js';
import { VertexModels } from './vertex-models.js';
import { lifecycleLocations } from './model-catalog.js';
import { systemClock } from '../util/clock.js';
import { writeVertexJsonl } from '../dataset/to-vertex-jsonl.js';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predictEmbeddings, type Embeddings } from './embeddings.js';
import { countTokens } from './count-tokens.js';
import { generateContent, type GenerateAnswer } from './generate-content.js';
import type { GoogleHttp } from './http.js';
import { storageBaseUrl, vertexBaseUrl } from './vertex-hosts.js';
import { LossCurves } from './vertex-metrics.js';
import { DEFAULT_BASE_MODEL } from './defaults.js';
import {
  ANSWERS,
  contentKeyLabel,
  jobStatus,
  mapState,
  wireHyperparameters,
  type WireListJobs,
  type WireTuningJob,
} from './vertex-wire.js';
import type { Clock } from '../util/clock.js';
import type { EvalPrompt, EvalTurn, GenerationConfig, JobStatus } from '../domain.js';

export const VERTEX_DEFAULT_BASE_MODEL = DEFAULT_BASE_MODEL['vertex-ai'];
/** Label holding (the first 63 hex digits of) the content key: label values are at most 63 characters. */
export const CONTENT_KEY_LABEL = 'gemini_tune_key';
/** Label holding the run label of the run that created the job (found by the post step when the create's answer was lost). */
export const RUN_LABEL = 'gemini_tune_run';
export const TUNING_JOB_NAME = /^projects\/[^/]+\/locations\/([^/]+)\/tuningJobs\/[^/]+$/;
const ENDPOINT_NAME = /^projects\/[^/]+\/locations\/([^/]+)\/endpoints\/[^/]+$/;

export interface VertexOptions {
  project: string;
  location: string;
  /** gs://bucket/prefix; needed to create a job, not to poll, cancel or resume one. */
  stagingUri: string | null;
  apiEndpoint: string | null;
  /** Bytes per upload request (a multiple of 256 KiB). */
  uploadChunkSize?: number;
  /** The run's clock: upload retries wait on it. */
  clock?: Clock;
  log?: (message: string) => void;
}

/** A tuned model version, the source of continuous tuning: projects/P/locations/L/models/M@VERSION. */
const TUNED_MODEL_VERSION = /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+@\d+$/;

export class VertexAiBackend implements TuningBackend {
  readonly name = 'vertex-ai' as const;
  readonly defaultBaseModel = VERTEX_DEFAULT_BASE_MODEL;
  /** Uploads this backend made (or skipped), for the log and the tests. */
  readonly uploads: UploadResult[] = [];
  private readonly log: (message: string) => void;
  /** Reads each job's loss curve from its experiment (vertex-metrics.ts). */
  private readonly curves: LossCurves;

  constructor(
    private readonly http: GoogleHttp,
    private readonly raw: RawRequestClient,
    private readonly opts: VertexOptions,
  ) {
    this.log = opts.log ?? (() => undefined);
    this.curves = new LossCurves(http, (resource, query) => this.url(resource, query), this.log);
  }

  private get parent(): string {
    return `projects/${this.opts.project}/locations/${this.opts.location}`;
  }

  /** URL of a resource name, on the host of the location the name itself is in. */
  private url(resource: string, query?: Record<string, string>): string {
    const location = /^projects\/[^/]+\/locations\/([^/]+)/.exec(resource)?.[1] ?? this.opts.location;
    const u = new URL(`${vertexBaseUrl(location, this.opts.apiEndpoint)}/v1/${resource}`);
    for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
    return u.toString();
  }

  async create(req: CreateTuningRequest): Promise<CreatedJob> {
    if (!this.opts.stagingUri) throw new Error('the vertex-ai backend needs "staging-uri" to upload the dataset to');
    const trainingUri = await this.upload(req.contentKey, 'training', req.examples);
    const validationUri = req.validationExamples.count
      ? await this.upload(req.contentKey, 'validation', req.validationExamples)
      : null;
    // A stop signal during the upload: the create is not sent, so no job needs cancelling.
    if (req.stop?.aborted) throw new CreateStoppedError();
    // Continuous tuning: the source is a tuned model version (preTunedModel), not a base model.
    const source = TUNED_MODEL_VERSION.test(req.baseModel)
      ? { preTunedModel: { tunedModelName: req.baseModel } }
      : { baseModel: req.baseModel };
    const body = {
      ...source,
      supervisedTuningSpec: {
        trainingDatasetUri: trainingUri,
        ...(validationUri ? { validationDatasetUri: validationUri } : {}),
        ...wireHyperparameters(req.hyperparameters),
      },
      ...(req.displayName !== null ? { tunedModelDisplayName: req.displayName } : {}),
      ...(req.description ? { description: req.description } : {}),
      labels: {
        [CONTENT_KEY_LABEL]: contentKeyLabel(req.contentKey),
        'managed-by': 'gemini-tune',
        ...(req.runLabel ? { [RUN_LABEL]: req.runLabel } : {}),
        ...req.marks,
      },
    };
    try {
      // Not retried: tuningJobs.create takes no request id, so a repeat could start a second job.
      const job = await this.http.json<WireTuningJob>({
        method: 'POST',
        url: this.url(`${this.parent}/tuningJobs`),
        body,
        idempotent: false,
        what: 'tuningJobs.create',
        answer: ANSWERS.tuningJob,
      });
      return jobStatus(job, []);
    } catch (err) {
      throw explain(err, { baseModel: req.baseModel });
    }
  }

  async defaultCheckpoint(model: string): Promise<string | null> {
    try {
      const m = await this.http.json<{ defaultCheckpointId?: string }>({
        method: 'GET',
        url: this.url(model),
        what: 'models.get',
        answer: ANSWERS.model,
      });
      return m.defaultCheckpointId || null;
    } catch (err) {
      throw explain(err, {});
    }
  }

  async setDefaultCheckpoint(model: string, checkpointId: string): Promise<void> {
    try {
      await this.http.json({
        method: 'PATCH',
        url: this.url(model, { updateMask: 'defaultCheckpointId' }),
        body: { defaultCheckpointId: checkpointId },
        what: 'models.patch',
        answer: ANSWERS.model,
      });
    } catch (err) {
      throw explain(err, {});
    }
  }

  async resolveTunedModel(name: string): Promise<string> {
    let model: { name?: string; versionId?: string };
    try {
      model = await this.http.json<{ name?: string; versionId?: string }>({
        method: 'GET',
        url: this.url(name),
        what: 'models.get',
        answer: ANSWERS.model,
      });
    } catch (err) {
      throw explain(err, {});
    }
    const base = (model.name ?? name).replace(/@.*$/, '');
    if (!model.versionId) throw new Error(`models.get of ${name} named no versionId`);
    return `${base}@${model.versionId}`;
  }

  private async upload(key: string, kind: 'training' | 'validation', examples: CreateTuningRequest['examples']) {
    // Directly under the staging prefix (PREFIX/KEY/KIND.jsonl): the prefix is not repeated.
    const { bucket, object } = stagingObject(this.opts.stagingUri ?? '', key, kind);
    // The canonical JSONL written once to a file (never held whole), whose bytes are then
    // checksummed and sent (again from where the service says when an upload resumes).
    const dir = await mkdtemp(join(tmpdir(), 'gemini-tune-upload-'));
    const staged = join(dir, `${kind}.jsonl`);
    const result = await writeVertexJsonl(examples, staged)
      .then(() =>
        uploadResumable({
          client: this.raw,
          baseUrl: storageBaseUrl(this.opts.apiEndpoint),
          bucket,
          object,
          data: { chunks: () => createReadStream(staged, { highWaterMark: 1 << 20 }) },
          contentType: 'application/jsonl',
          ...(this.opts.uploadChunkSize ? { chunkSize: this.opts.uploadChunkSize } : {}),
          ...(this.opts.clock ? { clock: this.opts.clock } : {}),
          log: this.log,
        }),
      )
      .catch((err: unknown) => {
        throw explain(err, { upload: `gs://${bucket}/${object}` });
      })
      .finally(() => rm(dir, { recursive: true, force: true }));
    this.uploads.push(result);
    this.log(
      result.skipped
        ? `${kind} data: ${result.uri} is already there (same MD5), not uploaded again`
        : `${kind} data: uploaded ${result.size} bytes to ${result.uri}` +
            (result.resumes
              ? ` (interrupted ${result.resumes} time(s); resumed at byte ${result.resumedAt.join(', ')}` +
                ' as Cloud Storage reported, not from the start)'
              : ''),
    );
    return result.uri;
  }

  get lifecycle(): VertexModels {
    return new VertexModels({
      http: this.http,
      url: (resource, query) => this.url(resource, query),
      project: this.opts.project,
      locations: lifecycleLocations(this.opts.location),
      clock: this.opts.clock ?? systemClock,
      log: this.log,
    });
  }

  private get storage(): EvalStorage {
    const { stagingUri, apiEndpoint, clock } = this.opts;
    return { http: this.http, raw: this.raw, stagingUri, apiEndpoint, log: this.log, ...(clock ? { clock } : {}) };
  }

  storeEvalSet(bytes: Buffer, sha256: string): Promise<string> {
    return storeEvalSet(this.storage, bytes, sha256);
  }

  readEvalSet(uri: string, signal?: AbortSignal): Promise<Buffer> {
    return readEvalSet(this.storage, uri, signal);
  }

  async status(job: string, signal?: AbortSignal): Promise<JobStatus> {
    if (!TUNING_JOB_NAME.test(job)) {
      throw new Error(`"${job}" is not a Vertex AI tuning job name (projects/P/locations/L/tuningJobs/ID)`);
    }
    let wire: WireTuningJob;
    try {
      wire = await this.http.json<WireTuningJob>({
        method: 'GET',
        url: this.url(job),
        what: 'tuningJobs.get',
        answer: ANSWERS.tuningJob,
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      throw explain(err, {});
    }
    const curves = await this.curves.lossCurves(wire);
    return { ...jobStatus(wire, curves.training, job), validationSnapshots: curves.validation };
  }

  async cancel(status: JobStatus): Promise<void> {
    if (!status.job) return;
    try {
      await this.http.json({
        method: 'POST',
        url: this.url(`${status.job}:cancel`),
        body: {},
        idempotent: true, // cancelling twice is harmless
        what: 'tuningJobs.cancel',
        answer: EMPTY,
      });
    } catch (err) {
      // Already ended (FAILED_PRECONDITION) or gone: nothing left to cancel.
      if (err instanceof GoogleApiError && [400, 404].includes(err.httpStatus)) return;
      throw explain(err, {});
    }
  }

  async findByContentKey(contentKey: string): Promise<JobStatus | null> {
    const usable = (await this.labelled(contentKey)).filter(
      (j) => j.state !== 'JOB_STATE_CANCELLING' && ['ACTIVE', 'CREATING'].includes(mapState(j.state)),
    );
    usable.sort(
      (a, b) =>
        Number(mapState(b.state) === 'ACTIVE') - Number(mapState(a.state) === 'ACTIVE') ||
        (b.createTime ?? '').localeCompare(a.createTime ?? ''),
    );
    const best = usable[0];
    return best?.name ? this.status(best.name) : null;
  }

  async listByContentKey(contentKey: string): Promise<KeyedJob[]> {
    return (await this.labelled(contentKey)).flatMap((j) => {
      if (!j.name) return [];
      const mapped = mapState(j.state);
      const state = j.state === 'JOB_STATE_CANCELLING' || !['ACTIVE', 'CREATING'].includes(mapped) ? 'ENDED' : mapped;
      const runLabel = j.labels?.[RUN_LABEL] ?? null;
      return [{ name: j.name, state: state as KeyedJob['state'], createTime: j.createTime ?? '', runLabel }];
    });
  }

  /** Every job labelled with this content key (tuningJobs.list, by the label filter where the service takes it). */
  private async labelled(contentKey: string): Promise<WireTuningJob[]> {
    const label = contentKeyLabel(contentKey);
    const matches: WireTuningJob[] = [];
    let filter: string | null = `labels.${CONTENT_KEY_LABEL}="${label}"`;
    let pageToken = '';
    for (let page = 0; page < 20; page++) {
      let res: WireListJobs;
      try {
        res = await this.http.json<WireListJobs>({
          method: 'GET',
          url: this.url(`${this.parent}/tuningJobs`, {
            pageSize: '100',
            ...(filter ? { filter } : {}),
            ...(pageToken ? { pageToken } : {}),
          }),
          what: 'tuningJobs.list',
          answer: ANSWERS.listJobs,
        });
      } catch (err) {
        // A service that does not take the label filter: list everything and filter here.
        if (filter && err instanceof GoogleApiError && err.httpStatus === 400) {
          filter = null;
          pageToken = '';
          continue;
        }
        throw explain(err, {});
      }
      matches.push(...(res.tuningJobs ?? []).filter((j) => j.labels?.[CONTENT_KEY_LABEL] === label));
      if (!res.nextPageToken) break;
      pageToken = res.nextPageToken;
    }
    return matches;
  }

  generate(
    model: string,
    prompt: EvalPrompt | string,
    config: GenerationConfig,
    signal?: AbortSignal,
  ): Promise<GenerateAnswer> {
    return generateContent(this.http, this.url(`${this.modelResource(model)}:generateContent`), prompt, config, signal);
  }

  countTokens(model: string, turns: readonly EvalTurn[], signal?: AbortSignal): Promise<number> {
    return countTokens(this.http, this.url(`${this.modelResource(model)}:countTokens`), turns, signal);
  }

  embed(model: string, texts: string[], signal?: AbortSignal): Promise<Embeddings> {
    return predictEmbeddings(this.http, this.url(`${this.modelResource(model)}:predict`), texts, signal);
  }

  /**
   * A tuned model's endpoint (projects/P/locations/L/endpoints/E) as it is; a base model
   * (gemini-3.5-flash, models/..., publishers/google/models/...) as a publisher model in this project.
   */
  private modelResource(model: string): string {
    if (ENDPOINT_NAME.test(model) || model.startsWith('projects/')) return model;
    const id = model.replace(/^(publishers\/[^/]+\/)?models\//, '');
    const publisher = /^publishers\/([^/]+)\//.exec(model)?.[1] ?? 'google';
    return `${this.parent}/publishers/${publisher}/models/${id}`;
  }
}
