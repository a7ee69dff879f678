/**
 * Vertex AI (aiplatform.googleapis.com), the tuning surface: tuningJobs create/get/list/cancel,
 * generateContent on a tuned model's endpoint and on publisher models, and the metadata /
 * TensorBoard reads that carry the loss curve. Routes exist under /v1 and /v1beta1.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceEnv } from '../../core/env.js';
import { parseBody, parseJsonBody } from '../../core/protojson.js';
import type { Reply, RequestCtx, Router } from '../../core/router.js';
import { json } from '../../core/router.js';
import { ApiError, invalidArgument, resourceExhausted } from '../../core/status.js';
import { countRequestTokens, sleep } from '../../core/util.js';
import { EMBEDDING_MODELS, embedText, isJudgeCall, judge } from '../../core/judging.js';
import { markAnswer } from '../gemini/answer-markers.js';
import { baseAnswer, tunedAnswer } from '../gemini/standin.js';
import type { StorageService } from '../storage/index.js';
import type { ResolvedVertex } from './jobs.js';
import { JobStore, VERTEX_BASE_MODELS } from './jobs.js';
import { GenerateContentRequest } from './messages.js';
import { Metrics } from './metrics.js';
import { ModelRegistry } from './models.js';

export type { ResolvedVertex } from './jobs.js';

type Json = Record<string, unknown>;
const tokens = (s: string): number => (s === '' ? 0 : Math.max(1, Math.ceil([...s].length / 4)));

const V = '(?<version>v1|v1beta1)';
const LOC = `^/${V}/projects/(?<project>[^/:]+)/locations/(?<location>[^/:]+)`;
const ID = '[^/:]+';

export class VertexService {
  readonly jobs: JobStore;
  readonly metrics: Metrics;
  readonly models: ModelRegistry;
  private inFlight = 0;

  constructor(
    private readonly env: ServiceEnv,
    private readonly config: () => ResolvedVertex,
    storage: StorageService,
  ) {
    this.jobs = new JobStore(env, config, storage);
    this.metrics = new Metrics(this.jobs);
    this.models = new ModelRegistry(env, this.jobs, () => config().operationMs);
  }

  reset(): void {
    this.jobs.reset();
    this.models.reset();
  }

  register(router: Router): void {
    const j = this.jobs;
    const m = this.metrics;
    const p = (c: RequestCtx, k: string): string => decodeURIComponent(c.params[k]!);
    const at = (c: RequestCtx): [string, string] => [p(c, 'project'), p(c, 'location')];

    // The job exists once the create's latency has passed (two creates in that time both look first).
    router.add('POST', new RegExp(`${LOC}/tuningJobs$`), async (c) => {
      await this.env.sleep(this.config().createLatencyMs);
      return json(200, j.create(...at(c), c.rawBody));
    });
    router.add('GET', new RegExp(`${LOC}/tuningJobs$`), (c) => json(200, j.list(...at(c), c.query)));
    router.add('GET', new RegExp(`${LOC}/tuningJobs/(?<id>${ID})$`), (c) => json(200, j.get(...at(c), p(c, 'id'))));
    router.add('POST', new RegExp(`${LOC}/tuningJobs/(?<id>${ID}):cancel$`), (c) =>
      json(200, j.cancel(...at(c), p(c, 'id'))),
    );

    // ModelService and EndpointService for tuned models (models.ts); deletes and undeploys are operations.
    const md = this.models;
    const MODEL = `${LOC}/models/(?<model>[^/:]+)`;
    router.add('GET', new RegExp(`${LOC}/models$`), (c) => json(200, md.listModels(...at(c), c.query)));
    router.add('GET', new RegExp(`${MODEL}$`), (c) => json(200, md.getModel(...at(c), p(c, 'model'))));
    router.add('PATCH', new RegExp(`${MODEL}$`), (c) =>
      json(
        200,
        md.patchModel(
          ...at(c),
          p(c, 'model'),
          c.query.get('updateMask') ?? c.query.get('update_mask') ?? '',
          c.rawBody,
        ),
      ),
    );
    router.add('DELETE', new RegExp(`${MODEL}$`), (c) => json(200, md.deleteModel(...at(c), p(c, 'model'))));
    router.add('GET', new RegExp(`${MODEL}:listVersions$`), (c) =>
      json(200, md.listVersions(...at(c), p(c, 'model'), c.query)),
    );
    router.add('POST', new RegExp(`${MODEL}:mergeVersionAliases$`), (c) =>
      json(200, md.mergeVersionAliases(...at(c), p(c, 'model'), c.rawBody)),
    );
    router.add('DELETE', new RegExp(`${MODEL}:deleteVersion$`), (c) =>
      json(200, md.deleteVersion(...at(c), p(c, 'model'))),
    );
    const ENDPOINT = `${LOC}/endpoints/(?<id>${ID})`;
    router.add('GET', new RegExp(`${ENDPOINT}$`), (c) => json(200, md.getEndpoint(...at(c), p(c, 'id'))));
    router.add('DELETE', new RegExp(`${ENDPOINT}$`), (c) => json(200, md.deleteEndpoint(...at(c), p(c, 'id'))));
    router.add('POST', new RegExp(`${ENDPOINT}:undeployModel$`), (c) =>
      json(200, md.undeployModel(...at(c), p(c, 'id'), c.rawBody)),
    );
    router.add('GET', new RegExp(`^/(?:v1|v1beta1)/(?<op>projects/[^:]+/operations/[^/:]+)$`), (c) =>
      json(200, md.getOperation(p(c, 'op'))),
    );

    // LlmUtilityService.CountTokens on a publisher model (the action's budget estimate).
    router.add('POST', new RegExp(`${LOC}/publishers/(?<publisher>${ID})/models/(?<id>${ID}):countTokens$`), (c) => {
      const [project, location] = at(c);
      const id = p(c, 'id');
      if (p(c, 'publisher') !== 'google' || !(VERTEX_BASE_MODELS as readonly string[]).includes(id)) {
        throw new ApiError(
          'NOT_FOUND',
          `Publisher Model \`projects/${project}/locations/${location}/publishers/${p(c, 'publisher')}/models/${id}\` was not found or your project does not have access to it.`,
        );
      }
      const body = parseJsonBody(c.rawBody) as Record<string, unknown>;
      if (!Array.isArray(body['contents']) || body['contents'].length === 0) {
        throw invalidArgument('contents is required.', 'contents');
      }
      this.env.stats.countTokensCalls++;
      const { tokens, characters } = countRequestTokens(body);
      return json(200, {
        totalTokens: tokens,
        totalBillableCharacters: characters,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens }],
      });
    });

    // Embeddings (the semantic scorer): PredictionService.Predict on an embedding publisher model.
    router.add('POST', new RegExp(`${LOC}/publishers/(?<publisher>${ID})/models/(?<id>${ID}):predict$`), (c) =>
      json(200, this.predictEmbeddings(c, p(c, 'publisher'), p(c, 'id'))),
    );

    const GEN = '(?<method>generateContent|streamGenerateContent)';
    router.add('POST', new RegExp(`${LOC}/endpoints/(?<id>${ID}):${GEN}$`), (c) =>
      this.generate(c, { kind: 'endpoint', id: p(c, 'id') }),
    );
    router.add('POST', new RegExp(`${LOC}/publishers/(?<publisher>${ID})/models/(?<id>${ID}):${GEN}$`), (c) =>
      this.generate(c, { kind: 'publisher', id: p(c, 'id'), publisher: p(c, 'publisher') }),
    );

    const STORE = '/metadataStores/(?<store>[^/:]+)';
    router.add('GET', new RegExp(`${LOC}${STORE}/contexts/(?<ctx>${ID})$`), (c) =>
      json(200, m.getContext(...at(c), p(c, 'store'), p(c, 'ctx'))),
    );
    router.add('GET', new RegExp(`${LOC}${STORE}/contexts$`), (c) =>
      json(200, m.listContexts(...at(c), p(c, 'store'), c.query.get('filter') ?? '')),
    );
    const TB = `/tensorboards/(?<tb>${ID})`;
    const RUN = `${TB}/experiments/(?<exp>${ID})/runs/(?<run>${ID})`;
    router.add('GET', new RegExp(`${LOC}${TB}$`), (c) => json(200, m.getTensorboard(...at(c), p(c, 'tb'))));
    router.add('GET', new RegExp(`${LOC}${TB}:batchRead$`), (c) =>
      json(200, m.batchRead(...at(c), p(c, 'tb'), c.query.getAll('timeSeries').concat(c.query.getAll('time_series')))),
    );
    const EXP = `${TB}/experiments/(?<exp>${ID})`;
    router.add('GET', new RegExp(`${LOC}${EXP}$`), (c) =>
      json(200, m.getExperiment(...at(c), p(c, 'tb'), p(c, 'exp'))),
    );
    router.add('GET', new RegExp(`${LOC}${EXP}/runs$`), (c) =>
      json(200, m.listRuns(...at(c), p(c, 'tb'), p(c, 'exp'))),
    );
    router.add('GET', new RegExp(`${LOC}${RUN}$`), (c) =>
      json(200, m.getRun(...at(c), p(c, 'tb'), p(c, 'exp'), p(c, 'run'))),
    );
    router.add('GET', new RegExp(`${LOC}${RUN}/timeSeries$`), (c) =>
      json(200, m.listTimeSeries(...at(c), p(c, 'tb'), p(c, 'exp'), p(c, 'run'), c.query.get('filter') ?? '')),
    );
    router.add('GET', new RegExp(`${LOC}${RUN}/timeSeries/(?<ts>${ID}):read$`), (c) =>
      json(
        200,
        m.read(
          ...at(c),
          p(c, 'tb'),
          p(c, 'exp'),
          p(c, 'run'),
          p(c, 'ts'),
          c.query.get('maxDataPoints') ?? c.query.get('max_data_points'),
        ),
      ),
    );
  }

  private predictEmbeddings(ctx: RequestCtx, publisher: string, id: string): Record<string, unknown> {
    const project = decodeURIComponent(ctx.params['project']!);
    const location = decodeURIComponent(ctx.params['location']!);
    if (publisher !== 'google' || !EMBEDDING_MODELS.includes(id)) {
      throw new ApiError(
        'NOT_FOUND',
        `Publisher Model \`projects/${project}/locations/${location}/publishers/${publisher}/models/${id}\` was not found or your project does not have access to it.`,
      );
    }
    const body = parseJsonBody(ctx.rawBody) as { instances?: unknown };
    const instances = Array.isArray(body.instances) ? (body.instances as unknown[]) : null;
    if (!instances || instances.length === 0 || instances.length > 250) {
      throw invalidArgument('instances must hold 1 to 250 items.', 'instances');
    }
    let characters = 0;
    const predictions = instances.map((inst, i) => {
      const content = (inst as { content?: unknown } | null)?.content;
      if (typeof content !== 'string') throw invalidArgument(`instances[${i}].content must be a string.`, 'instances');
      characters += content.length;
      return {
        embeddings: {
          values: embedText(content),
          statistics: { truncated: false, token_count: Math.max(1, Math.ceil(content.length / 4)) },
        },
      };
    });
    return { predictions, metadata: { billableCharacterCount: characters } };
  }

  private async generate(
    ctx: RequestCtx,
    target: { kind: 'endpoint'; id: string } | { kind: 'publisher'; id: string; publisher: string },
  ): Promise<Reply> {
    const project = decodeURIComponent(ctx.params['project']!);
    const location = decodeURIComponent(ctx.params['location']!);
    const req = parseBody(GenerateContentRequest, parseJsonBody(ctx.rawBody));
    let answer: (input: string) => string;
    let modelVersion: string;
    if (target.kind === 'endpoint') {
      const r = this.jobs.findByEndpoint(project, location, target.id);
      if (r === undefined || this.jobs.progress(r).state !== 'JOB_STATE_SUCCEEDED') {
        throw new ApiError(
          'NOT_FOUND',
          `Endpoint projects/${project}/locations/${location}/endpoints/${target.id} not found.`,
        );
      }
      if (r.undeployed?.has(target.id)) {
        throw new ApiError(
          'FAILED_PRECONDITION',
          `Endpoint projects/${project}/locations/${location}/endpoints/${target.id} has no deployed model.`,
        );
      }
      const examples = this.jobs.examples(r);
      // A checkpoint's endpoint answers as well as that epoch had learnt (vertex.checkpointQuality).
      const epoch = this.jobs.checkpointEpoch(r, target.id);
      const quality = epoch === null ? 1 : (r.training.checkpointQuality?.[epoch - 1] ?? 1);
      answer = (input) => (share(input) < quality ? tunedAnswer(input, examples) : baseAnswer(input));
      modelVersion = r.baseModel;
    } else {
      if (target.publisher !== 'google' || !(VERTEX_BASE_MODELS as readonly string[]).includes(target.id)) {
        throw new ApiError(
          'NOT_FOUND',
          `Publisher Model \`projects/${project}/locations/${location}/publishers/${target.publisher}/models/${target.id}\` was not found or your project does not have access to it.`,
        );
      }
      answer = baseAnswer;
      modelVersion = target.id;
    }

    const contents = (req['contents'] as Json[] | undefined) ?? [];
    if (contents.length === 0)
      throw invalidArgument('Unable to submit request because at least one contents field is required.', 'contents');
    contents.forEach((c, i) => {
      const parts = (c['parts'] as Json[] | undefined) ?? [];
      if (parts.length === 0) {
        throw invalidArgument(
          `Unable to submit request because it must include at least one parts field, which describes the prompt input. (contents[${i}])`,
          `contents[${i}].parts`,
        );
      }
      const role = c['role'] as string | undefined;
      if (role !== undefined && role !== '' && role !== 'user' && role !== 'model') {
        throw invalidArgument(
          `Please use a valid role: user, model. (contents[${i}].role = ${role})`,
          `contents[${i}].role`,
        );
      }
    });
    const gc = (req['generationConfig'] as Json | undefined) ?? {};
    // Gemini 3 models (and models tuned from them) take a temperature in (0.0, 2.0] only.
    const temperature = gc['temperature'];
    if (/^gemini-3/.test(modelVersion) && typeof temperature === 'number' && !(temperature > 0 && temperature <= 2)) {
      throw invalidArgument(
        `generation_config.temperature must be in (0.0, 2.0] for ${modelVersion}, got ${String(temperature)}.`,
        'generation_config.temperature',
      );
    }
    const level = (gc['thinkingConfig'] as Json | undefined)?.['thinkingLevel'];
    if (
      level !== undefined &&
      !['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH'].includes(level as string)
    ) {
      throw invalidArgument(
        `Invalid value at 'generation_config.thinking_config.thinking_level' (type.googleapis.com/google.cloud.aiplatform.v1.GenerationConfig.ThinkingConfig.ThinkingLevel), ${JSON.stringify(level)}`,
        'generation_config.thinking_config.thinking_level',
      );
    }
    const candidateCount = (gc['candidateCount'] as number | undefined) ?? 1;
    if (!(Number.isInteger(candidateCount) && candidateCount >= 1 && candidateCount <= 8)) {
      throw invalidArgument(
        `generation_config.candidate_count must be in [1, 8], got ${String(candidateCount)}.`,
        'generation_config.candidate_count',
      );
    }

    const cfg = this.env.generate();
    if (this.inFlight >= cfg.maxConcurrent) {
      this.env.stats.generateRejectedOverCap++;
      throw resourceExhausted('Resource exhausted. Please try again later.', cfg.overCapRetryAfterSeconds);
    }
    this.inFlight++;
    this.env.stats.generateCalls++;
    this.env.stats.generateMaxInFlight = Math.max(this.env.stats.generateMaxInFlight, this.inFlight);
    try {
      await sleep(cfg.latencyMs);
      const text = (c: Json): string =>
        ((c['parts'] as Json[] | undefined) ?? [])
          .map((x) => (typeof x['text'] === 'string' ? x['text'] : ''))
          .join('');
      const last =
        [...contents].reverse().find((c) => (c['role'] ?? 'user') !== 'model') ?? contents[contents.length - 1]!;
      const asked = text(last);
      // A call that asks for JSON with a schema is a judge call (the judge scorer): core/judging.ts.
      const out = isJudgeCall(gc)
        ? JSON.stringify(judge(contents.map(text).join('\n')))
        : this.env.variation.varies(`${target.kind}:${modelVersion}`, asked, cfg.variation)
          ? baseAnswer(asked)
          : answer(asked);
      const promptTokens = tokens(
        contents.map(text).join('') + text((req['systemInstruction'] as Json | undefined) ?? {}),
      );
      const candTokens = tokens(out) * candidateCount;
      const body: Json = {
        candidates: Array.from({ length: candidateCount }, (_v, index) => {
          const c: Json = { content: { role: 'model', parts: [{ text: out }] }, finishReason: 'STOP' };
          if (candidateCount > 1) c['index'] = index;
          return c;
        }),
        usageMetadata: {
          promptTokenCount: promptTokens,
          candidatesTokenCount: candTokens,
          totalTokenCount: promptTokens + candTokens,
          trafficType: 'ON_DEMAND',
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
          candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: candTokens }],
        },
        modelVersion,
        createTime: new Date(this.env.now()).toISOString(),
        responseId: randomBytes(12).toString('base64url'),
      };
      if (ctx.params['method'] !== 'streamGenerateContent') {
        // a marker in the prompt asks for a blocked, truncated, empty or thinking answer (gemini/answer-markers.ts)
        return json(200, markAnswer(text(last), body, gc['maxOutputTokens'] as number | undefined));
      }
      // one chunk: `alt=sse` → server-sent events, else a JSON array of responses
      if (ctx.query.get('alt') === 'sse') {
        return { status: 200, contentType: 'text/event-stream', body: `data: ${JSON.stringify(body)}\r\n\r\n` };
      }
      return json(200, [body]);
    } finally {
      this.inFlight--;
    }
  }
}

/** A stable share in [0, 1) for an input (which inputs a checkpoint answers well). */
function share(input: string): number {
  let h = 2166136261;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 16777619) >>> 0;
  return h / 2 ** 32;
}
