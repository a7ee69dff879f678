export const id = 103;
export const ids = [103];
export const modules = {

/***/ 7103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createBackend: () => (/* binding */ createBackend)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(4116);
// EXTERNAL MODULE: ./src/runner/secrets.ts + 1 modules
var secrets = __webpack_require__(297);
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
        return withTokenMasking((await auth.getClient()));
    }
    catch (err) {
        throw new Error(`no Google credentials found (${err.message}). Set the "api-key" input for the Gemini API, ` +
            'or run google-github-actions/auth before this step so Application Default Credentials exist', { cause: err });
    }
}
/**
 * Registers as a secret the exact access token of every request the client sends, renewed ones
 * included, so a token never shows in a log line, a report or a comment. A gaxios request
 * interceptor runs after the client has put its Authorization header in, right before the request
 * leaves; asking the client for its token separately could see a different one than it then sends.
 * Quota project: the library sends x-goog-user-project from the credentials' quota_project_id or
 * GOOGLE_CLOUD_QUOTA_PROJECT.
 */
function withTokenMasking(client) {
    client.transporter.interceptors.request.add({
        resolved: async (config) => {
            const authorization = config.headers.get('authorization');
            if (authorization)
                (0,secrets/* registerSecret */.cl)(authorization.replace(/^Bearer\s+/i, ''));
            return config;
        },
    });
    return client;
}

;// CONCATENATED MODULE: ./src/dataset/limits.ts
/**
 * Limits of the services on a dataset as a whole, shared by the loader (which checks them before
 * anything is sent) and the backends (which check the request they build), without the backends
 * depending on the dataset analysis.
 */
/**
 * The Gemini API takes the examples inline in the tunedModels.create request. Google's tuning
 * guide gives a 4 MB limit on that data; we hold the whole serialized request body to 4 MiB
 * (the service's default maximum request message, 4,194,304 bytes).
 */
const GEMINI_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Kept free in the request for everything but the examples (names, hyperparameters). */
const GEMINI_REQUEST_RESERVE_BYTES = 2048;
/** Vertex AI: most validation examples per tuning job. */
const VERTEX_MAX_VALIDATION_EXAMPLES = 5000;
/** Vertex AI: most tokens per example (input and output together) for the Gemini 2.x tuning models. */
const VERTEX_MAX_TOKENS_PER_EXAMPLE = 131_072;

;// CONCATENATED MODULE: ./src/dataset/example-set.ts
/** Making and reading ExampleSets (types.ts): the examples a backend takes. */
/** An ExampleSet of examples in memory. */
function examplesInMemory(examples) {
    return {
        count: examples.length,
        batches: async function* () {
            if (examples.length > 0)
                yield examples;
        },
    };
}
/** Every example of a set, in memory (for a backend that sends them inline). */
async function allExamples(set) {
    const all = [];
    for await (const batch of set.batches())
        all.push(...batch);
    return all;
}

// EXTERNAL MODULE: ./src/backends/errors.ts
var errors = __webpack_require__(3878);
// EXTERNAL MODULE: ./src/backends/generate-content.ts
var generate_content = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/backends/defaults.ts
var defaults = __webpack_require__(7747);
;// CONCATENATED MODULE: ./src/backends/gemini-api.ts
/**
 * The Gemini API backend: tunedModels.create with inline examples, operations.get while it
 * trains, tunedModels.get for the final state and snapshots, tunedModels.delete to cancel,
 * and tunedModels/{id}:generateContent for the eval. Tuned-model methods exist only under /v1beta.
 */





const GEMINI_API_HOST = 'https://generativelanguage.googleapis.com';
const GEMINI_DEFAULT_BASE_MODEL = defaults/* DEFAULT_BASE_MODEL */.m['gemini-api'];
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
        const examples = await allExamples(req.examples);
        const body = {
            displayName: req.displayName,
            ...(req.description ? { description: req.description } : {}),
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
            throw new Error(`the tunedModels.create request would be ${bytes.toLocaleString('en-US')} bytes, and the Gemini API takes the examples inline in one request of at most 4 MB (${GEMINI_MAX_REQUEST_BYTES.toLocaleString('en-US')} bytes): use fewer or shorter examples, or the vertex-ai backend, which uploads the data to Cloud Storage`);
        }
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
            if (err instanceof errors/* GoogleApiError */.G && err.httpStatus === 409 && req.tunedModelId) {
                return this.status(`tunedModels/${req.tunedModelId}`);
            }
            throw explain(err, { baseModel: req.baseModel });
        }
    }
    async status(job, signal) {
        try {
            if (OPERATION_NAME.test(job)) {
                const op = await this.http.json({
                    method: 'GET',
                    url: this.url('v1beta', job),
                    what: 'operations.get',
                    ...(signal ? { signal } : {}),
                });
                if (!op.done)
                    return operationStatus(op);
                // Finished: the tuned model has the final state and every snapshot.
                const modelName = op.metadata?.tunedModel ?? op.response?.name ?? job.replace(/\/operations\/.*$/, '');
                const model = await this.getModel(modelName, signal);
                const status = modelStatus(model, job, op);
                if (op.error && status.state !== 'ACTIVE') {
                    status.state = 'FAILED';
                    status.error = op.error.message ?? `tuning failed (${op.error.status ?? op.error.code ?? 'unknown error'})`;
                }
                return status;
            }
            if (MODEL_NAME.test(job))
                return modelStatus(await this.getModel(job, signal), '', undefined);
            throw new Error(`"${job}" is not a Gemini API operation (tunedModels/ID/operations/OP) or tuned model (tunedModels/ID)`);
        }
        catch (err) {
            throw explain(err, {});
        }
    }
    getModel(name, signal) {
        return this.http.json({
            method: 'GET',
            url: this.url('v1beta', name),
            what: 'tunedModels.get',
            ...(signal ? { signal } : {}),
        });
    }
    async cancel(status) {
        const model = status.tunedModel ?? status.job.replace(/\/operations\/.*$/, '');
        try {
            await this.http.json({ method: 'DELETE', url: this.url('v1beta', model), what: 'tunedModels.delete' });
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.G && err.httpStatus === 404)
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
            if (err instanceof errors/* GoogleApiError */.G && err.httpStatus === 404)
                return null;
            throw explain(err, {});
        }
    }
    generate(model, prompt, config, signal) {
        return (0,generate_content/* generateContent */.l)(this.http, this.url('v1beta', `${model}:generateContent`), prompt, config, signal);
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
    if (!(err instanceof errors/* GoogleApiError */.G))
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
    return new errors/* GoogleApiError */.G(err.message + hint, err.httpStatus, err.status, err.retryAfterMs, err.details);
}

// EXTERNAL MODULE: ./src/backends/http.ts + 1 modules
var http = __webpack_require__(9366);
// EXTERNAL MODULE: ./src/util/clock.ts
var util_clock = __webpack_require__(7110);
;// CONCATENATED MODULE: ./src/backends/create-backend.ts






/** The backend the settings name, its HTTP retries on the run's clock. */
async function createBackend(settings, clock = util_clock/* systemClock */.m) {
    if (settings.backend === 'gemini-api') {
        const client = await createAuthClient({ apiKey: settings.apiKey, scopes: GEMINI_OAUTH_SCOPES });
        return new GeminiApiBackend(new http/* GoogleHttp */.E(client, { clock }), settings.apiEndpoint);
    }
    if (!settings.project)
        throw new Error('the vertex-ai backend needs "project"');
    // Application Default Credentials only (a key file, or google-github-actions/auth's external_account
    // file); projectId given so the library does not look the project up.
    const client = await createAuthClient({ apiKey: null, scopes: [CLOUD_PLATFORM_SCOPE], projectId: settings.project });
    const { VertexAiBackend } = await __webpack_require__.e(/* import() */ 719).then(__webpack_require__.bind(__webpack_require__, 2719));
    return new VertexAiBackend(new http/* GoogleHttp */.E(client, { clock }), client, {
        project: settings.project,
        location: settings.location,
        stagingUri: settings.stagingUri,
        apiEndpoint: settings.apiEndpoint,
        clock,
        log: (message) => core/* info */.pq((0,secrets/* scrub */._I)(message)),
    });
}


/***/ }),

/***/ 7747:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ DEFAULT_BASE_MODEL)
/* harmony export */ });
/**
 * Each backend's default base model, apart from the backends themselves so that a run stopped at
 * its datasets can name it in the report without loading a backend's client.
 */
const DEFAULT_BASE_MODEL = {
    'gemini-api': 'models/gemini-1.5-flash-001-tuning',
    'vertex-ai': 'gemini-2.5-flash',
};


/***/ }),

/***/ 3878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ NetworkError),
/* harmony export */   G: () => (/* binding */ GoogleApiError)
/* harmony export */ });
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


/***/ }),

/***/ 7454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ generateContent)
/* harmony export */ });
/**
 * One generateContent call, as both the Gemini API and Vertex AI define it (same request and
 * response shapes; only the URL differs). Single attempt: the eval runner owns retries.
 */
async function generateContent(http, url, prompt, config, signal) {
    const res = await http.json({
        method: 'POST',
        url,
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
        const blocked = res.promptFeedback?.blockReason;
        throw new Error(`the model returned no answer${blocked ? ` (prompt blocked: ${blocked})` : ''}`);
    }
    return (candidate.content?.parts ?? []).map((p) => p.text ?? '').join('');
}


/***/ }),

/***/ 9366:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ GoogleHttp),
  e: () => (/* binding */ toHttpError)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(4116);
// EXTERNAL MODULE: ./src/runner/secrets.ts + 1 modules
var secrets = __webpack_require__(297);
// EXTERNAL MODULE: ./src/util/clock.ts
var clock = __webpack_require__(7110);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
;// CONCATENATED MODULE: ./src/util/time.ts
/** Parsing the times Google's APIs send: Retry-After headers and google.protobuf.Duration strings. */
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

// EXTERNAL MODULE: ./src/backends/errors.ts
var errors = __webpack_require__(3878);
;// CONCATENATED MODULE: ./src/backends/http.ts
/**
 * JSON over HTTP on google-auth-library's transport (gaxios): the auth client adds the
 * credentials (x-goog-api-key, or a fresh OAuth token on every call). This layer turns
 * google.rpc.Status bodies into GoogleApiError, connection failures into NetworkError, and
 * retries what is safe to retry: exponential backoff with full jitter, Retry-After honoured,
 * bounded by attempts and elapsed time.
 */






class GoogleHttp {
    client;
    clock;
    random;
    constructor(client, options = {}) {
        this.client = client;
        this.clock = options.clock ?? clock/* systemClock */.m;
        this.random = options.random ?? Math.random;
    }
    json(req) {
        const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'DELETE');
        if (req.retry === false || !idempotent)
            return this.once(req);
        const what = req.what ?? `${req.method} ${new URL(req.url).pathname}`;
        return (0,retry/* withRetry */.bD)(() => this.once(req), {
            clock: this.clock,
            policy: { ...retry/* DEFAULT_RETRY */.vI, ...(req.retry ?? {}) },
            random: this.random,
            ...(req.signal ? { signal: req.signal } : {}),
            onRetry: (err, attempt, delay, asked) => core/* debug */.Yz(`${what}: attempt ${attempt} failed (${err.message}); retrying in ${Math.round(delay)} ms` +
                (asked ? ' (server asked via Retry-After)' : '')),
        });
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
        return new errors/* GoogleApiError */.G((0,secrets/* scrub */._I)(`${status} (HTTP ${httpStatus}) from ${where}: ${message}`), httpStatus, status, retryAfterMs, details);
    }
    if (e?.name === 'AbortError')
        return e;
    const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
    return new errors/* NetworkError */.D((0,secrets/* scrub */._I)(`${where} failed: ${e?.message ?? String(err)}`), code);
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


/***/ }),

/***/ 7110:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/**
 * The one clock of a run: created at the top (main, post, a test) and passed down to every wait
 * (polling, HTTP and eval retries, uploads, the create's retries), so that a test can run hours of
 * tuning on a virtual clock in milliseconds. Guards against a peer that hangs (a call's own
 * timeout) stay on real time: they bound real I/O, not the schedule.
 */
function realSleep(ms, signal) {
    return new Promise((resolve) => {
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
}
const systemClock = {
    now: () => Date.now(),
    sleep: realSleep,
    timeout: (ms) => AbortSignal.timeout(Math.max(1, Math.ceil(ms))),
};


/***/ }),

/***/ 4266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a2: () => (/* binding */ retryDelay),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony exports isRetryable, askedDelay */
/**
 * The one retry policy: which failures are retried, how long to wait (the server's Retry-After or
 * RetryInfo when it gave one, else exponential backoff with full jitter), and when to give up
 * (attempts, time spent, the caller's deadline). `retryDelay` decides; `withRetry` loops on the
 * caller's clock. Errors say whether they are retryable themselves (`retryable`, `retryAfterMs`:
 * GoogleApiError and NetworkError do), so this module imports nothing.
 */
/** Calls to Google: six attempts within two minutes. */
const DEFAULT_RETRY = {
    maxAttempts: 6,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    maxElapsedMs: 120_000,
    maxRetryAfterMs: 120_000,
    jitter: true,
};
function isRetryable(err) {
    return typeof err === 'object' && err !== null && err.retryable === true;
}
/** The pause the server asked for (Retry-After header or google.rpc.RetryInfo), in ms. */
function askedDelay(err) {
    const ms = typeof err === 'object' && err !== null ? err.retryAfterMs : undefined;
    return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
/**
 * Whether to try again after attempt `attempt` (1-based) failed with `err`, and after how long.
 * `elapsedMs`: since the first attempt; `leftMs`: until the caller's deadline (Infinity: none);
 * `random`: a number in [0, 1) for the jitter.
 */
function retryDelay(policy, attempt, err, timing) {
    if (!isRetryable(err))
        return { retry: false, why: 'not retryable' };
    if (attempt >= policy.maxAttempts)
        return { retry: false, why: 'attempts' };
    const asked = askedDelay(err);
    if (asked !== undefined && asked > policy.maxRetryAfterMs)
        return { retry: false, why: 'retry-after too long' };
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    const backoff = policy.jitter ? Math.floor(timing.random * ceiling) : ceiling;
    // What the server asked for, but not less than a quarter of the backoff: "Retry-After: 0" from a
    // service that keeps failing must not turn into a tight loop.
    const delayMs = asked !== undefined ? Math.max(asked, Math.floor(backoff / 4)) : backoff;
    if (timing.elapsedMs + delayMs > policy.maxElapsedMs || delayMs >= timing.leftMs)
        return { retry: false, why: 'time' };
    return { retry: true, delayMs, asked: asked !== undefined };
}
/** Runs `call` until it succeeds or `retryDelay` says stop; then throws the last error. */
async function withRetry(call, ctx) {
    const policy = ctx.policy ?? DEFAULT_RETRY;
    const random = ctx.random ?? Math.random;
    const started = ctx.clock.now();
    for (let attempt = 1;; attempt++) {
        try {
            return await call(attempt);
        }
        catch (err) {
            if (ctx.signal?.aborted)
                throw err;
            const now = ctx.clock.now();
            const decision = retryDelay(policy, attempt, err, {
                elapsedMs: now - started,
                leftMs: ctx.deadline === undefined ? Infinity : ctx.deadline - now,
                random: random(),
            });
            if (!decision.retry)
                throw err;
            ctx.onRetry?.(err, attempt, decision.delayMs, decision.asked);
            await ctx.clock.sleep(decision.delayMs, ctx.signal);
            if (ctx.signal?.aborted)
                throw err;
        }
    }
}


/***/ })

};

//# sourceMappingURL=103.index.js.map