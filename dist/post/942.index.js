export const id = 942;
export const ids = [942];
export const modules = {

/***/ 6942:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createBackend: () => (/* binding */ createBackend)
});

;// CONCATENATED MODULE: ./src/backends/auth.ts
/**
 * Credentials: an API key (sent only as the x-goog-api-key header) or Application Default
 * Credentials (a key file, or the external_account file google-github-actions/auth writes).
 * google-auth-library is imported here, lazily, so a run that fails on its inputs never loads it.
 */
const GEMINI_OAUTH_SCOPES = [
    'https://www.googleapis.com/auth/cloud-platform',
    'https://www.googleapis.com/auth/generative-language.tuning',
];
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
async function createAuthClient(opts) {
    const { GoogleAuth } = await __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 23));
    if (opts.apiKey) {
        // fromAPIKey builds the client directly: getClient() would first probe for a metadata server.
        return new GoogleAuth().fromAPIKey(opts.apiKey);
    }
    const auth = new GoogleAuth({
        scopes: opts.scopes,
        ...(opts.projectId ? { projectId: opts.projectId } : {}),
    });
    try {
        return (await auth.getClient());
    }
    catch (err) {
        throw new Error(`no Google credentials found (${err.message}). Set the "api-key" input for the Gemini API, ` +
            'or run google-github-actions/auth before this step so Application Default Credentials exist', { cause: err });
    }
}

;// CONCATENATED MODULE: ./src/backends/errors.ts
/**
 * Errors raised by the HTTP layer. A google.rpc.Status error body becomes a GoogleApiError;
 * a connection-level failure (reset, refused, timeout, DNS) becomes a NetworkError.
 */
class GoogleApiError extends Error {
    httpStatus;
    status;
    retryAfterMs;
    details;
    name = 'GoogleApiError';
    constructor(message, 
    /** HTTP status, e.g. 429. */
    httpStatus, 
    /** google.rpc.Code name, e.g. 'RESOURCE_EXHAUSTED' (or 'UNKNOWN' when the body had none). */
    status, 
    /** Delay the server asked for (Retry-After header or google.rpc.RetryInfo), in ms. */
    retryAfterMs = undefined, 
    /** The raw details array of the google.rpc.Status, when present. */
    details = []) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
        this.retryAfterMs = retryAfterMs;
        this.details = details;
    }
    /** 429, 500, 502, 503, 504: worth retrying. */
    get retryable() {
        return [429, 500, 502, 503, 504].includes(this.httpStatus);
    }
}
class NetworkError extends Error {
    code;
    name = 'NetworkError';
    retryable = true;
    constructor(message, 
    /** e.g. 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND'. */
    code) {
        super(message);
        this.code = code;
    }
}
function isRetryable(err) {
    return (err instanceof GoogleApiError && err.retryable) || err instanceof NetworkError;
}

;// CONCATENATED MODULE: ./src/backends/gemini-api.ts
/**
 * The Gemini API backend: tunedModels.create with inline examples, operations.get while it
 * trains, tunedModels.get for the final state and snapshots, tunedModels.delete to cancel,
 * and tunedModels/{id}:generateContent for the eval. Tuned-model methods exist only under /v1beta.
 */

const GEMINI_API_HOST = 'https://generativelanguage.googleapis.com';
const GEMINI_DEFAULT_BASE_MODEL = 'models/gemini-1.5-flash-001-tuning';
const OPERATION_NAME = /^tunedModels\/([a-z0-9-]+)\/operations\/[A-Za-z0-9_-]+$/;
const MODEL_NAME = /^tunedModels\/[a-z0-9-]+$/;
class GeminiApiBackend {
    http;
    name = 'gemini-api';
    defaultBaseModel = GEMINI_DEFAULT_BASE_MODEL;
    base;
    constructor(http, apiEndpoint) {
        this.http = http;
        this.base = (apiEndpoint ?? GEMINI_API_HOST).replace(/\/+$/, '');
    }
    url(version, path, query) {
        const u = new URL(`${this.base}/${version}/${path}`);
        for (const [k, v] of Object.entries(query ?? {}))
            u.searchParams.set(k, v);
        return u.toString();
    }
    async create(req) {
        const body = {
            displayName: req.displayName,
            ...(req.description ? { description: req.description } : {}),
            baseModel: req.baseModel,
            tuningTask: {
                hyperparameters: wireHyperparameters(req.hyperparameters),
                trainingData: {
                    examples: { examples: req.examples.map((e) => ({ textInput: e.textInput, output: e.output })) },
                },
            },
        };
        try {
            const op = await this.http.json({
                method: 'POST',
                url: this.url('v1beta', 'tunedModels', req.tunedModelId ? { tunedModelId: req.tunedModelId } : undefined),
                body,
                // With a fixed tunedModelId a repeated create cannot make a second model: it gets
                // ALREADY_EXISTS, handled below by attaching to the model the first attempt made.
                idempotent: req.tunedModelId !== null,
                what: 'tunedModels.create',
            });
            return operationStatus(op);
        }
        catch (err) {
            if (err instanceof GoogleApiError && err.httpStatus === 409 && req.tunedModelId) {
                return this.status(`tunedModels/${req.tunedModelId}`);
            }
            throw explain(err, { baseModel: req.baseModel });
        }
    }
    async status(job) {
        try {
            if (OPERATION_NAME.test(job)) {
                const op = await this.http.json({
                    method: 'GET',
                    url: this.url('v1beta', job),
                    what: 'operations.get',
                });
                if (!op.done)
                    return operationStatus(op);
                // Finished: the tuned model has the final state and every snapshot.
                const modelName = op.metadata?.tunedModel ?? op.response?.name ?? job.replace(/\/operations\/.*$/, '');
                const model = await this.getModel(modelName);
                const status = modelStatus(model, job, op);
                if (op.error && status.state !== 'ACTIVE') {
                    status.state = 'FAILED';
                    status.error = op.error.message ?? `tuning failed (${op.error.status ?? op.error.code ?? 'unknown error'})`;
                }
                return status;
            }
            if (MODEL_NAME.test(job))
                return modelStatus(await this.getModel(job), '', undefined);
            throw new Error(`"${job}" is not a Gemini API operation (tunedModels/ID/operations/OP) or tuned model (tunedModels/ID)`);
        }
        catch (err) {
            throw explain(err, {});
        }
    }
    getModel(name) {
        return this.http.json({ method: 'GET', url: this.url('v1beta', name), what: 'tunedModels.get' });
    }
    async cancel(status) {
        const model = status.tunedModel ?? status.job.replace(/\/operations\/.*$/, '');
        try {
            await this.http.json({ method: 'DELETE', url: this.url('v1beta', model), what: 'tunedModels.delete' });
        }
        catch (err) {
            if (err instanceof GoogleApiError && err.httpStatus === 404)
                return; // already gone
            throw explain(err, {});
        }
    }
    async findByContentKey(_contentKey, tunedModelId) {
        if (!tunedModelId)
            return null;
        try {
            return modelStatus(await this.getModel(`tunedModels/${tunedModelId}`), '', undefined);
        }
        catch (err) {
            if (err instanceof GoogleApiError && err.httpStatus === 404)
                return null;
            throw explain(err, {});
        }
    }
    async generate(model, prompt, config, signal) {
        const res = await this.http.json({
            method: 'POST',
            url: this.url('v1beta', `${model}:generateContent`),
            body: {
                contents: [{ role: 'user', parts: [{ text: prompt }] }],
                generationConfig: {
                    temperature: config.temperature,
                    ...(config.maxOutputTokens ? { maxOutputTokens: config.maxOutputTokens } : {}),
                },
            },
            retry: false,
            what: 'generateContent',
            ...(signal ? { signal } : {}),
        });
        const candidate = res.candidates?.[0];
        if (!candidate) {
            throw new Error(`the model returned no answer${res.promptFeedback?.blockReason ? ` (prompt blocked: ${res.promptFeedback.blockReason})` : ''}`);
        }
        return (candidate.content?.parts ?? []).map((p) => p.text ?? '').join('');
    }
}
function wireHyperparameters(h) {
    const out = {};
    if (h.learningRate !== null)
        out['learningRate'] = h.learningRate;
    if (h.learningRateMultiplier !== null)
        out['learningRateMultiplier'] = h.learningRateMultiplier;
    if (h.epochCount !== null)
        out['epochCount'] = h.epochCount;
    if (h.batchSize !== null)
        out['batchSize'] = h.batchSize;
    return out;
}
function snapshots(list) {
    return (list ?? []).map((s) => ({
        step: Number(s.step ?? 0),
        epoch: s.epoch === undefined ? 0 : Number(s.epoch),
        meanLoss: typeof s.meanLoss === 'number' ? s.meanLoss : null,
        computeTime: s.computeTime ?? null,
    }));
}
function operationStatus(op) {
    const meta = op.metadata ?? {};
    const total = meta.totalSteps ?? null;
    const done = op.done === true;
    let state = 'CREATING';
    if (done)
        state = op.error ? 'FAILED' : op.response?.state === 'FAILED' ? 'FAILED' : 'ACTIVE';
    return {
        job: op.name ?? '',
        state,
        tunedModel: meta.tunedModel ?? op.response?.name ?? null,
        endpoint: meta.tunedModel ?? op.response?.name ?? null,
        completedPercent: meta.completedPercent ?? (total ? 0 : null),
        completedSteps: meta.completedSteps ?? (total ? 0 : null),
        totalSteps: total,
        snapshots: snapshots(meta.snapshots),
        error: op.error ? (op.error.message ?? 'tuning failed') : null,
        hyperparameters: null,
    };
}
function modelStatus(model, job, op) {
    const state = model.state === 'ACTIVE' ? 'ACTIVE' : model.state === 'FAILED' ? 'FAILED' : 'CREATING';
    const snaps = snapshots(model.tuningTask?.snapshots ?? op?.metadata?.snapshots);
    const total = op?.metadata?.totalSteps ?? null;
    const last = snaps.at(-1);
    const h = model.tuningTask?.hyperparameters;
    return {
        job,
        state,
        tunedModel: model.name ?? null,
        endpoint: model.name ?? null,
        completedPercent: state === 'ACTIVE' ? 100 : (op?.metadata?.completedPercent ?? null),
        completedSteps: last?.step ?? null,
        totalSteps: total ?? (state === 'ACTIVE' ? (last?.step ?? null) : null),
        snapshots: snaps,
        error: state === 'FAILED' ? 'tuning failed' : null,
        hyperparameters: h
            ? {
                epochCount: h.epochCount ?? null,
                batchSize: h.batchSize ?? null,
                learningRate: h.learningRate ?? null,
                learningRateMultiplier: h.learningRateMultiplier ?? null,
            }
            : null,
    };
}
/** Adds what the user can do about common errors. */
function explain(err, ctx) {
    if (!(err instanceof GoogleApiError))
        return err;
    let hint = '';
    if (err.httpStatus === 403 && err.status === 'PERMISSION_DENIED') {
        hint =
            ' — the credentials may not tune models: with an API key, check that the key belongs to a project with the ' +
                'Generative Language API enabled; with OAuth credentials, they need the scope ' +
                'https://www.googleapis.com/auth/generative-language.tuning (or cloud-platform).';
    }
    else if (err.httpStatus === 401) {
        hint =
            ' — the credentials were rejected: check the "api-key" input or the credentials from google-github-actions/auth.';
    }
    else if (err.httpStatus === 400 && /API key not valid/i.test(err.message)) {
        hint =
            ' — the "api-key" input is not a valid Gemini API key: create one in Google AI Studio and store it as a secret.';
    }
    else if (err.httpStatus === 404 && ctx.baseModel) {
        hint =
            ` — base model "${ctx.baseModel}" was not found or cannot be tuned. Set "base-model" to a model whose ` +
                'supportedGenerationMethods include "createTunedModel" (list them with GET /v1beta/models), e.g. ' +
                `${GEMINI_DEFAULT_BASE_MODEL}.`;
    }
    else if (err.httpStatus === 429) {
        hint = ' — quota exhausted: tuning quotas are per project; wait or ask for more quota.';
    }
    if (!hint)
        return err;
    return new GoogleApiError(err.message + hint, err.httpStatus, err.status, err.retryAfterMs, err.details);
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(4116);
// EXTERNAL MODULE: ./src/util/secrets.ts + 1 modules
var secrets = __webpack_require__(9251);
;// CONCATENATED MODULE: ./src/util/time.ts
const sleep = (ms, signal) => new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted)
        return resolve();
    const timer = setTimeout(done, ms);
    function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
});
/** "1h 02m", "3m 05s", "12.3s". */
function formatDuration(ms) {
    const s = ms / 1000;
    if (s < 60)
        return `${s.toFixed(1)}s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
    return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
/** Parses a Retry-After header (delta seconds or HTTP date) into ms. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** Parses a google.protobuf.Duration JSON string such as "1.5s" into ms. */
function parseDuration(value) {
    if (typeof value !== 'string')
        return undefined;
    const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
    return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

;// CONCATENATED MODULE: ./src/backends/http.ts
/**
 * JSON over HTTP on google-auth-library's transport (gaxios): the auth client adds the
 * credentials (x-goog-api-key, or a fresh OAuth token on every call). This layer turns
 * google.rpc.Status bodies into GoogleApiError, connection failures into NetworkError, and
 * retries what is safe to retry: exponential backoff with full jitter, Retry-After honoured,
 * bounded by attempts and elapsed time.
 */




const DEFAULT_RETRY = {
    maxAttempts: 6,
    maxElapsedMs: 120_000,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
};
class GoogleHttp {
    client;
    sleep;
    random;
    now;
    constructor(client, options = {}) {
        this.client = client;
        this.sleep = options.sleep ?? sleep;
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
    }
    async json(req) {
        const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'DELETE');
        const policy = req.retry === false || !idempotent ? null : { ...DEFAULT_RETRY, ...(req.retry ?? {}) };
        const started = this.now();
        const what = req.what ?? `${req.method} ${new URL(req.url).pathname}`;
        for (let attempt = 1;; attempt++) {
            try {
                return await this.once(req);
            }
            catch (err) {
                if (!policy || !isRetryable(err) || attempt >= policy.maxAttempts || req.signal?.aborted)
                    throw err;
                const backoff = this.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
                const asked = err instanceof GoogleApiError ? err.retryAfterMs : undefined;
                const delay = asked !== undefined ? Math.max(asked, backoff / 4) : backoff;
                if (this.now() - started + delay > policy.maxElapsedMs)
                    throw err;
                core/* debug */.Yz(`${what}: attempt ${attempt} failed (${err.message}); retrying in ${Math.round(delay)} ms` +
                    (asked !== undefined ? ' (server asked via Retry-After)' : ''));
                await this.sleep(delay);
            }
        }
    }
    async once(req) {
        let res;
        try {
            res = await this.client.request({
                url: req.url,
                method: req.method,
                ...(req.body === undefined ? {} : { data: req.body }),
                timeout: req.timeoutMs ?? 60_000,
                ...(req.signal ? { signal: req.signal } : {}),
                retry: false,
                responseType: 'json',
            });
        }
        catch (err) {
            throw toHttpError(err, req);
        }
        return res.data;
    }
}
/** Converts whatever gaxios threw into a GoogleApiError or NetworkError. */
function toHttpError(err, req) {
    const e = err;
    const where = `${req.method} ${safeUrl(req.url)}`;
    if (e?.response && typeof e.response.status === 'number') {
        const { status: httpStatus, data } = e.response;
        const body = parseBody(data);
        const rpc = body?.error;
        const details = Array.isArray(rpc?.['details']) ? rpc['details'] : [];
        const status = typeof rpc?.['status'] === 'string' ? rpc['status'] : httpStatusName(httpStatus);
        const message = typeof rpc?.['message'] === 'string' && rpc['message']
            ? rpc['message']
            : typeof data === 'string' && data.trim()
                ? data.trim().slice(0, 300)
                : `HTTP ${httpStatus}`;
        const retryInfo = details.find((d) => typeof d === 'object' && d !== null && String(d['@type']).endsWith('RetryInfo'));
        const retryAfterMs = parseRetryAfter(header(e.response.headers, 'retry-after')) ?? parseDuration(retryInfo?.retryDelay);
        return new GoogleApiError((0,secrets/* scrub */._I)(`${status} (HTTP ${httpStatus}) from ${where}: ${message}`), httpStatus, status, retryAfterMs, details);
    }
    if (e?.name === 'AbortError')
        return e;
    const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
    return new NetworkError((0,secrets/* scrub */._I)(`${where} failed: ${e?.message ?? String(err)}`), code);
}
function parseBody(data) {
    if (typeof data !== 'string')
        return data;
    try {
        return JSON.parse(data);
    }
    catch {
        return undefined;
    }
}
function header(headers, name) {
    if (!headers)
        return null;
    if (typeof headers.get === 'function')
        return headers.get(name);
    const value = headers[name];
    return typeof value === 'string' ? value : null;
}
/** The URL without its query string (which never holds a key here, but be safe). */
function safeUrl(url) {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
}
function httpStatusName(code) {
    const names = {
        400: 'INVALID_ARGUMENT',
        401: 'UNAUTHENTICATED',
        403: 'PERMISSION_DENIED',
        404: 'NOT_FOUND',
        409: 'ALREADY_EXISTS',
        429: 'RESOURCE_EXHAUSTED',
        500: 'INTERNAL',
        501: 'UNIMPLEMENTED',
        503: 'UNAVAILABLE',
        504: 'DEADLINE_EXCEEDED',
    };
    return names[code] ?? 'UNKNOWN';
}

;// CONCATENATED MODULE: ./src/backends/create-backend.ts



async function createBackend(settings) {
    if (settings.backend === 'gemini-api') {
        const client = await createAuthClient({ apiKey: settings.apiKey, scopes: GEMINI_OAUTH_SCOPES });
        return new GeminiApiBackend(new GoogleHttp(client), settings.apiEndpoint);
    }
    throw new Error('the vertex-ai backend is not available in this version; use backend: gemini-api');
}


/***/ })

};

//# sourceMappingURL=942.index.js.map