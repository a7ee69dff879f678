/**
 * The Gemini API (generativelanguage.googleapis.com) tuning surface. Routes follow the proto HTTP
 * bindings (model_service.proto, generative_service.proto, generativelanguage_v1beta.yaml,
 * generativelanguage_v1.yaml): tuned-model CRUD only under /v1beta; operations, models and
 * generateContent under /v1 and /v1beta.
 */
import type { ServiceEnv } from '../../core/env.js';
import type { Router } from '../../core/router.js';
import { json, SEG } from '../../core/router.js';
import { ApiError, invalidArgument } from '../../core/status.js';
import { parseJsonBody } from '../../core/protojson.js';
import { embedText } from '../../core/judging.js';
import { countRequestTokens, decodePageToken, encodePageToken, pageSizeParam, queryParam } from '../../core/util.js';
import { GenerateService } from './generate.js';
import { findModel, listedModels, renderModel } from './models.js';
import { TuningStore } from './tuning.js';

export class GeminiService {
  readonly tuning: TuningStore;
  readonly generate: GenerateService;

  constructor(private readonly env: ServiceEnv) {
    this.tuning = new TuningStore(env);
    this.generate = new GenerateService(env, this.tuning);
  }

  reset(): void {
    this.tuning.reset();
    this.generate.reset();
  }

  register(router: Router): void {
    const t = this.tuning;
    const V = '(?<version>v1|v1beta)';

    // ModelService: tuned models (v1beta only)
    // The model exists once the create's latency has passed (two creates in that time both look first).
    router.add('POST', /^\/v1beta\/tunedModels$/, async (c) => {
      await this.env.sleep(this.env.training().createLatencyMs);
      return json(200, t.create(c.query, c.rawBody));
    });
    router.add('GET', /^\/v1beta\/tunedModels$/, (c) => json(200, t.list(c.query)));
    router.add('GET', new RegExp(`^/v1beta/tunedModels/(?<id>${SEG})$`), (c) => json(200, t.getModel(c.params['id']!)));
    router.add('PATCH', new RegExp(`^/v1beta/tunedModels/(?<id>${SEG})$`), (c) =>
      json(200, t.patch(c.params['id']!, c.query, c.rawBody)),
    );
    router.add('DELETE', new RegExp(`^/v1beta/tunedModels/(?<id>${SEG})$`), (c) =>
      json(200, t.delete(c.params['id']!)),
    );

    // google.longrunning.Operations for tuned models (v1 and v1beta)
    router.add('GET', new RegExp(`^/${V}/tunedModels/(?<id>${SEG})/operations/(?<op>${SEG})$`), (c) =>
      json(200, t.getOperation(c.params['id']!, c.params['op']!)),
    );
    router.add('GET', new RegExp(`^/${V}/tunedModels/(?<id>${SEG})/operations$`), (c) =>
      json(200, t.listOperations(c.params['id']!, c.query)),
    );

    // ModelService: base models
    router.add('GET', new RegExp(`^/${V}/models$`), (c) => {
      const pageSize = pageSizeParam(queryParam(c.query, 'pageSize'), 50, 1000);
      const token = queryParam(c.query, 'pageToken');
      const offset = token ? decodePageToken(token, 'models') : 0;
      const models = listedModels(this.env.training().tunable);
      const out: Record<string, unknown> = { models: models.slice(offset, offset + pageSize).map(renderModel) };
      if (offset + pageSize < models.length) out['nextPageToken'] = encodePageToken(offset + pageSize, 'models');
      return json(200, out);
    });
    router.add('GET', new RegExp(`^/${V}/models/(?<id>${SEG})$`), (c) => {
      const name = `models/${c.params['id']!}`;
      const m = findModel(name, this.env.training().tunable);
      if (m === undefined) {
        throw new ApiError(
          'NOT_FOUND',
          `models/${c.params['id']!} is not found for API version ${c.params['version']!}, or is not supported for GetModel. Call ListModels to see the list of available models and their supported methods.`,
        );
      }
      return json(200, renderModel(m));
    });

    // models/M:countTokens (the action's budget estimate): contents, or a generateContentRequest.
    router.add('POST', new RegExp(`^/${V}/models/(?<id>${SEG}):countTokens$`), (c) => {
      const name = `models/${c.params['id']!}`;
      const m = findModel(name, this.env.training().tunable);
      if (m === undefined || !m.supportedGenerationMethods.includes('countTokens')) {
        throw new ApiError(
          'NOT_FOUND',
          `${name} is not found for API version ${c.params['version']!}, or is not supported for countTokens. Call ListModels to see the list of available models and their supported methods.`,
        );
      }
      const body = parseJsonBody(c.rawBody) as Record<string, unknown>;
      const request = (body['generateContentRequest'] as Record<string, unknown> | undefined) ?? body;
      if (body['contents'] !== undefined && body['generateContentRequest'] !== undefined) {
        throw invalidArgument(
          '* CountTokensRequest: set contents or generate_content_request, not both.\n',
          'contents',
        );
      }
      this.env.stats.countTokensCalls++;
      return json(200, { totalTokens: countRequestTokens(request).tokens });
    });

    // Embeddings (the semantic scorer): models/M:batchEmbedContents.
    router.add('POST', new RegExp(`^/${V}/models/(?<id>${SEG}):batchEmbedContents$`), (c) => {
      const name = `models/${c.params['id']!}`;
      const m = findModel(name, this.env.training().tunable);
      if (m === undefined || !m.supportedGenerationMethods.includes('embedContent')) {
        throw new ApiError(
          'NOT_FOUND',
          `${name} is not found for API version ${c.params['version']!}, or is not supported for batchEmbedContents. Call ListModels to see the list of available models and their supported methods.`,
        );
      }
      const body = parseJsonBody(c.rawBody) as { requests?: unknown };
      const requests = Array.isArray(body.requests) ? (body.requests as Record<string, unknown>[]) : [];
      if (requests.length === 0 || requests.length > 100) {
        throw invalidArgument('* BatchEmbedContentsRequest.requests: must hold 1 to 100 requests.\n', 'requests');
      }
      const embeddings = requests.map((r, i) => {
        if (r?.['model'] !== name) {
          throw invalidArgument(
            `* BatchEmbedContentsRequest.requests[${i}].model: must be the model of the batch (${name}).\n`,
            `requests[${i}].model`,
          );
        }
        const parts = ((r['content'] as { parts?: { text?: unknown }[] } | undefined)?.parts ?? []).map((p) =>
          typeof p?.text === 'string' ? p.text : '',
        );
        return { values: embedText(parts.join('')) };
      });
      return json(200, { embeddings });
    });

    // GenerativeService
    router.add(
      'POST',
      new RegExp(
        `^/${V}/(?<collection>models|tunedModels)/(?<id>${SEG}):(?<method>generateContent|streamGenerateContent)$`,
      ),
      (c) =>
        this.generate.handle({
          version: c.params['version']!,
          collection: c.params['collection'] as 'models' | 'tunedModels',
          id: c.params['id']!,
          stream: c.params['method'] === 'streamGenerateContent',
          query: c.query,
          rawBody: c.rawBody,
        }),
    );
  }
}
