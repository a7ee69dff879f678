/**
 * The local emulator of the Google APIs the action talks to. One HTTP server, a small router,
 * shared pieces (auth, google.rpc.Status errors, fault injection, request recorder) and one module
 * per service (services/gemini today; Vertex AI, Cloud Storage and STS can be added the same way:
 * a class with register(router) and reset()).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, serviceForPath } from './core/auth.js';
import type { ResolvedGenerate, ResolvedTraining, ServiceEnv } from './core/env.js';
import { Faults, ruleFromJson } from './core/faults.js';
import type { Reply, RequestCtx } from './core/router.js';
import { Router, json } from './core/router.js';
import { ApiError, codeForHttpStatus, details, notFoundHtml } from './core/status.js';
import { sleep } from './core/util.js';
import { CallVariation } from './core/variation.js';
import { GeminiService } from './services/gemini/index.js';
import { StorageService } from './services/storage/index.js';
import { StsService } from './services/sts/index.js';
import { TokenRegistry } from './services/sts/tokens.js';
import { DEFAULT_STS, DEFAULT_VERTEX, resolveStorage, resolveSts, resolveVertex } from './services/vertex/config.js';
import { VertexService } from './services/vertex/index.js';
import type {
  ConfigurePatch,
  Emulator,
  EmulatorOptions,
  EmulatorStats,
  GenerateOptions,
  RecordedRequest,
  TrainingOptions,
} from './types.js';

export type * from './types.js';

const CONTROL_PREFIX = '/__emulator/';

function resolveTraining(base: ResolvedTraining, patch: TrainingOptions | undefined): ResolvedTraining {
  const out = { ...base };
  if (patch === undefined) return out;
  if (patch.tunable !== undefined) out.tunable = patch.tunable;
  if (patch.stepMs !== undefined) {
    if (!(patch.stepMs >= 0)) throw new TypeError('training.stepMs must be >= 0');
    out.stepMs = patch.stepMs;
  }
  if ('totalSteps' in patch) {
    if (patch.totalSteps !== undefined && !(Number.isInteger(patch.totalSteps) && patch.totalSteps > 0)) {
      throw new TypeError('training.totalSteps must be a positive integer');
    }
    out.totalSteps = patch.totalSteps;
  }
  if (patch.outcome !== undefined) {
    if (patch.outcome !== 'ACTIVE' && patch.outcome !== 'FAILED')
      throw new TypeError('training.outcome must be ACTIVE or FAILED');
    out.outcome = patch.outcome;
  }
  if (patch.failAtPercent !== undefined) {
    if (!(patch.failAtPercent >= 0 && patch.failAtPercent <= 100))
      throw new TypeError('training.failAtPercent must be in [0, 100]');
    out.failAtPercent = patch.failAtPercent;
  }
  if (patch.createLatencyMs !== undefined) {
    if (!(patch.createLatencyMs >= 0)) throw new TypeError('training.createLatencyMs must be >= 0');
    out.createLatencyMs = patch.createLatencyMs;
  }
  return out;
}

function resolveGenerate(base: ResolvedGenerate, patch: GenerateOptions | undefined): ResolvedGenerate {
  const out = { ...base };
  if (patch === undefined) return out;
  if (patch.latencyMs !== undefined) out.latencyMs = Math.max(0, patch.latencyMs);
  if (patch.maxConcurrent !== undefined) {
    // JSON cannot carry Infinity: null (or a non-positive number) means "no cap"
    const v = patch.maxConcurrent as number | null;
    out.maxConcurrent = v === null || !(v > 0) ? Infinity : v;
  }
  if (patch.overCapRetryAfterSeconds !== undefined)
    out.overCapRetryAfterSeconds = Math.max(0, patch.overCapRetryAfterSeconds);
  if (patch.variation !== undefined) out.variation = Math.min(1, Math.max(0, patch.variation));
  return out;
}

const DEFAULT_TRAINING: ResolvedTraining = {
  tunable: false,
  stepMs: 50,
  totalSteps: undefined,
  outcome: 'ACTIVE',
  failAtPercent: 50,
  createLatencyMs: 0,
};
const DEFAULT_GENERATE: ResolvedGenerate = {
  latencyMs: 0,
  maxConcurrent: Infinity,
  overCapRetryAfterSeconds: 1,
  variation: 0,
};

const zeroStats = (): EmulatorStats => ({
  creates: 0,
  deletes: 0,
  generateCalls: 0,
  generateMaxInFlight: 0,
  generateRejectedOverCap: 0,
  countTokensCalls: 0,
});

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const apiKeys = new Set(opts.apiKeys ?? ['emulator-api-key']);
  const bearerTokens = new Set(opts.bearerTokens ?? ['emulator-access-token']);
  const initialTraining = resolveTraining(DEFAULT_TRAINING, opts.training);
  const initialGenerate = resolveGenerate(DEFAULT_GENERATE, opts.generate);
  let training = initialTraining;
  let generate = initialGenerate;
  const log = opts.log;

  const clock = opts.now ?? (() => Date.now());
  const env: ServiceEnv = {
    now: () => clock(),
    sleep: (ms) => (ms > 0 ? (opts.sleep ?? sleep)(ms) : Promise.resolve()),
    training: () => training,
    generate: () => generate,
    stats: zeroStats(),
    variation: new CallVariation(),
  };
  const requests: RecordedRequest[] = [];
  const faults = new Faults();
  const router = new Router();
  const gemini = new GeminiService(env);
  gemini.register(router);
  // Vertex AI, Cloud Storage and STS/IAM credentials share the port (one `api-endpoint` for all)
  const initialVertex = resolveVertex(DEFAULT_VERTEX, opts.vertex);
  const initialSts = resolveSts(DEFAULT_STS, opts.auth);
  const initialStorage = resolveStorage({ buckets: undefined }, opts.storage);
  let vertexCfg = initialVertex;
  let stsCfg = initialSts;
  let storageCfg = initialStorage;
  const tokens = new TokenRegistry(env.now, bearerTokens);
  const storage = new StorageService(env, () => storageCfg);
  const sts = new StsService(env, tokens, () => stsCfg);
  const vertex = new VertexService(env, () => vertexCfg, storage);
  storage.register(router);
  sts.register(router);
  vertex.register(router);

  const configure = (patch: ConfigurePatch): void => {
    vertexCfg = resolveVertex(vertexCfg, patch.vertex);
    stsCfg = resolveSts(stsCfg, patch.auth);
    storageCfg = resolveStorage(storageCfg, patch.storage);
    training = resolveTraining(training, patch.training);
    generate = resolveGenerate(generate, patch.generate);
  };
  const reset = (): void => {
    requests.length = 0;
    faults.clear();
    gemini.reset();
    storage.reset();
    sts.reset();
    vertex.reset();
    vertexCfg = initialVertex;
    stsCfg = initialSts;
    storageCfg = initialStorage;
    Object.assign(env.stats, zeroStats());
    env.variation.reset();
    training = initialTraining;
    generate = initialGenerate;
  };

  // ---- control surface (not recorded, no faults, no credentials) ----------------------------
  const control = (method: string, path: string, body: string): Reply | undefined => {
    const parse = (): unknown => (body.trim() === '' ? {} : JSON.parse(body));
    const sub = path.slice(CONTROL_PREFIX.length);
    const key = `${method} ${sub}`;
    switch (key) {
      case 'GET requests':
        return json(200, { requests });
      case 'GET stats':
        return json(200, stats());
      case 'GET tuned-models':
        return json(200, { tunedModels: tunedModels() });
      case 'POST configure':
        configure(parse() as ConfigurePatch);
        return json(200, {
          training,
          generate: {
            ...generate,
            maxConcurrent: Number.isFinite(generate.maxConcurrent) ? generate.maxConcurrent : null,
          },
        });
      case 'POST faults':
        faults.add(ruleFromJson(parse()));
        return json(200, {});
      case 'DELETE faults':
        faults.clear();
        return json(200, {});
      case 'POST reset':
        reset();
        return json(200, {});
      default:
        if (method === 'GET' && sub.startsWith('timeline/')) {
          const t = gemini.tuning.timeline(decodeURIComponent(sub.slice('timeline/'.length)));
          return t === undefined
            ? json(404, { error: { code: 404, message: 'no such tuned model', status: 'NOT_FOUND' } })
            : json(200, t);
        }
        if (method === 'GET' && sub === 'tuning-jobs') {
          return json(200, { tuningJobs: vertex.jobs.all().map((r) => vertex.jobs.render(r)) });
        }
        if (method === 'GET' && sub === 'storage/objects') {
          return json(200, { items: storage.list().map((o) => storage.render(o, '')) });
        }
        if (method === 'GET' && sub === 'storage/uploads') return json(200, { uploads: storage.uploadSessions() });
        if (method === 'GET' && sub === 'tokens') return json(200, { tokens: tokens.all() });
        if (method === 'PUT' && sub.startsWith('storage/objects/')) {
          // seed an object: PUT /__emulator/storage/objects/BUCKET/NAME (body = the bytes, UTF-8)
          const [bucket, ...rest] = sub.slice('storage/objects/'.length).split('/');
          const o = storage.put(decodeURIComponent(bucket ?? ''), decodeURIComponent(rest.join('/')), body);
          return json(200, storage.render(o, ''));
        }
        return undefined;
    }
  };

  const send = (res: ServerResponse, reply: Reply): void => {
    const headers: Record<string, string> = {
      'content-type': reply.contentType ?? 'application/json; charset=UTF-8',
      ...reply.headers,
    };
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  };

  const errorReply = (e: unknown): Reply => {
    if (e instanceof ApiError) return { status: e.httpStatus, headers: e.headers, body: e.body() };
    const err = new ApiError('INTERNAL', `Internal error encountered. (${e instanceof Error ? e.message : String(e)})`);
    return { status: 500, body: err.body() };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/%3A/gi, ':');
    const headers = flatHeaders(req);

    if (path.startsWith(CONTROL_PREFIX)) {
      const body = (await readBody(req)).toString('utf8');
      let reply: Reply | undefined;
      try {
        reply = control(method, path, body);
      } catch (e) {
        reply = json(400, {
          error: { code: 400, message: e instanceof Error ? e.message : String(e), status: 'INVALID_ARGUMENT' },
        });
      }
      send(res, reply ?? { status: 404, contentType: 'text/html; charset=UTF-8', body: notFoundHtml(path) });
      return;
    }

    const record: RecordedRequest = { method, path: rawUrl, headers, body: '', status: 0, at };
    requests.push(record);
    let bodyBytes = await readBody(req);
    record.body = bodyBytes.toString('utf8');

    const decision = faults.decide(method, path);
    await sleep(decision.delayMs);
    if (decision.kind === 'reset') {
      record.status = 0;
      log?.(`${method} ${rawUrl} -> RESET (fault)`);
      const sock = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
      if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
      else sock.destroy();
      return;
    }
    if (decision.kind === 'hang') {
      log?.(`${method} ${rawUrl} -> no answer (hang fault)`);
      // Status 0 while held; 499 (client closed request) once the client gave up on it.
      res.once('close', () => void (record.status = 499));
      return;
    }

    let reply: Reply;
    if (decision.kind === 'status') {
      const code = codeForHttpStatus(decision.status);
      const retry = decision.retryAfterSeconds ?? (decision.status === 429 ? 1 : undefined);
      const message =
        decision.message ??
        (decision.status === 429
          ? 'Resource has been exhausted (e.g. check quota).'
          : decision.status === 503
            ? 'The service is currently unavailable.'
            : decision.status === 504
              ? 'Deadline exceeded.'
              : decision.status === 502
                ? 'Bad gateway.'
                : 'Internal error encountered.');
      const err = new ApiError(code, message, retry === undefined ? [] : [details.retryInfo(retry)], {
        httpStatus: decision.status,
        headers: retry === undefined ? {} : { 'retry-after': String(retry) },
      });
      reply = errorReply(err);
    } else {
      const match = router.match(method, path);
      if (match === undefined) {
        reply = { status: 404, contentType: 'text/html; charset=UTF-8', body: notFoundHtml(url.pathname) };
      } else {
        try {
          if (match.route.auth)
            authenticate(headers, url.searchParams, { apiKeys, bearerTokens: tokens }, serviceForPath(path));
          // cut mid-body only if fewer bytes than the whole body got through
          const partial =
            decision.kind === 'reset-after' &&
            decision.afterBodyBytes !== undefined &&
            decision.afterBodyBytes < bodyBytes.length;
          if (partial) bodyBytes = bodyBytes.subarray(0, decision.afterBodyBytes);
          const ctx: RequestCtx = {
            req,
            method,
            path,
            query: url.searchParams,
            headers,
            rawBody: partial ? bodyBytes.toString('utf8') : record.body,
            rawBytes: bodyBytes,
            ...(partial ? { partial: true } : {}),
            params: match.params,
            at,
          };
          reply = await match.route.handler(ctx);
        } catch (e) {
          reply = errorReply(e);
        }
      }
    }
    if (decision.kind === 'reset-after') {
      record.status = 0;
      log?.(`${method} ${rawUrl} -> handled (${reply.status}), then RESET (fault)`);
      const sock = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
      if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
      else sock.destroy();
      return;
    }
    if (decision.kind === 'answer') {
      log?.(`${method} ${rawUrl} -> handled (${reply.status}), answered with a fault body instead`);
      reply = { status: decision.status, contentType: decision.contentType, body: decision.body };
    }
    record.status = reply.status;
    log?.(`${method} ${rawUrl} -> ${reply.status} (${Date.now() - at} ms)`);
    if (!res.destroyed) send(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, errorReply(e));
    });
  });
  // Keep-alive connections from clients must not hold close() up for long.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const urlHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  const stats = (): EmulatorStats => ({ ...env.stats });
  const tunedModels = (): Record<string, unknown>[] => gemini.tuning.all().map((r) => gemini.tuning.render(r));

  return {
    vertex,
    storage,
    tokens,
    url: `http://${urlHost}:${addr.port}`,
    requests,
    configure,
    faults,
    stats,
    timeline: (name) => gemini.tuning.timeline(name),
    tunedModels,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
