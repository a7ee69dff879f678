export const id = 774;
export const ids = [774];
export const modules = {

/***/ 3538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bZ: () => (/* binding */ droppedLossMessage),
/* harmony export */   dG: () => (/* binding */ checkAnswer),
/* harmony export */   jR: () => (/* binding */ wireNumber),
/* harmony export */   lA: () => (/* binding */ countValue),
/* harmony export */   m7: () => (/* binding */ opt),
/* harmony export */   sH: () => (/* binding */ numeric),
/* harmony export */   wg: () => (/* binding */ EMPTY),
/* harmony export */   xO: () => (/* binding */ lossPoints),
/* harmony export */   yR: () => (/* binding */ rpcStatus)
/* harmony export */ });
/* unused harmony exports preview, MAX_FLOAT32, lossValue */
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4539);
/* harmony import */ var _runner_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(297);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3878);
/**
 * What a 2xx answer from Google must look like before anything reads it. Every call names the
 * resource it expects (an Operation, a TuningJob, …) with a zod schema of the fields the code reads;
 * a body that is not JSON, not an object, or has a field of the wrong type is a MalformedAnswerError
 * that names the call and quotes a short preview of what came back (never retried: the same call
 * would be read the same way). Also the numbers of an answer as the APIs send them (int64 as
 * strings, floats that may be "NaN"), and the loss snapshots, of which only finite, non-negative
 * losses are kept.
 */



/** An optional field: proto3 JSON may leave it out or (rarely) send null. */
const opt = (schema) => zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .nullable */ .mee(schema));
/** A number as the APIs send one: a JSON number, or a string (int64, "NaN", "Infinity"). */
const numeric = zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(), zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()]);
/** google.rpc.Status, as an Operation's or a job's `error`. */
const rpcStatus = zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ code: opt(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()), message: opt(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()), status: opt(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()) });
/** An answer whose body is not read (google.protobuf.Empty): any object, or an empty body. */
const EMPTY = { kind: 'Empty', schema: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({}), zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('')]) };
const PREVIEW_CHARS = 80;
/** `data` when it has the shape `answer` describes; else a MalformedAnswerError naming `call`. */
function checkAnswer(answer, data, call, httpStatus) {
    const result = answer.schema.safeParse(data);
    if (result.success)
        return data;
    const article = /^[AEIOU]/i.test(answer.kind) ? 'an' : 'a';
    const why = typeof data === 'string'
        ? data.trim() === ''
            ? 'an empty body'
            : 'not a JSON object'
        : data === null || typeof data !== 'object' || Array.isArray(data)
            ? 'not a JSON object'
            : issueText(result.error.issues[0]);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .MalformedAnswerError */ .Sz((0,_runner_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrub */ ._I)(`${call} answered HTTP ${httpStatus} with a body that is not ${article} ${answer.kind} (${why}): ${preview(data)}`), call, httpStatus);
}
function issueText(issue) {
    if (!issue)
        return 'unexpected shape';
    const path = issue.path.map(String).join('.') || 'the body';
    return issue.code === 'invalid_type'
        ? `${path} is not ${issue.expected === 'array' ? 'an' : 'a'} ${issue.expected}`
        : `${path}: ${issue.message}`;
}
/** The start of a body, on one line, for an error message. */
function preview(data) {
    let text;
    try {
        text = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
    }
    catch {
        text = String(data);
    }
    text = text.replace(/\s+/g, ' ').trim();
    if (text === '')
        return '(empty)';
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A finite number from a JSON number or a decimal string (int64, float); null for anything else. */
function wireNumber(v) {
    if (typeof v === 'number')
        return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' && DECIMAL.test(v.trim())) {
        const n = Number(v.trim());
        return Number.isFinite(n) ? n : null;
    }
    return null;
}
/** The largest finite 32-bit float: the service's `mean_loss` is a `float`, so nothing beyond it is a real loss. */
const MAX_FLOAT32 = 3.4028234663852886e38;
/**
 * A loss value: finite, not negative, and within a 32-bit float (NaN, Infinity, negative numbers,
 * numbers past FLT_MAX and text are not).
 */
function lossValue(v) {
    const n = wireNumber(v);
    return n !== null && n >= 0 && n <= MAX_FLOAT32 ? n : null;
}
/** A step or epoch number: a non-negative integer. */
function countValue(v) {
    const n = wireNumber(v);
    return n !== null && n >= 0 && Number.isInteger(n) ? n : null;
}
/**
 * The loss points of a list as the service sent it: one kept per entry whose step and loss are
 * valid (see lossValue, countValue), in step order; `dropped` counts the others.
 */
function lossPoints(list, read) {
    const points = [];
    let dropped = 0;
    for (const entry of list ?? []) {
        const raw = entry !== null && typeof entry === 'object' ? read(entry) : null;
        const step = raw ? countValue(raw.step ?? 0) : null;
        const loss = raw ? lossValue(raw.loss) : null;
        if (raw === null || step === null || loss === null) {
            dropped++;
            continue;
        }
        const computeTime = typeof raw.computeTime === 'string' && raw.computeTime ? raw.computeTime : null;
        points.push({ step, epoch: raw.epoch, meanLoss: loss, computeTime });
    }
    // Stable: entries with the same step keep the service's order.
    points.sort((a, b) => a.step - b.step);
    return { points, dropped };
}
/** Said once per job: how many loss values were left out, and why. */
function droppedLossMessage(job, dropped) {
    return (`${job}: left out ${dropped} loss value${dropped === 1 ? '' : 's'} the service reported that ` +
        `${dropped === 1 ? 'is' : 'are'} not a finite, non-negative number (or had no valid step); ` +
        'the chart, the final loss and the gates use the others');
}


/***/ }),

/***/ 4633:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ BaseModelRefused),
/* harmony export */   o: () => (/* binding */ CreateStoppedError)
/* harmony export */ });
/** The one interface both backends (Gemini API, Vertex AI) implement. */
/** The run was stopped before the create request was sent (after the upload, on Vertex AI): nothing was created. */
class CreateStoppedError extends Error {
    name = 'CreateStoppedError';
    constructor() {
        super('stopped before the create request was sent; nothing was created');
    }
}
/** The service does not offer the base model for tuning (the pre-flight check): nothing was created. */
class BaseModelRefused extends Error {
    name = 'BaseModelRefused';
}


/***/ }),

/***/ 9105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ countTokens)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3878);
/**
 * countTokens, as both services define it (Gemini API `POST models/M:countTokens`, Vertex AI
 * `POST …/publishers/google/models/M:countTokens`): the tokens of `contents`, answered
 * `{"totalTokens": N}`. It changes nothing, so it is retried like a read (the run's retry policy).
 */

async function countTokens(http, url, turns, signal) {
    const res = await http.json({
        method: 'POST',
        url,
        body: { contents: turns.map((t) => ({ role: t.role, parts: [{ text: t.text }] })) },
        idempotent: true,
        what: 'countTokens',
        ...(signal ? { signal } : {}),
    });
    const n = Number(res?.totalTokens ?? 0);
    if (!Number.isSafeInteger(n) || n < 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MalformedAnswerError */ .Sz(`countTokens answered ${JSON.stringify(res?.totalTokens)}, not a count`, 'countTokens', 200);
    }
    return n;
}


/***/ }),

/***/ 4774:
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/github/event.ts
/** Which pull request (if any) this run belongs to, read straight from the event payload. */

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
function obj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
}
function str(value) {
    return typeof value === 'string' && value !== '' ? value : null;
}
function splitFullName(fullName) {
    if (!fullName)
        return null;
    const [owner, repo, ...rest] = fullName.split('/');
    return owner && repo && rest.length === 0 ? { owner, repo } : null;
}
/**
 * The pull request of a `pull_request` or `pull_request_target` run, from GITHUB_EVENT_NAME and
 * the payload at GITHUB_EVENT_PATH; null for any other event, or when the payload is unreadable.
 * (Deliberately not @actions/github: its import is heavy and startup should stay light.)
 */
function pullRequestFromEvent(env = process.env) {
    const eventName = env['GITHUB_EVENT_NAME'] ?? '';
    if (!PR_EVENTS.has(eventName))
        return null;
    const path = env['GITHUB_EVENT_PATH'];
    if (!path)
        return null;
    let payload;
    try {
        payload = obj(JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8')));
    }
    catch {
        return null;
    }
    if (!payload)
        return null;
    const pr = obj(payload['pull_request']);
    const rawNumber = pr?.['number'] ?? payload['number'];
    const number = typeof rawNumber === 'number' ? rawNumber : Number.NaN;
    if (!Number.isSafeInteger(number) || number <= 0)
        return null;
    const base = obj(pr?.['base']);
    const baseRepo = obj(base?.['repo']);
    const headRepo = obj(obj(pr?.['head'])?.['repo']);
    const repository = obj(payload['repository']);
    const where = splitFullName(str(baseRepo?.['full_name'])) ??
        splitFullName(str(repository?.['full_name'])) ??
        (str(obj(repository?.['owner'])?.['login']) && str(repository?.['name'])
            ? { owner: str(obj(repository?.['owner'])?.['login']), repo: str(repository?.['name']) }
            : null) ??
        splitFullName(str(env['GITHUB_REPOSITORY']));
    if (!where)
        return null;
    const baseFull = str(baseRepo?.['full_name']) ?? `${where.owner}/${where.repo}`;
    const headFull = str(headRepo?.['full_name']);
    // A PR whose head repository was deleted has `head.repo: null`: it came from a fork.
    const isFork = pr !== null && (headFull === null || headFull.toLowerCase() !== baseFull.toLowerCase());
    const headSha = str(obj(pr?.['head'])?.['sha']);
    const action = str(payload['action']);
    return { owner: where.owner, repo: where.repo, number, isFork, headSha, headRepo: headFull, action };
}

;// CONCATENATED MODULE: ./src/backends/fork-credentials.ts
/**
 * A `pull_request` run for a pull request from a fork gets no repository secrets and no OIDC token,
 * so neither an API key nor Workload Identity Federation can reach the action. Without this, such a
 * run ended on google-auth-library's Application Default Credentials message, which points at the
 * wrong fix. Here the missing credentials are named for what they are, with the workflow change
 * that skips the step on forks.
 */

const FORK_SKIP_CONDITION = 'github.event.pull_request.head.repo.full_name == github.repository';
/** The credentials were missing because the run is for a fork's pull request. */
class NoCredentialsOnForkError extends Error {
    backend;
    pullRequest;
    constructor(backend, pullRequest) {
        super(`no credentials on a fork pull request (${pullRequest}): GitHub gives workflows triggered by a pull ` +
            'request from a fork neither secrets (such as "api-key") nor an OIDC token for Workload Identity ' +
            `Federation, so the ${backend} backend has nothing to authenticate with and nothing was sent to Google. ` +
            `Skip this step on forks with \`if: ${FORK_SKIP_CONDITION}\`, or tune after the change is merged ` +
            '(see "Pull requests from forks" in the README)');
        this.backend = backend;
        this.pullRequest = pullRequest;
        this.name = 'NoCredentialsOnForkError';
    }
}
/**
 * `owner/repo#N` when this run is a `pull_request` event for a pull request whose head is in
 * another repository, else null. `pull_request_target` runs in the base repository's context, with
 * its secrets: a missing credential there is a set-up problem, not a fork's.
 */
function forkPullRequest(env = process.env) {
    if (env['GITHUB_EVENT_NAME'] !== 'pull_request')
        return null;
    const pr = pullRequestFromEvent(env);
    return pr?.isFork ? `${pr.owner}/${pr.repo}#${pr.number}` : null;
}
/**
 * Runs `connect` (the credential lookup); when it fails on a fork's pull request and the run had
 * no API key, the failure becomes a NoCredentialsOnForkError. Anything else is passed on as is, so
 * a fork run on a self-hosted runner that does have credentials is not affected.
 */
async function withForkCredentialsHint(backend, hadApiKey, connect, env = process.env) {
    try {
        return await connect();
    }
    catch (err) {
        const fork = hadApiKey ? null : forkPullRequest(env);
        if (fork)
            throw new NoCredentialsOnForkError(backend, fork);
        throw err;
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/mini/schemas.js + 8 modules
var schemas = __webpack_require__(4539);
// EXTERNAL MODULE: ./src/backends/backend.ts
var backend = __webpack_require__(4633);
// EXTERNAL MODULE: ./src/backends/answers.ts
var answers = __webpack_require__(3538);
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
/**
 * Largest record (one line of a .jsonl file, one CSV row) read from a dataset, in bytes: a longer
 * one is an error at its line, skipped while streaming and never held whole, so that reading any
 * file takes bounded memory.
 *
 * Gemini API: one example cannot be larger than the request that carries every example.
 */
const GEMINI_MAX_RECORD_BYTES = (/* unused pure expression or super */ null && (GEMINI_MAX_REQUEST_BYTES));
/**
 * Vertex AI: an example holds at most VERTEX_MAX_TOKENS_PER_EXAMPLE tokens; 64 bytes a token
 * (8 MiB in all) leaves room for long tokens, 4-byte UTF-8 characters and JSON escapes.
 */
const VERTEX_MAX_RECORD_BYTES = VERTEX_MAX_TOKENS_PER_EXAMPLE * 64;
/**
 * Eval cases: each is one generateContent prompt to a tuned model, whose input window (at most
 * about a million tokens, a few MB of text) is far below this.
 */
const EVAL_MAX_RECORD_BYTES = (/* unused pure expression or super */ null && (8 * 1024 * 1024));
/**
 * Largest .json file (a single document, parsed whole: the text and the parsed values take
 * several times its size). A larger set is written as .jsonl, which is streamed.
 */
const MAX_JSON_FILE_BYTES = (/* unused pure expression or super */ null && (32 * 1024 * 1024));

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
// EXTERNAL MODULE: ./src/lifecycle/marks.ts
var lifecycle_marks = __webpack_require__(6318);
;// CONCATENATED MODULE: ./src/backends/gemini-marks.ts
/**
 * The Gemini API's tuned models after tuning (cleanup and promote): it has no labels, so the marks
 * live at the end of the tuned model's `description` (`tunedModels.patch?updateMask=description`),
 * found again by listing the tuned models; removal is `tunedModels.delete` (404: already gone).
 */




const MODEL = schemas/* looseObject */._H3({ name: schemas/* string */.YjP(), description: (0,answers/* opt */.m7)(schemas/* string */.YjP()) });
const LIST = schemas/* looseObject */._H3({ tunedModels: (0,answers/* opt */.m7)(schemas/* array */.YOg(MODEL)), nextPageToken: (0,answers/* opt */.m7)(schemas/* string */.YjP()) });
const answer = (kind, schema) => ({ kind, schema });
class GeminiMarks {
    http;
    url;
    constructor(http, url) {
        this.http = http;
        this.url = url;
    }
    async description(model) {
        const m = await this.http.json({
            method: 'GET',
            url: this.url(model),
            what: 'tunedModels.get',
            answer: answer('TunedModel', MODEL),
        });
        return m.description ?? '';
    }
    async marks(model) {
        return (0,lifecycle_marks/* marksInDescription */.wn)(await this.description(model));
    }
    async usage(model) {
        return { marks: await this.marks(model), aliases: [] };
    }
    async setMarks(model, marks) {
        const description = (0,lifecycle_marks/* describeWithMarks */.Ae)(await this.description(model), marks);
        await this.http.json({
            method: 'PATCH',
            url: this.url(model, { updateMask: 'description' }),
            body: { description },
            idempotent: true,
            what: 'tunedModels.patch (description)',
            answer: answer('TunedModel', MODEL),
        });
    }
    async findMarked(repository, key, value) {
        const found = [];
        let pageToken = '';
        do {
            const page = await this.http.json({
                method: 'GET',
                url: this.url('tunedModels', { pageSize: '1000', ...(pageToken ? { pageToken } : {}) }),
                what: 'tunedModels.list',
                answer: answer('ListTunedModelsResponse', LIST),
            });
            for (const m of page.tunedModels ?? []) {
                const marks = (0,lifecycle_marks/* marksInDescription */.wn)(m.description ?? '');
                if (marks[lifecycle_marks/* REPO_MARK */.Jt] === repository && key in marks && (value === undefined || marks[key] === value)) {
                    found.push(m.name);
                }
            }
            pageToken = page.nextPageToken ?? '';
        } while (pageToken);
        return found;
    }
    async remove(model) {
        try {
            await this.http.json({ method: 'DELETE', url: this.url(model), what: 'tunedModels.delete', answer: answers/* EMPTY */.wg });
            return [model];
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 404)
                return [];
            throw err;
        }
    }
}

// EXTERNAL MODULE: ./src/backends/generate-content.ts
var generate_content = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/backends/defaults.ts
var defaults = __webpack_require__(7747);
;// CONCATENATED MODULE: ./src/backends/gemini-explain.ts
/** What the user can do about the Gemini API's common errors, added to the error's message. */


/** Adds what the user can do about common errors. */
function explain(err, ctx) {
    // A credentials step's error carries its own hint.
    if (!(err instanceof errors/* GoogleApiError */.GI) || err.authStep)
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
                `${defaults/* DEFAULT_BASE_MODEL */.m['gemini-api']}.`;
    }
    else if (err.httpStatus === 429) {
        hint = ' — quota exhausted: tuning quotas are per project; wait or ask for more quota.';
    }
    if (!hint)
        return err;
    return new errors/* GoogleApiError */.GI(err.message + hint, err.httpStatus, err.status, err.retryAfterMs, err.details);
}

// EXTERNAL MODULE: ./src/backends/embeddings.ts
var embeddings = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/backends/count-tokens.ts
var count_tokens = __webpack_require__(9105);
;// CONCATENATED MODULE: ./src/backends/gemini-api.ts
/**
 * The Gemini API backend: tunedModels.create with inline examples, operations.get while it
 * trains, tunedModels.get for the final state and snapshots, tunedModels.delete to cancel,
 * and tunedModels/{id}:generateContent for the eval. Tuned-model methods exist only under /v1beta.
 */














const GEMINI_API_HOST = 'https://generativelanguage.googleapis.com';
const GEMINI_DEFAULT_BASE_MODEL = defaults/* DEFAULT_BASE_MODEL */.m['gemini-api'];
/** The fields read from the answers, with the types the code relies on. */
const TUNED_MODEL = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    state: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
    tuningTask: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({
        snapshots: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* unknown */.L5J())),
        hyperparameters: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({
            learningRate: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            learningRateMultiplier: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            epochCount: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            batchSize: (0,answers/* opt */.m7)(answers/* numeric */.sH),
        })),
    })),
});
const OPERATION = {
    kind: 'Operation',
    schema: schemas/* looseObject */._H3({
        name: schemas/* string */.YjP(),
        done: (0,answers/* opt */.m7)(schemas/* boolean */.zMY()),
        metadata: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({
            tunedModel: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
            totalSteps: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            completedSteps: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            completedPercent: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            snapshots: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* unknown */.L5J())),
        })),
        error: (0,answers/* opt */.m7)(answers/* rpcStatus */.yR),
        response: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({ name: (0,answers/* opt */.m7)(schemas/* string */.YjP()), state: (0,answers/* opt */.m7)(schemas/* string */.YjP()) })),
    }),
};
const TUNED_MODEL_ANSWER = { kind: 'TunedModel', schema: TUNED_MODEL };
const BASE_MODEL_ANSWER = {
    kind: 'Model',
    schema: schemas/* looseObject */._H3({ name: schemas/* string */.YjP(), supportedGenerationMethods: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* string */.YjP())) }),
};
/** Why a Gemini API run cannot tune, and where tuning lives now. */
function noTuning(baseModel, why) {
    return (`base-model ${baseModel} cannot be tuned on the Gemini API: ${why}. Google offers no tuning through the ` +
        'Gemini API today (its last tunable model, models/gemini-1.5-flash-001-tuning, was retired in May 2025). ' +
        'Tune on Vertex AI instead: authenticate with google-github-actions/auth (Workload Identity Federation), ' +
        'set staging-uri, and leave api-key empty (see the README, "Quick start")');
}
const OPERATION_NAME = /^tunedModels\/([a-z0-9-]+)\/operations\/[A-Za-z0-9_-]+$/;
const MODEL_NAME = /^tunedModels\/[a-z0-9-]+$/;
class GeminiApiBackend {
    http;
    name = 'gemini-api';
    defaultBaseModel = GEMINI_DEFAULT_BASE_MODEL;
    base;
    /** Jobs whose dropped loss values were already reported. */
    lossWarned = new Set();
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
    get lifecycle() {
        return new GeminiMarks(this.http, (path, query) => this.url('v1beta', path, query));
    }
    async create(req) {
        const examples = await allExamples(req.examples);
        const body = {
            ...(req.displayName !== null ? { displayName: req.displayName } : {}),
            // The marks (repository, pull request) ride at the end of the description: the Gemini API has no labels.
            ...(req.description || req.marks ? { description: (0,lifecycle_marks/* describeWithMarks */.Ae)(req.description, req.marks ?? {}) } : {}),
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
        let retried = false;
        try {
            const op = await this.http.json({
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
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 409 && req.tunedModelId) {
                // On the first attempt, the model is another run's (same content key, same moment): attached.
                // After a retry it is most likely the one an earlier attempt of this create made.
                return { ...(await this.status(`tunedModels/${req.tunedModelId}`)), attached: !retried };
            }
            if (err instanceof errors/* MalformedAnswerError */.Sz && req.tunedModelId) {
                // The model may exist all the same: say where, so that it can be found (and deleted).
                throw new errors/* MalformedAnswerError */.Sz(`${err.message} (the tuned model, if the service made it, is tunedModels/${req.tunedModelId})`, err.call, err.httpStatus);
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
                    answer: OPERATION,
                    ...(signal ? { signal } : {}),
                });
                if (!op.done)
                    return this.operationStatus(op, job);
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
            if (MODEL_NAME.test(job))
                return this.modelStatus(await this.getModel(job, signal), '', undefined);
            throw new Error(`"${job}" is not a Gemini API operation (tunedModels/ID/operations/OP) or tuned model (tunedModels/ID)`);
        }
        catch (err) {
            throw explain(err, {});
        }
    }
    /**
     * The service's record decides: a base model it does not list, or whose
     * `supportedGenerationMethods` lacks `createTunedModel`, cannot be tuned. In 2026 that is every
     * model: Google retired its last tunable one in May 2025 and has announced no other.
     */
    async checkBaseModel(baseModel) {
        if (!/^models\/[^/]+$/.test(baseModel))
            return; // a tuned model as the source: the create decides
        let methods;
        try {
            const model = await this.http.json({
                method: 'GET',
                url: this.url('v1beta', baseModel),
                what: 'models.get',
                answer: BASE_MODEL_ANSWER,
            });
            methods = model.supportedGenerationMethods ?? [];
        }
        catch (err) {
            if (!(err instanceof errors/* GoogleApiError */.GI) || err.httpStatus !== 404)
                throw explain(err, {});
            throw new backend/* BaseModelRefused */.n(`${noTuning(baseModel, 'the service does not know it (404 NOT_FOUND)')}`);
        }
        if (!methods.includes('createTunedModel')) {
            throw new backend/* BaseModelRefused */.n(noTuning(baseModel, 'the service does not offer it for tuning (no createTunedModel)'));
        }
    }
    getModel(name, signal) {
        return this.http.json({
            method: 'GET',
            url: this.url('v1beta', name),
            what: 'tunedModels.get',
            answer: TUNED_MODEL_ANSWER,
            ...(signal ? { signal } : {}),
        });
    }
    async cancel(status) {
        const model = status.tunedModel ?? status.job.replace(/\/operations\/.*$/, '');
        try {
            await this.http.json({
                method: 'DELETE',
                url: this.url('v1beta', model),
                what: 'tunedModels.delete',
                answer: answers/* EMPTY */.wg,
            });
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 404)
                return; // already gone
            throw explain(err, {});
        }
    }
    async findByContentKey(_contentKey, tunedModelId) {
        if (!tunedModelId)
            return null;
        try {
            return this.modelStatus(await this.getModel(`tunedModels/${tunedModelId}`), '', undefined);
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 404)
                return null;
            throw explain(err, {});
        }
    }
    generate(model, prompt, config, signal) {
        return (0,generate_content/* generateContent */.lX)(this.http, this.url('v1beta', `${model}:generateContent`), prompt, config, signal);
    }
    countTokens(model, turns, signal) {
        const name = model.startsWith('models/') ? model : `models/${model}`;
        return (0,count_tokens/* countTokens */.i)(this.http, this.url('v1beta', `${name}:countTokens`), turns, signal);
    }
    embed(model, texts, signal) {
        const name = model.startsWith('models/') ? model : `models/${model}`;
        return (0,embeddings/* batchEmbed */.O)(this.http, this.url('v1beta', `${name}:batchEmbedContents`), name, texts, signal);
    }
    /** The valid loss snapshots (see lossPoints); how many were not, said once per job. */
    snapshots(job, list) {
        const { points, dropped } = (0,answers/* lossPoints */.xO)(list, (s) => ({
            step: s.step,
            loss: s.meanLoss,
            epoch: s.epoch === undefined || s.epoch === null ? 0 : (0,answers/* countValue */.lA)(s.epoch),
            computeTime: s.computeTime,
        }));
        if (dropped && !this.lossWarned.has(job)) {
            this.lossWarned.add(job);
            core/* warning */.$e((0,answers/* droppedLossMessage */.bZ)(job, dropped));
        }
        return points;
    }
    /** An Operation as a status; `known`: the operation asked for (kept when the answer has no name). */
    operationStatus(op, known) {
        const meta = op.metadata ?? {};
        const total = (0,answers/* wireNumber */.jR)(meta.totalSteps);
        const done = op.done === true;
        let state = 'CREATING';
        if (done)
            state = op.error ? 'FAILED' : op.response?.state === 'FAILED' ? 'FAILED' : 'ACTIVE';
        const job = op.name || known;
        const model = meta.tunedModel || op.response?.name || null;
        return {
            job,
            state,
            tunedModel: model,
            endpoint: model,
            completedPercent: (0,answers/* wireNumber */.jR)(meta.completedPercent) ?? (total ? 0 : null),
            completedSteps: (0,answers/* wireNumber */.jR)(meta.completedSteps) ?? (total ? 0 : null),
            totalSteps: total,
            snapshots: this.snapshots(job, meta.snapshots),
            error: op.error ? (op.error.message ?? 'tuning failed') : null,
            hyperparameters: null,
        };
    }
    modelStatus(model, job, op) {
        const state = model.state === 'ACTIVE' ? 'ACTIVE' : model.state === 'FAILED' ? 'FAILED' : 'CREATING';
        const snaps = this.snapshots(job || model.name || '', model.tuningTask?.snapshots ?? op?.metadata?.snapshots);
        const total = (0,answers/* wireNumber */.jR)(op?.metadata?.totalSteps);
        const last = snaps.at(-1);
        const h = model.tuningTask?.hyperparameters;
        return {
            job,
            state,
            tunedModel: model.name ?? null,
            endpoint: model.name ?? null,
            completedPercent: state === 'ACTIVE' ? 100 : (0,answers/* wireNumber */.jR)(op?.metadata?.completedPercent),
            completedSteps: last?.step ?? null,
            totalSteps: total ?? (state === 'ACTIVE' ? (last?.step ?? null) : null),
            snapshots: snaps,
            error: state === 'FAILED' ? 'tuning failed' : null,
            hyperparameters: h
                ? {
                    epochCount: (0,answers/* wireNumber */.jR)(h.epochCount),
                    batchSize: (0,answers/* wireNumber */.jR)(h.batchSize),
                    learningRate: (0,answers/* wireNumber */.jR)(h.learningRate),
                    learningRateMultiplier: (0,answers/* wireNumber */.jR)(h.learningRateMultiplier),
                }
                : null,
        };
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

// EXTERNAL MODULE: ./src/backends/http.ts + 2 modules
var http = __webpack_require__(1183);
// EXTERNAL MODULE: ./src/util/clock.ts
var util_clock = __webpack_require__(7110);
;// CONCATENATED MODULE: ./src/backends/create-backend.ts







/**
 * The backend the settings name, its HTTP retries on the run's clock; with `timeLimit` (the run's
 * timeout-minutes), every remote call it makes, uploads included, is abandoned when that fires.
 */
async function createBackend(settings, clock = util_clock/* systemClock */.m, timeLimit) {
    if (settings.backend === 'gemini-api') {
        const client = await withForkCredentialsHint('gemini-api', Boolean(settings.apiKey), () => createAuthClient({ apiKey: settings.apiKey, scopes: GEMINI_OAUTH_SCOPES }));
        return new GeminiApiBackend(new http/* GoogleHttp */.EA(client, { clock, timeLimit }), settings.apiEndpoint);
    }
    if (!settings.project)
        throw new Error('the vertex-ai backend needs "project"');
    // Application Default Credentials only (a key file, or google-github-actions/auth's external_account
    // file); projectId given so the library does not look the project up.
    const client = await withForkCredentialsHint('vertex-ai', false, () => createAuthClient({ apiKey: null, scopes: [CLOUD_PLATFORM_SCOPE], projectId: settings.project }));
    const { VertexAiBackend } = await __webpack_require__.e(/* import() */ 703).then(__webpack_require__.bind(__webpack_require__, 4703));
    const raw = (0,http/* withTimeLimit */.Bv)(client, timeLimit);
    return new VertexAiBackend(new http/* GoogleHttp */.EA(client, { clock, timeLimit }), raw, {
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
/* unused harmony export DEFAULT_JUDGE_MODEL */
/* harmony import */ var _model_catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8038);
/**
 * Each backend's default base model, apart from the backends themselves so that a run stopped at
 * its datasets can name it in the report without loading a backend's client.
 */

/**
 * Vertex AI: the catalog's default (./model-catalog.ts). Gemini API: the last model it offered for
 * tuning (retired in May 2025; the service's own record decides at the pre-flight check).
 */
const DEFAULT_BASE_MODEL = {
    'gemini-api': 'models/gemini-1.5-flash-001-tuning',
    'vertex-ai': _model_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .VERTEX_DEFAULT_MODEL */ .tT,
};
/** The model that grades `judge` cases when `judge-model` is empty (v2.1 decision 16). */
const DEFAULT_JUDGE_MODEL = {
    'gemini-api': 'models/gemini-3.5-flash',
    'vertex-ai': 'gemini-3.5-flash',
};


/***/ }),

/***/ 3731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ batchEmbed),
/* harmony export */   y: () => (/* binding */ predictEmbeddings)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3878);
/**
 * Embeddings for the `semantic` scorer, one call for a few texts, single attempt (the eval runner
 * owns retries and concurrency):
 *  - Gemini API: `POST models/M:batchEmbedContents` with `requests: [{model, content}]`, answered
 *    `embeddings: [{values}]`;
 *  - Vertex AI: `POST …/publishers/google/models/M:predict` with `instances: [{content}]`, answered
 *    `predictions: [{embeddings: {values, statistics: {token_count}}}]`.
 */

async function batchEmbed(http, url, model, texts, signal) {
    const res = await http.json({
        method: 'POST',
        url,
        body: { requests: texts.map((text) => ({ model, content: { parts: [{ text }] } })) },
        retry: false,
        what: 'batchEmbedContents',
        ...(signal ? { signal } : {}),
    });
    return {
        vectors: vectorsOf((res?.embeddings ?? []).map((e) => e?.values), texts.length, 'batchEmbedContents'),
    };
}
async function predictEmbeddings(http, url, texts, signal) {
    const res = await http.json({
        method: 'POST',
        url,
        body: { instances: texts.map((content) => ({ content })) },
        retry: false,
        what: 'predict (embeddings)',
        ...(signal ? { signal } : {}),
    });
    const predictions = res?.predictions ?? [];
    let tokens = 0;
    for (const p of predictions) {
        const n = Number(p?.embeddings?.statistics?.token_count);
        if (Number.isFinite(n) && n > 0)
            tokens += n;
    }
    return {
        vectors: vectorsOf(predictions.map((p) => p?.embeddings?.values), texts.length, 'predict (embeddings)'),
        tokens,
    };
}
function vectorsOf(values, expected, what) {
    if (values.length !== expected) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MalformedAnswerError */ .Sz(`${what} answered ${values.length} embedding(s) for ${expected} text(s)`, what, 200);
    }
    return values.map((v) => {
        if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MalformedAnswerError */ .Sz(`${what} answered an embedding that is not a list of numbers`, what, 200);
        }
        return v;
    });
}


/***/ }),

/***/ 3878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   GI: () => (/* binding */ GoogleApiError),
/* harmony export */   Sz: () => (/* binding */ MalformedAnswerError)
/* harmony export */ });
/**
 * Errors raised by the HTTP layer. A google.rpc.Status error body becomes a GoogleApiError;
 * a connection-level failure (reset, refused, timeout, DNS) becomes a NetworkError; a 2xx answer
 * whose body is not what the call returns becomes a MalformedAnswerError.
 */
class GoogleApiError extends Error {
    httpStatus;
    status;
    retryAfterMs;
    details;
    authStep;
    name = 'GoogleApiError';
    constructor(message, 
    /** HTTP status, e.g. 429. */
    httpStatus, 
    /** google.rpc.Code name, e.g. 'RESOURCE_EXHAUSTED' (or 'UNKNOWN' when the body had none). */
    status, 
    /** Delay the server asked for (Retry-After header or google.rpc.RetryInfo), in ms. */
    retryAfterMs = undefined, 
    /** The raw details array of the google.rpc.Status, when present. */
    details = [], 
    /** Set when the error came from getting credentials (e.g. STS), not from the call itself. */
    authStep = null) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
        this.retryAfterMs = retryAfterMs;
        this.details = details;
        this.authStep = authStep;
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
/** A 2xx answer whose body is not the resource the call returns (not JSON, not an object, a wrong field). */
class MalformedAnswerError extends Error {
    call;
    httpStatus;
    name = 'MalformedAnswerError';
    /** The same call would be read the same way. */
    retryable = false;
    constructor(message, 
    /** e.g. 'tuningJobs.get'. */
    call, httpStatus) {
        super(message);
        this.call = call;
        this.httpStatus = httpStatus;
    }
}


/***/ }),

/***/ 7454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lX: () => (/* binding */ generateContent)
/* harmony export */ });
/* unused harmony exports BLOCKED_FINISH_REASONS, EmptyAnswerError, generationSettings, readAnswer */
/**
 * One generateContent call, as both the Gemini API and Vertex AI define it (same request and
 * response shapes; only the URL differs). Single attempt: the eval runner owns retries.
 *
 * What the answer means (INTERFACE.md, "Requests"):
 *  - the output is the text of the first candidate's parts, thought parts (`thought: true`) left out;
 *  - blocked: `promptFeedback.blockReason`, or a `finishReason` in BLOCKED_FINISH_REASONS. The
 *    answer says so (`blocked`), with whatever text came with it; the eval fails the case;
 *  - `finishReason: MAX_TOKENS` keeps the text and marks the answer `truncated`;
 *  - no candidate at all, or a candidate with no text, that was not blocked: an error (an empty
 *    answer is never scored as the output "").
 */
/** finishReason values that mean the service blocked the answer. */
const BLOCKED_FINISH_REASONS = [
    'SAFETY',
    'RECITATION',
    'BLOCKLIST',
    'PROHIBITED_CONTENT',
    'SPII',
];
/** The token counts of a response body, or null when it has none. */
function readUsage(res) {
    const u = isObject(res['usageMetadata']) ? res['usageMetadata'] : null;
    if (!u)
        return null;
    const count = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0
        ? v
        : typeof v === 'string' && /^\d+$/.test(v)
            ? Number(v)
            : null;
    return {
        prompt: count(u['promptTokenCount']),
        output: count(u['candidatesTokenCount']),
        thoughts: count(u['thoughtsTokenCount']),
    };
}
/** The model gave nothing to score: no candidate, or one with no text, and it was not blocked. */
class EmptyAnswerError extends Error {
    name = 'EmptyAnswerError';
}
async function generateContent(http, url, prompt, config, signal) {
    const { text, system, turns = [] } = typeof prompt === 'string' ? { text: prompt, system: null } : prompt;
    const generationConfig = generationSettings(config);
    const res = await http.json({
        method: 'POST',
        url,
        body: {
            // Every turn of the case: the earlier ones (multi-turn cases), then the one asked.
            contents: [
                ...turns.map((t) => ({ role: t.role, parts: [{ text: t.text }] })),
                { role: 'user', parts: [{ text }] },
            ],
            ...(system ? { systemInstruction: { parts: [{ text: system }] } } : {}),
            ...(generationConfig ? { generationConfig } : {}),
        },
        retry: false,
        what: 'generateContent',
        ...(signal ? { signal } : {}),
    });
    return readAnswer(res);
}
/**
 * The `generationConfig` of a request: only the settings that were given (a temperature of 0 is
 * refused by Gemini 3 models, and Google advises tuned models their own defaults); null for none.
 */
function generationSettings(config) {
    const out = {};
    if (config.temperature !== undefined)
        out['temperature'] = config.temperature;
    if (config.maxOutputTokens !== undefined)
        out['maxOutputTokens'] = config.maxOutputTokens;
    // The enum's names are upper case (ThinkingLevel: MINIMAL, LOW, MEDIUM, HIGH); the input is written lower case.
    if (config.thinkingLevel !== undefined)
        out['thinkingConfig'] = { thinkingLevel: config.thinkingLevel.toUpperCase() };
    else if (config.thinkingBudget !== undefined)
        out['thinkingConfig'] = { thinkingBudget: config.thinkingBudget };
    if (config.responseMimeType !== undefined)
        out['responseMimeType'] = config.responseMimeType;
    if (config.responseSchema !== undefined)
        out['responseSchema'] = config.responseSchema;
    return Object.keys(out).length > 0 ? out : null;
}
/** The answer in a generateContent response body (see the module comment). Throws when there is none. */
function readAnswer(res) {
    if (!isObject(res))
        throw new EmptyAnswerError(`the model's answer is not a JSON object (${kindOf(res)})`);
    const feedback = isObject(res['promptFeedback']) ? res['promptFeedback'] : {};
    const promptBlock = nonEmptyString(feedback['blockReason']);
    const candidates = Array.isArray(res['candidates']) ? res['candidates'] : [];
    const candidate = isObject(candidates[0]) ? candidates[0] : null;
    const finishReason = candidate === null ? null : nonEmptyString(candidate['finishReason']);
    const content = candidate !== null && isObject(candidate['content']) ? candidate['content'] : {};
    const parts = Array.isArray(content['parts']) ? content['parts'] : [];
    let text = '';
    for (const p of parts) {
        if (isObject(p) && p['thought'] !== true && typeof p['text'] === 'string')
            text += p['text'];
    }
    const blocked = promptBlock ?? (finishReason !== null && BLOCKED_FINISH_REASONS.includes(finishReason) ? finishReason : null);
    const usage = readUsage(res);
    const counted = usage ? { usage } : {};
    if (blocked !== null)
        return { text, blocked, truncated: false, ...counted };
    const truncated = finishReason === 'MAX_TOKENS';
    if (candidate === null)
        throw new EmptyAnswerError('the model returned no answer (no candidates)');
    if (text === '') {
        const why = finishReason === null ? '' : ` (finishReason ${finishReason.slice(0, 40)})`;
        const hint = truncated ? ': the output token limit was reached before any text (by thinking?)' : '';
        throw new EmptyAnswerError(`the model returned no text${why}${hint}`);
    }
    return { text, blocked: null, truncated, ...counted };
}
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function nonEmptyString(v) {
    return typeof v === 'string' && v !== '' ? v.slice(0, 60) : null;
}
function kindOf(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'an array';
    return typeof v;
}


/***/ }),

/***/ 1183:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EA: () => (/* binding */ GoogleHttp),
  e7: () => (/* binding */ toHttpError),
  Bv: () => (/* binding */ withTimeLimit)
});

// UNUSED EXPORTS: authStepOf

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

;// CONCATENATED MODULE: ./src/util/time-limit.ts
/**
 * The run's time limit (`timeout-minutes`) as an AbortSignal on the run's clock: every remote call
 * of the run (Google's APIs, the Cloud Storage upload, the eval) honours it, so a call that hangs
 * is abandoned when the time is up and the run goes on to publish its report.
 */
/** What a call abandoned at the run's time limit throws. Never retried. */
class TimeLimitError extends Error {
    name = 'TimeLimitError';
    retryable = false;
}
/** A signal that fires `ms` from now on `clock`, its reason a TimeLimitError. */
function timeLimitSignal(clock, ms, what) {
    const controller = new AbortController();
    const alarm = clock.timeout(Math.max(1, Math.ceil(ms)));
    const fire = () => controller.abort(new TimeLimitError(`the run reached its time limit (${what})`));
    if (alarm.aborted)
        fire();
    else
        alarm.addEventListener('abort', fire, { once: true });
    return controller.signal;
}
/**
 * Throws what a call cut short by the run's time limit should throw: a TimeLimitError naming the
 * call, when `limit` has fired; otherwise nothing (the caller throws its own error).
 */
function throwIfTimeUp(limit, call) {
    if (!limit?.aborted)
        return;
    const reason = limit.reason instanceof Error ? limit.reason.message : 'the run reached its time limit';
    throw new TimeLimitError(`${call} was abandoned: ${reason}`);
}

// EXTERNAL MODULE: ./src/backends/answers.ts
var answers = __webpack_require__(3538);
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
    timeLimit;
    constructor(client, options = {}) {
        this.client = client;
        this.clock = options.clock ?? clock/* systemClock */.m;
        this.random = options.random ?? Math.random;
        this.timeLimit = options.timeLimit;
    }
    json(req) {
        const what = req.what ?? `${req.method} ${new URL(req.url).pathname}`;
        // The caller's signal and the run's time limit, whichever fires first.
        const signals = [req.signal, this.timeLimit].filter((s) => s !== undefined);
        const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
        const bounded = { ...req, what, ...(signal ? { signal } : {}) };
        const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'DELETE');
        if (req.retry === false || !idempotent)
            return this.once(bounded);
        return (0,retry/* withRetry */.bD)(() => this.once(bounded), {
            clock: this.clock,
            policy: { ...retry/* DEFAULT_RETRY */.vI, ...(req.retry ?? {}) },
            random: this.random,
            ...(signal ? { signal } : {}),
            onRetry: (err, attempt, delay, asked) => {
                req.onRetry?.();
                core/* debug */.Yz(`${what}: attempt ${attempt} failed (${err.message}); retrying in ${Math.round(delay)} ms` +
                    (asked ? ' (server asked via Retry-After)' : ''));
            },
        });
    }
    async once(req) {
        let res;
        throwIfTimeUp(this.timeLimit, req.what ?? req.method);
        try {
            res = await this.client.request({
                url: req.url,
                method: req.method,
                ...(req.body === undefined ? {} : { data: req.body }),
                timeout: req.timeoutMs ?? 60_000,
                ...(req.signal ? { signal: req.signal } : {}),
                retry: false,
                responseType: req.responseType ?? 'json',
            });
        }
        catch (err) {
            throwIfTimeUp(this.timeLimit, req.what ?? req.method);
            throw toHttpError(err, req);
        }
        if (!req.answer)
            return res.data;
        return (0,answers/* checkAnswer */.dG)(req.answer, res.data, req.what ?? `${req.method} ${safeUrl(req.url)}`, res.status);
    }
}
/**
 * `client` (only its `request`) with every request abandoned when `timeLimit` fires: the run's time
 * limit over the raw requests of the Cloud Storage upload, which throw TimeLimitError then.
 */
function withTimeLimit(client, timeLimit) {
    if (!timeLimit)
        return client;
    const send = client.request.bind(client);
    const request = async (opts) => {
        const what = `${opts.method} (Cloud Storage upload)`;
        throwIfTimeUp(timeLimit, what);
        const signal = opts.signal ? AbortSignal.any([opts.signal, timeLimit]) : timeLimit;
        try {
            return await send({ ...opts, signal });
        }
        catch (err) {
            throwIfTimeUp(timeLimit, what);
            throw err;
        }
    };
    return { request };
}
/** Converts whatever gaxios threw into a GoogleApiError or NetworkError (a TimeLimitError stays one). */
function toHttpError(err, req) {
    if (err instanceof TimeLimitError)
        return err;
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
        const failedUrl = String(e.config?.url ?? e.response.config?.url ?? '');
        const step = authStepOf(failedUrl, req.url);
        if (step) {
            const why = oauthMessage(body) ?? message;
            return new errors/* GoogleApiError */.GI(maskJwts((0,secrets/* scrub */._I)(`${step} failed with ${status} (HTTP ${httpStatus}) from POST ${safeUrl(failedUrl)}, so ${where} was not sent: ` +
                `${why.length > 500 ? `${why.slice(0, 500)}…` : why}${AUTH_HINTS[step]}`)), httpStatus, status, retryAfterMs, details, step);
        }
        return new errors/* GoogleApiError */.GI((0,secrets/* scrub */._I)(`${status} (HTTP ${httpStatus}) from ${where}: ${message}`), httpStatus, status, retryAfterMs, details);
    }
    if (e?.name === 'AbortError')
        return e;
    const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
    return new errors/* NetworkError */.Dr((0,secrets/* scrub */._I)(`${where} failed: ${e?.message ?? String(err)}`), code);
}
const AUTH_HINTS = {
    'token exchange': ' — Workload Identity Federation: check the google-github-actions/auth step (workload_identity_provider is the ' +
        "provider's full name, its attribute condition accepts this repository) and that the job has " +
        '"permissions: id-token: write".',
    'service-account impersonation': ' — the Workload Identity principal may not act as the service account: grant it ' +
        'roles/iam.workloadIdentityUser on the service account, and check service_account in the auth step.',
    'OAuth token request': ' — check the credentials file (GOOGLE_APPLICATION_CREDENTIALS) and its key.',
};
/**
 * Which credentials step a failed request was, when it was not the call itself: google-auth-library
 * gets (and renews) the token inside `request()`, and its errors carry the token request's URL.
 */
function authStepOf(failedUrl, callUrl) {
    let failed;
    try {
        failed = new URL(failedUrl);
    }
    catch {
        return null;
    }
    const call = new URL(callUrl);
    if (failed.origin === call.origin && failed.pathname === call.pathname)
        return null;
    if (failed.pathname.endsWith(':generateAccessToken'))
        return 'service-account impersonation';
    if (failed.hostname.startsWith('sts.') || /^\/v1(beta)?\/token$/.test(failed.pathname))
        return 'token exchange';
    if (failed.pathname.endsWith('/token'))
        return 'OAuth token request';
    return null;
}
/** An OAuth 2.0 error body (RFC 6749 §5.2, as STS sends): "error: error_description". */
function oauthMessage(body) {
    const o = body !== null && typeof body === 'object' ? body : null;
    if (!o || typeof o['error'] !== 'string')
        return null;
    const description = typeof o['error_description'] === 'string' ? o['error_description'].trim() : '';
    return description ? `${o['error']}: ${description}` : o['error'];
}
/** A JWT (e.g. the OIDC subject token echoed back) is a credential: never quoted. */
function maskJwts(text) {
    return text.replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[JWT]');
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

/***/ 8038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dG: () => (/* binding */ lifecycleLocations),
/* harmony export */   tT: () => (/* binding */ VERTEX_DEFAULT_MODEL)
/* harmony export */ });
/* unused harmony exports VERTEX_CATALOG, isTunedModel, catalogId, findModel, checkBaseModel, servingLocation */
/**
 * The Gemini models that Vertex AI tunes, as Google documents them: Vertex AI's publisher models
 * do not say whether they can be tuned, so the action carries the facts (which models support
 * supervised tuning, where they are tuned, where their tuned models are served, when they retire
 * and what replaces them). Every fact names where it was read; re-check them there before a
 * release (the project's copy: ../shared/specs/model-catalog-2026-12.md).
 *
 * Sources (stored copies, read 2026-12-03 unless said otherwise):
 *  [tuning]   Vertex AI "tuning" reference, reference/models/tuning: supported models, the
 *             regions where they are tuned, where tuned models are served, GA dates, CMEK limits.
 *  [sft-3]    the supervised-tuning page for Gemini 3.x (zh-CN copy): the same regions and the
 *             `us` / `eu` serving multi-regions; the lowest thinking setting advised for tuned models.
 *  [versions] models/model-versions: retirement dates; tuning closes one month before retirement.
 *
 * Pure data and pure checks: no I/O, the date is passed in.
 */
const TUNED_IN_3X = ['us-central1', 'europe-west4'];
const SERVED_3X = { 'us-central1': 'us', 'europe-west4': 'eu' };
/** The models, newest first. The first is the default base model on Vertex AI. */
const VERTEX_CATALOG = [
    {
        id: 'gemini-3.5-flash',
        tunable: true,
        tunedIn: TUNED_IN_3X,
        servedFrom: SERVED_3X,
        ga: '2026-05-19',
        retirement: null,
        successor: null,
        source: '[tuning] and [sft-3], read 2026-12-03',
    },
    {
        id: 'gemini-3.5-flash-lite',
        tunable: true,
        tunedIn: TUNED_IN_3X,
        servedFrom: SERVED_3X,
        ga: '2026-07-21',
        retirement: null,
        successor: null,
        source: '[tuning] and [sft-3], read 2026-12-03',
    },
    {
        id: 'gemini-3.1-flash-lite',
        tunable: true, // without CMEK [tuning]
        tunedIn: TUNED_IN_3X,
        servedFrom: SERVED_3X,
        ga: '2026-05-07',
        retirement: null,
        successor: 'gemini-3.5-flash-lite',
        source: '[tuning] and [sft-3], read 2026-12-03',
    },
    ...['gemini-2.5-flash', 'gemini-2.5-pro'].map((id) => retired(id, '2026-10-16', 'gemini-3.5-flash')),
    retired('gemini-2.5-flash-lite', '2026-10-16', 'gemini-3.5-flash-lite'),
    // Vertex AI's own date is not confirmed (an older copy of [versions] says February 2026; the
    // Gemini API shut 2.0 Flash down on 2026-06-01): "retired", no date.
    retired('gemini-2.0-flash-001', 'retired', 'gemini-3.5-flash'),
    retired('gemini-2.0-flash-lite-001', 'retired', 'gemini-3.5-flash-lite'),
    retired('gemini-1.5-pro-002', 'retired', 'gemini-3.5-flash'),
    retired('gemini-1.5-flash-002', 'retired', 'gemini-3.5-flash'),
];
function retired(id, retirement, successor) {
    return {
        id,
        tunable: false,
        tunedIn: [],
        servedFrom: {},
        ga: null,
        retirement,
        successor,
        source: '[versions], read 2026-12-03',
    };
}
/**
 * Whether a base model names a tuned Vertex AI Model, `projects/P/locations/L/models/M` with an
 * optional `@VERSION` or `@ALIAS`: continuous tuning, which the catalog does not judge.
 */
function isTunedModel(baseModel) {
    return /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+(@[A-Za-z0-9_-]+)?$/.test(baseModel);
}
/** The default base model on Vertex AI (INTERFACE v2.1). */
const VERTEX_DEFAULT_MODEL = 'gemini-3.5-flash';
/** Google closes tuning about a month before a model retires. [versions] */
const TUNING_CLOSES_DAYS_BEFORE = 30;
/** A model whose tuning closes within this many days is a warning. */
const WARN_DAYS = 30;
const DAY_MS = 86_400_000;
/** `gemini-3.5-flash`, `publishers/google/models/gemini-3.5-flash` or the full resource name, to the id. */
function catalogId(baseModel) {
    const m = /^(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/google\/models\/([^/@]+)$/.exec(baseModel);
    return m?.[1] ?? baseModel;
}
function findModel(baseModel) {
    const id = catalogId(baseModel);
    const exact = VERTEX_CATALOG.find((m) => m.id === id);
    if (exact)
        return exact;
    // Any other 1.5 / 2.0 / 2.5 version (e.g. gemini-2.5-flash-preview-05-20): the family's fate.
    const family = /^(gemini-(?:1\.5|2\.0|2\.5)-(?:flash-lite|flash|pro))\b/.exec(id)?.[1];
    if (!family)
        return null;
    return VERTEX_CATALOG.find((m) => m.id === family || m.id === `${family}-001` || m.id === `${family}-002`) ?? null;
}
/**
 * What the catalog says of tuning `baseModel` in `location` on `today` (ms since the epoch):
 * retired or closed to tuning → error naming the date and the successor; a region where it is not
 * tuned → error naming the regions; tuning closing within 30 days → warning; not in the catalog →
 * sent as given, with a notice.
 */
function checkBaseModel(baseModel, location, today) {
    const model = findModel(baseModel);
    const shown = `base-model "${baseModel}"`;
    if (!model) {
        return {
            kind: 'unknown',
            message: `${shown} is not in the action's model catalog: it is sent to Vertex AI as given (the catalog knows ${VERTEX_CATALOG.filter((m) => m.tunable)
                .map((m) => m.id)
                .join(', ')})`,
        };
    }
    const instead = model.successor ? `; use ${model.successor} instead (base-model: ${model.successor})` : '';
    if (model.retirement === 'retired') {
        return { kind: 'error', message: `${shown} is retired and can no longer be tuned on Vertex AI${instead}` };
    }
    if (model.retirement !== null) {
        const retires = Date.parse(`${model.retirement}T00:00:00Z`);
        const closes = retires - TUNING_CLOSES_DAYS_BEFORE * DAY_MS;
        if (today >= retires) {
            return {
                kind: 'error',
                message: `${shown} was retired on ${model.retirement} (tuning closed about a month earlier)${instead}`,
            };
        }
        if (today >= closes) {
            return {
                kind: 'error',
                message: `${shown} can no longer be tuned: tuning closed about a month before its retirement on ${model.retirement}${instead}`,
            };
        }
        if (today >= closes - WARN_DAYS * DAY_MS) {
            return {
                kind: 'warning',
                model,
                message: `${shown} retires on ${model.retirement} and tuning closes about a month before (around ${isoDate(closes)})${instead}`,
            };
        }
    }
    if (!model.tunable)
        return { kind: 'error', message: `${shown} does not support supervised tuning${instead}` };
    if (!model.tunedIn.includes(location)) {
        return {
            kind: 'error',
            message: `${shown} is tuned only in ${model.tunedIn.join(' and ')}, not in "${location}": set location: ${model.tunedIn[0] ?? 'us-central1'}`,
        };
    }
    return { kind: 'ok', model };
}
/** Where the tuned models of a job in `location` are served (Gemini 3.x: `us` / `eu`), when the catalog says. */
function servingLocation(baseModel, location) {
    return findModel(baseModel)?.servedFrom[location] ?? null;
}
function isoDate(ms) {
    return new Date(ms).toISOString().slice(0, 10);
}
/** Where tuned models of jobs run in `location` may be served (Gemini 3.x: its `us`/`eu` multi-region), the region itself first. */
function lifecycleLocations(location) {
    const served = VERTEX_CATALOG.map((m) => m.servedFrom[location]).filter((l) => Boolean(l));
    return [...new Set([location, ...served])];
}


/***/ }),

/***/ 6318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ describeWithMarks),
/* harmony export */   Jt: () => (/* binding */ REPO_MARK),
/* harmony export */   wn: () => (/* binding */ marksInDescription)
/* harmony export */ });
/* unused harmony exports PR_MARK_PREFIX, RELEASE_MARK, repositoryMark, pullRequestMark, creationMarks, pullRequestsIn */
/**
 * Who uses a tuned model (INTERFACE "Modes": cleanup, promote): marks on the model, as Vertex AI
 * labels on the model version, or (the Gemini API has no labels) in the tuned model's description.
 * - `gemini_tune_repo`: the repository (GITHUB_REPOSITORY_ID), on every job the action creates;
 * - `gemini_tune_pr_<N>` = `open`: a pull request that made or reused the model;
 * - `gemini_tune_release` = the release label: the model `promote` marked (never deleted).
 */
const REPO_MARK = 'gemini_tune_repo';
const PR_MARK_PREFIX = 'gemini_tune_pr_';
const RELEASE_MARK = 'gemini_tune_release';
/** The repository's mark value: its numeric id (survives a rename), else its name as a label value. */
function repositoryMark(env) {
    const id = env['GITHUB_REPOSITORY_ID'] ?? '';
    if (/^\d{1,63}$/.test(id))
        return id;
    const name = (env['GITHUB_REPOSITORY'] ?? 'local')
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .slice(0, 63);
    return name || 'local';
}
const pullRequestMark = (number) => `${PR_MARK_PREFIX}${number}`;
/** The marks a job is created with: the repository, and the pull request when there is one. */
function creationMarks(env, pullRequest) {
    return {
        [REPO_MARK]: repositoryMark(env),
        ...(pullRequest !== null ? { [pullRequestMark(pullRequest)]: 'open' } : {}),
    };
}
/** The pull requests whose marks are on a model. */
function pullRequestsIn(marks) {
    return Object.keys(marks)
        .map((k) => (k.startsWith(PR_MARK_PREFIX) ? Number(k.slice(PR_MARK_PREFIX.length)) : Number.NaN))
        .filter((n) => Number.isSafeInteger(n) && n > 0)
        .sort((a, b) => a - b);
}
// The Gemini API keeps the marks at the end of the description: ` [gemini-tune repo=ID pr=1,2 release=LABEL]`.
const BLOCK = /\s*\[gemini-tune(?: [a-z]+=[A-Za-z0-9_,.-]*)*\]\s*$/;
/** The marks in a Gemini API tuned model's description. */
function marksInDescription(description) {
    const block = BLOCK.exec(description)?.[0];
    if (!block)
        return {};
    const marks = {};
    for (const [, key, value] of block.matchAll(/ ([a-z]+)=([A-Za-z0-9_,.-]*)/g)) {
        if (key === 'repo' && value)
            marks[REPO_MARK] = value;
        if (key === 'release' && value)
            marks[RELEASE_MARK] = value;
        if (key === 'pr' && value)
            for (const n of value.split(','))
                if (/^\d+$/.test(n))
                    marks[pullRequestMark(Number(n))] = 'open';
    }
    return marks;
}
/** The description with its marks block replaced by `marks` (the user's text kept before it). */
function describeWithMarks(description, marks) {
    const text = description.replace(BLOCK, '');
    const parts = [];
    if (marks[REPO_MARK])
        parts.push(`repo=${marks[REPO_MARK]}`);
    const prs = pullRequestsIn(marks);
    if (prs.length > 0)
        parts.push(`pr=${prs.join(',')}`);
    if (marks[RELEASE_MARK])
        parts.push(`release=${marks[RELEASE_MARK]}`);
    if (parts.length === 0)
        return text;
    return `${text}${text ? ' ' : ''}[gemini-tune ${parts.join(' ')}]`;
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

//# sourceMappingURL=774.index.js.map