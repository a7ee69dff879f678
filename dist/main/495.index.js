export const id = 495;
export const ids = [495];
export const modules = {

/***/ 53495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  VertexAiBackend: () => (/* binding */ VertexAiBackend)
});

// UNUSED EXPORTS: CONTENT_KEY_LABEL, RUN_LABEL, TUNING_JOB_NAME, VERTEX_DEFAULT_BASE_MODEL

// EXTERNAL MODULE: ./src/backends/backend.ts
var backend = __webpack_require__(64633);
// EXTERNAL MODULE: ./src/backends/answers.ts
var answers = __webpack_require__(3538);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/util/clock.ts
var util_clock = __webpack_require__(97110);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
// EXTERNAL MODULE: ./src/backends/errors.ts
var errors = __webpack_require__(33878);
// EXTERNAL MODULE: ./src/backends/http.ts + 1 modules
var http = __webpack_require__(69366);
;// CONCATENATED MODULE: ./src/backends/gcs-upload.ts
/**
 * A small resumable upload over the Cloud Storage JSON API (not @google-cloud/storage: with a
 * custom endpoint its resumable path drops the Authorization header).
 *
 * 1. GET the object's metadata: when it already exists with the same MD5 and size, nothing is sent.
 * 2. POST /upload/storage/v1/b/BUCKET/o?uploadType=resumable (X-Upload-Content-Length, metadata with
 *    md5Hash so the service verifies what it stores) → the session URI in `Location`.
 * 3. PUT the bytes in chunks (multiples of 256 KiB) with `Content-Range: bytes A-B/TOTAL`; the
 *    service answers 308 with `Range: bytes=0-N` (what it has) until the last chunk (200/201).
 * 4. When a chunk fails (dropped connection, 5xx, 429), PUT an empty body with
 *    `Content-Range: bytes *\/TOTAL` to ask what arrived, and resume from there. A 404/410 session
 *    (expired) starts a new one.
 */





const CHUNK_GRANULE = 256 * 1024;
const DEFAULT_CHUNK_SIZE = 32 * CHUNK_GRANULE; // 8 MiB
function parseGsUri(uri) {
    const m = /^gs:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
    if (!m?.[1])
        throw new Error(`"${uri}" is not a gs://bucket/prefix URI`);
    return { bucket: m[1], prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}
function md5Base64(data) {
    return createHash('md5').update(data).digest('base64');
}
async function uploadResumable(req) {
    const chunkSize = req.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (chunkSize <= 0 || chunkSize % CHUNK_GRANULE !== 0) {
        throw new Error(`chunk size ${chunkSize} is not a positive multiple of ${CHUNK_GRANULE}`);
    }
    const clock = req.clock ?? util_clock/* systemClock */.m;
    const log = req.log ?? (() => undefined);
    // Attempts count from the last progress, not from the start: a large upload may need many resumes.
    const policy = {
        maxAttempts: req.maxFailuresWithoutProgress ?? 6,
        baseDelayMs: 500,
        maxDelayMs: 30_000,
        maxElapsedMs: Infinity,
        maxRetryAfterMs: Infinity,
        jitter: true,
    };
    const base = req.baseUrl.replace(/\/+$/, '');
    const source = new ByteSource(Buffer.isBuffer(req.data) ? [req.data] : req.data.chunks);
    const { total, md5Hash } = await source.measure();
    const uri = `gs://${req.bucket}/${req.object}`;
    const result = { uri, skipped: false, size: total, bytesSent: 0, resumes: 0, resumedAt: [], md5Hash };
    // Failures in a row without progress; reset whenever the service reports more bytes than before.
    let failures = 0;
    const failed = async (err, what) => {
        const decision = (0,retry/* retryDelay */.a2)(policy, ++failures, err, { elapsedMs: 0, leftMs: Infinity, random: Math.random() });
        if (!decision.retry)
            throw err;
        log(`${what} failed (${err.message}); retrying in ${decision.delayMs} ms`);
        await clock.sleep(decision.delayMs);
    };
    // 1. Already there?
    for (;;) {
        try {
            const existing = await getObject(req.client, base, req.bucket, req.object);
            if (existing && existing.md5Hash === md5Hash && Number(existing.size) === total) {
                log(`${uri} already holds these ${total} bytes (MD5 ${md5Hash}): not uploading again`);
                return { ...result, skipped: true };
            }
            break;
        }
        catch (err) {
            // May create but not read (roles/storage.objectCreator): upload without the check.
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 403) {
                log(`cannot read ${uri} to compare checksums (${err.message}); uploading it`);
                break;
            }
            await failed(err, 'objects.get');
        }
    }
    failures = 0;
    let session = null;
    let offset = 0;
    let restarts = 0;
    for (;;) {
        // 2. A session.
        if (!session) {
            try {
                session = await initiate(req, base, total, md5Hash);
                offset = 0;
            }
            catch (err) {
                await failed(err, 'resumable upload initiation');
                continue;
            }
        }
        // 3. The next chunk (or the empty finalising request of an empty object).
        const end = Math.min(offset + chunkSize, total);
        const body = await source.read(offset, end);
        const range = total === 0 ? 'bytes */0' : `bytes ${offset}-${end - 1}/${total}`;
        let outcome;
        try {
            result.bytesSent += body.length;
            outcome = await put(req.client, session, range, body);
        }
        catch (err) {
            if (isGone(err) && restarts < 2) {
                log(`upload session expired (${err.message}); starting a new one`);
                restarts++;
                session = null;
                continue;
            }
            await failed(err, `upload of bytes ${offset}-${end - 1}`);
            // 4. Ask what arrived, then resume from there (not from the start).
            const asked = await queryUntilKnown(req.client, session, total, failed);
            if (asked === 'gone') {
                session = null;
                continue;
            }
            result.resumes++;
            if (asked.done)
                return verify(result, asked.resource);
            result.resumedAt.push(asked.next);
            log(`resuming ${uri} at byte ${asked.next} of ${total}`);
            if (asked.next > offset)
                failures = 0;
            offset = asked.next;
            continue;
        }
        if (outcome.done)
            return verify(result, outcome.resource);
        if (outcome.next > offset)
            failures = 0;
        else
            await failed(new errors/* NetworkError */.Dr(`the service kept none of bytes ${offset}-${end - 1}`, undefined), 'upload');
        offset = outcome.next;
    }
}
/**
 * Reads a body produced in order (UploadData) by byte range, holding only the bytes from the start
 * of the last range asked for: ranges come in increasing order, and a resume goes back at most to
 * the start of the chunk that failed; one that goes back further (a new session starts at 0) has
 * the body produced again from the start.
 */
class ByteSource {
    produce;
    iterator = null;
    /** The bytes held, [start, end) of the body, as consecutive pieces. */
    pieces = [];
    start = 0;
    end = 0;
    constructor(produce) {
        this.produce = produce;
    }
    fresh() {
        const it = typeof this.produce === 'function' ? this.produce() : this.produce;
        return (async function* () {
            yield* it;
        })();
    }
    /** The size and base64 MD5 of the whole body (one pass over it). */
    async measure() {
        const md5 = (0,external_node_crypto_.createHash)('md5');
        let total = 0;
        for (let it = this.fresh(), r = await it.next(); !r.done; r = await it.next()) {
            md5.update(r.value);
            total += r.value.length;
        }
        return { total, md5Hash: md5.digest('base64') };
    }
    /** Bytes [from, to) of the body. */
    async read(from, to) {
        if (this.iterator === null || from < this.start) {
            this.iterator = this.fresh();
            this.pieces = [];
            this.start = this.end = 0;
        }
        while (this.end < to) {
            const r = await this.iterator.next();
            if (r.done)
                throw new Error(`the data to upload ended at byte ${this.end}, before byte ${to}: it changed while it was sent`);
            const piece = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
            this.pieces.push(piece);
            this.end += piece.length;
        }
        // Keep only [from, end): a later range starts at `from` or after it, but for a resume behind it.
        const held = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
        this.pieces = [held.subarray(from - this.start)];
        this.start = from;
        return this.pieces[0].subarray(0, to - from);
    }
}
function verify(result, resource) {
    if (resource.md5Hash && resource.md5Hash !== result.md5Hash) {
        throw new Error(`Cloud Storage stored ${result.uri} with MD5 ${resource.md5Hash}, but the data has ${result.md5Hash}`);
    }
    return result;
}
function isGone(err) {
    return err instanceof errors/* GoogleApiError */.GI && (err.httpStatus === 404 || err.httpStatus === 410);
}
async function queryUntilKnown(client, session, total, failed) {
    for (;;) {
        try {
            return await put(client, session, `bytes */${total}`, Buffer.alloc(0));
        }
        catch (err) {
            if (isGone(err))
                return 'gone';
            await failed(err, 'upload status query');
        }
    }
}
async function getObject(client, base, bucket, object) {
    const url = `${base}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(object)}`;
    try {
        const res = await client.request({
            url,
            method: 'GET',
            retry: false,
            responseType: 'json',
            timeout: 60_000,
            validateStatus: (s) => (s >= 200 && s < 300) || s === 404,
        });
        return res.status === 404 ? null : parseJson(res.data);
    }
    catch (err) {
        throw (0,http/* toHttpError */.e7)(err, { method: 'GET', url });
    }
}
async function initiate(req, base, total, md5Hash) {
    const url = new URL(`${base}/upload/storage/v1/b/${encodeURIComponent(req.bucket)}/o`);
    url.searchParams.set('uploadType', 'resumable');
    url.searchParams.set('name', req.object);
    try {
        const res = await req.client.request({
            url: url.toString(),
            method: 'POST',
            headers: {
                'Content-Type': 'application/json; charset=UTF-8',
                'X-Upload-Content-Type': req.contentType,
                'X-Upload-Content-Length': String(total),
            },
            data: JSON.stringify({ name: req.object, contentType: req.contentType, md5Hash }),
            retry: false,
            responseType: 'text',
            timeout: 60_000,
        });
        const location = header(res.headers, 'location');
        if (!location)
            throw new Error(`the resumable upload of gs://${req.bucket}/${req.object} got no session URI`);
        // A relative Location is resolved against the request URL.
        return new URL(location, url).toString();
    }
    catch (err) {
        if (err instanceof Error && err.message.includes('got no session URI'))
            throw err;
        throw (0,http/* toHttpError */.e7)(err, { method: 'POST', url: url.toString() });
    }
}
async function put(client, session, contentRange, body) {
    try {
        const res = await client.request({
            url: session,
            method: 'PUT',
            headers: { 'Content-Range': contentRange },
            data: body,
            retry: false,
            responseType: 'text',
            timeout: 300_000,
            validateStatus: (s) => (s >= 200 && s < 300) || s === 308,
        });
        if (res.status === 308) {
            // "Range: bytes=0-N": the service holds the first N+1 bytes; no header: none yet.
            const m = /^bytes=0-(\d+)$/.exec(header(res.headers, 'range') ?? '');
            return { done: false, next: m?.[1] ? Number(m[1]) + 1 : 0 };
        }
        return { done: true, resource: parseJson(res.data) ?? {} };
    }
    catch (err) {
        // (toHttpError's type lists the JSON verbs; it only prints the method.)
        throw (0,http/* toHttpError */.e7)(err, { method: 'PUT', url: session });
    }
}
function parseJson(data) {
    if (typeof data !== 'string')
        return data ?? null;
    if (!data.trim())
        return null;
    try {
        return JSON.parse(data);
    }
    catch {
        return null;
    }
}
function header(headers, name) {
    if (!headers)
        return null;
    if (typeof headers.get === 'function')
        return headers.get(name);
    const record = headers;
    const value = record[name] ?? record[name.toLowerCase()];
    return typeof value === 'string' ? value : null;
}

;// CONCATENATED MODULE: ./src/backends/staging.ts
/** Where Vertex AI datasets are staged in Cloud Storage, from the `staging-uri` input. */

/** The folder used when `staging-uri` names a bare bucket (`gs://bucket`), so the bucket's root stays clean. */
const DEFAULT_STAGING_PREFIX = 'gemini-tune';
/**
 * `PREFIX/KEY/KIND.jsonl`, directly under the prefix the user gave (`gs://b/runs` →
 * `runs/KEY/training.jsonl`; the prefix is not repeated, nor a folder of ours added under it); a
 * bare bucket gets DEFAULT_STAGING_PREFIX. Empty path segments (`gs://b//x/`) are dropped.
 */
function stagingObject(stagingUri, key, kind) {
    return stagedAt(stagingUri, `${key}/${kind}.jsonl`);
}
/** `PREFIX/eval/<sha256>.jsonl`: a job's eval set, stored for `mode: finish` (decision 11). */
function stagedEvalObject(stagingUri, sha256) {
    return stagedAt(stagingUri, `eval/${sha256}.jsonl`);
}
function stagedAt(stagingUri, path) {
    const { bucket, prefix } = parseGsUri(stagingUri);
    const folder = prefix.split('/').filter(Boolean).join('/') || DEFAULT_STAGING_PREFIX;
    const object = `${folder}/${path}`;
    return { bucket, object, uri: `gs://${bucket}/${object}` };
}

;// CONCATENATED MODULE: ./src/backends/vertex-explain.ts
/** Vertex AI errors with what to do about them: the permission, the bucket, the model, the quota. */

function explain(err, ctx) {
    // A credentials step's error carries its own hint.
    if (!(err instanceof errors/* GoogleApiError */.GI) || err.authStep)
        return err;
    let hint = '';
    if (err.httpStatus === 403 && ctx.upload) {
        hint =
            ` — the credentials may not write ${ctx.upload}: grant the service account roles/storage.objectAdmin ` +
                '(or objectCreator + objectViewer) on the staging bucket.';
    }
    else if (err.httpStatus === 403) {
        hint =
            ' — the credentials may not tune models in this project: grant roles/aiplatform.user to the service ' +
                'account (or the Workload Identity principal), enable the Vertex AI API, and check "project" and "location". ' +
                'The Vertex AI service agent also needs read access to the staging bucket.';
    }
    else if (err.httpStatus === 401) {
        hint =
            ' — the credentials were rejected: check the google-github-actions/auth step (workload_identity_provider, ' +
                'service_account) and that the job has "permissions: id-token: write".';
    }
    else if (err.httpStatus === 404 && ctx.baseModel) {
        hint = ` — base model "${ctx.baseModel}" was not found in this location, or cannot be tuned there.`;
    }
    else if (err.httpStatus === 404 && ctx.upload) {
        hint = ` — the bucket of ${ctx.upload} does not exist (check "staging-uri").`;
    }
    else if (err.httpStatus === 429) {
        hint = ' — quota exhausted: tuning quotas are per project and region; wait or ask for more quota.';
    }
    if (!hint)
        return err;
    return new errors/* GoogleApiError */.GI(err.message + hint, err.httpStatus, err.status, err.retryAfterMs, err.details);
}

;// CONCATENATED MODULE: ./src/backends/vertex-hosts.ts
/**
 * Which host serves a Vertex AI location, chosen the way Google's own clients choose it:
 * `global` → aiplatform.googleapis.com, the `us` / `eu` multi-regions → aiplatform.{us|eu}.rep.googleapis.com,
 * any region → {region}-aiplatform.googleapis.com. Cloud Storage is one global host. `api-endpoint`
 * replaces every host (paths unchanged).
 */
const STORAGE_HOST = 'https://storage.googleapis.com';
const MULTI_REGIONS = new Set(['us', 'eu']);
function vertexBaseUrl(location, apiEndpoint) {
    if (apiEndpoint)
        return apiEndpoint.replace(/\/+$/, '');
    if (!/^[a-z0-9-]+$/.test(location))
        throw new Error(`"${location}" is not a Vertex AI location`);
    if (location === 'global')
        return 'https://aiplatform.googleapis.com';
    if (MULTI_REGIONS.has(location))
        return `https://aiplatform.${location}.rep.googleapis.com`;
    return `https://${location}-aiplatform.googleapis.com`;
}
function storageBaseUrl(apiEndpoint) {
    return (apiEndpoint ?? STORAGE_HOST).replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/backends/eval-storage.ts
/**
 * Vertex AI: the eval set of a job left training, stored in Cloud Storage next to the training
 * set (`PREFIX/eval/<sha256>.jsonl`) for `mode: finish`, and read back by it.
 */



/** An eval set larger than this is not read back (the loader's own limits keep real ones far below). */
const MAX_EVAL_BYTES = 64 * 1024 * 1024;
async function storeEvalSet(s, bytes, sha256) {
    if (!s.stagingUri)
        throw new Error('the eval set is stored under "staging-uri", which is empty');
    const { bucket, object } = stagedEvalObject(s.stagingUri, sha256);
    const result = await uploadResumable({
        client: s.raw,
        baseUrl: storageBaseUrl(s.apiEndpoint),
        bucket,
        object,
        data: bytes,
        contentType: 'application/jsonl',
        ...(s.clock ? { clock: s.clock } : {}),
        log: s.log,
    });
    s.log(result.skipped
        ? `eval set: ${result.uri} is already there (same MD5)`
        : `eval set: stored ${result.size} bytes at ${result.uri} for mode: finish`);
    return result.uri;
}
async function readEvalSet(s, uri, signal) {
    const { bucket, prefix } = parseGsUri(uri);
    const url = `${storageBaseUrl(s.apiEndpoint)}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(prefix)}?alt=media`;
    const text = await s.http.json({
        method: 'GET',
        url,
        responseType: 'text',
        what: 'storage.objects.get (the stored eval set)',
        ...(signal ? { signal } : {}),
    });
    if (typeof text !== 'string')
        throw new Error(`${uri} did not come back as text`);
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length > MAX_EVAL_BYTES)
        throw new Error(`${uri} is larger than ${MAX_EVAL_BYTES} bytes`);
    return bytes;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/mini/schemas.js + 5 modules
var schemas = __webpack_require__(28395);
// EXTERNAL MODULE: ./src/lifecycle/marks.ts
var marks = __webpack_require__(66318);
;// CONCATENATED MODULE: ./src/backends/vertex-models.ts
/**
 * Vertex AI's tuned models after tuning (cleanup and promote; decision 8): labels on the model
 * version (`PATCH …/models/M@V?updateMask=labels`, the whole map replaced), version aliases
 * (`:mergeVersionAliases`), and removal: undeploy from every endpoint (`:undeployModel`), delete
 * those endpoints, then delete the version (`:deleteVersion`) when the Model has other versions,
 * else the Model. Undeploys and deletes are long-running operations: each is waited for. A
 * resource already gone (404) counts as removed, so running twice fails on nothing.
 */




const MODEL_VERSION = /^(projects\/[^/]+\/locations\/([^/]+)\/models\/[^/@]+)@(\d+)$/;
const MODEL = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    versionId: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
    versionAliases: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* string */.YjP())),
    labels: (0,answers/* opt */.m7)(schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())),
    deployedModels: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* looseObject */._H3({ endpoint: (0,answers/* opt */.m7)(schemas/* string */.YjP()), deployedModelId: (0,answers/* opt */.m7)(schemas/* string */.YjP()), checkpointId: (0,answers/* opt */.m7)(schemas/* string */.YjP()) }))),
});
const LIST = schemas/* looseObject */._H3({ models: (0,answers/* opt */.m7)(schemas/* array */.YOg(MODEL)), nextPageToken: (0,answers/* opt */.m7)(schemas/* string */.YjP()) });
const ENDPOINT = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    deployedModels: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* looseObject */._H3({ id: schemas/* string */.YjP(), model: (0,answers/* opt */.m7)(schemas/* string */.YjP()) }))),
});
const OPERATION = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    done: (0,answers/* opt */.m7)(schemas/* boolean */.zMY()),
    error: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({ code: (0,answers/* opt */.m7)(schemas/* number */.aig()), message: (0,answers/* opt */.m7)(schemas/* string */.YjP()) })),
});
const answer = (kind, schema) => ({ kind, schema });
/** How long to wait between reads of an operation, and for all of it. */
const OPERATION_POLL_MS = 2_000;
const OPERATION_LIMIT_MS = 30 * 60_000;
class VertexModels {
    o;
    constructor(o) {
        this.o = o;
    }
    get(name) {
        return this.o.http.json({
            method: 'GET',
            url: this.o.url(name),
            what: 'models.get',
            answer: answer('Model', MODEL),
        });
    }
    async marks(model) {
        return (await this.usage(model)).marks;
    }
    async usage(model) {
        const m = await this.get(version(model).name);
        return { marks: { ...(m.labels ?? {}) }, aliases: (m.versionAliases ?? []).filter((a) => a !== 'default') };
    }
    async setMarks(model, marks) {
        await this.o.http.json({
            method: 'PATCH',
            url: this.o.url(version(model).name, { updateMask: 'labels' }),
            body: { labels: marks },
            // Replacing a whole map is idempotent.
            idempotent: true,
            what: 'models.patch (labels)',
            answer: answer('Model', MODEL),
        });
    }
    async findMarked(repository, key, value) {
        const mine = `labels.${marks/* REPO_MARK */.Jt}=${repository}`;
        const filter = `${mine} AND labels.${key}${value === undefined ? ':*' : `=${value}`}`;
        const found = new Set();
        for (const location of this.o.locations) {
            for (const model of await this.list(`projects/${this.o.project}/locations/${location}/models`, mine)) {
                // Labels live on versions: each of the repository's Models, version by version.
                for (const v of await this.list(`${model.name}:listVersions`, filter)) {
                    if (v.versionId)
                        found.add(`${v.name}@${v.versionId}`);
                }
            }
        }
        return [...found];
    }
    async list(resource, filter) {
        const out = [];
        let pageToken = '';
        do {
            const page = await this.o.http.json({
                method: 'GET',
                url: this.o.url(resource, { filter, pageSize: '100', ...(pageToken ? { pageToken } : {}) }),
                what: resource.endsWith(':listVersions') ? 'models.listVersions' : 'models.list',
                answer: answer('ListModelsResponse', LIST),
            });
            out.push(...(page.models ?? []));
            pageToken = page.nextPageToken ?? '';
        } while (pageToken);
        return out;
    }
    async aliasRelease(model, label) {
        const v = version(model);
        const versions = await this.list(`${v.base}:listVersions`, '');
        if (versions.length < 2)
            return false;
        await this.o.http.json({
            method: 'POST',
            url: this.o.url(`${v.name}:mergeVersionAliases`),
            body: { versionAliases: [label] },
            idempotent: true,
            what: 'models.mergeVersionAliases',
            answer: answer('Model', MODEL),
        });
        return true;
    }
    async remove(model) {
        const v = version(model);
        let current;
        try {
            current = await this.get(v.name);
        }
        catch (err) {
            if (gone(err))
                return [];
            throw err;
        }
        const removed = [];
        for (const d of current.deployedModels ?? []) {
            if (!d.endpoint)
                continue;
            if (await this.undeployAndDelete(d.endpoint, d.deployedModelId ?? null))
                removed.push(d.endpoint);
        }
        const versions = await this.list(`${v.base}:listVersions`, '');
        const others = versions.filter((m) => m.versionId !== v.version);
        const target = others.length > 0
            ? { name: `${v.name}:deleteVersion`, what: 'models.deleteVersion' }
            : { name: v.base, what: 'models.delete' };
        if (await this.operate('DELETE', target.name, target.what))
            removed.push(others.length > 0 ? v.name : v.base);
        return removed;
    }
    /** Undeploys the model from an endpoint, and deletes the endpoint once nothing is deployed on it. */
    async undeployAndDelete(endpoint, deployedModelId) {
        let wire;
        try {
            wire = await this.o.http.json({
                method: 'GET',
                url: this.o.url(endpoint),
                what: 'endpoints.get',
                answer: answer('Endpoint', ENDPOINT),
            });
        }
        catch (err) {
            if (gone(err))
                return false;
            throw err;
        }
        const deployed = wire.deployedModels ?? [];
        for (const d of deployed.filter((x) => deployedModelId === null || x.id === deployedModelId)) {
            await this.operate('POST', `${endpoint}:undeployModel`, 'endpoints.undeployModel', { deployedModelId: d.id });
        }
        // Another model still deployed there (not ours to remove): the endpoint stays.
        if (deployed.some((x) => deployedModelId !== null && x.id !== deployedModelId))
            return false;
        return this.operate('DELETE', endpoint, 'endpoints.delete');
    }
    /** Starts a long-running operation and waits for it; false when the resource was already gone. */
    async operate(method, resource, what, body) {
        let op;
        try {
            op = await this.o.http.json({
                method,
                url: this.o.url(resource),
                ...(body !== undefined ? { body } : {}),
                // Undeploying or deleting twice ends in the same place.
                idempotent: true,
                what,
                answer: answer('Operation', OPERATION),
            });
        }
        catch (err) {
            if (gone(err))
                return false;
            throw err;
        }
        this.o.log(`${what}: ${resource} (operation ${op.name.split('/').pop() ?? ''})`);
        const started = this.o.clock.now();
        while (!op.done) {
            if (this.o.clock.now() - started > OPERATION_LIMIT_MS)
                throw new Error(`${what} of ${resource} did not finish in 30 minutes`);
            await this.o.clock.sleep(OPERATION_POLL_MS);
            op = await this.o.http.json({
                method: 'GET',
                url: this.o.url(op.name),
                what: 'operations.get',
                answer: answer('Operation', OPERATION),
            });
        }
        if (op.error?.message)
            throw new Error(`${what} of ${resource} failed: ${op.error.message}`);
        return true;
    }
}
function version(model) {
    const m = MODEL_VERSION.exec(model);
    if (!m)
        throw new Error(`"${model}" is not a Vertex AI model version (projects/…/models/M@VERSION)`);
    return { name: model, base: m[1], version: m[3] };
}
function gone(err) {
    return err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 404;
}

// EXTERNAL MODULE: ./src/backends/model-catalog.ts
var model_catalog = __webpack_require__(48038);
// EXTERNAL MODULE: ./src/dataset/to-vertex-jsonl.ts
var to_vertex_jsonl = __webpack_require__(13157);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/backends/embeddings.ts
var embeddings = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/backends/count-tokens.ts
var count_tokens = __webpack_require__(99105);
// EXTERNAL MODULE: ./src/backends/generate-content.ts
var generate_content = __webpack_require__(97454);
;// CONCATENATED MODULE: ./src/backends/vertex-wire.ts
/**
 * Vertex AI's tuningJobs resource as it comes over the wire (int64 counts as strings, enums as
 * names), and its translation into the backend-neutral JobStatus.
 */


const ADAPTER_SIZES = {
    1: 'ADAPTER_SIZE_ONE',
    2: 'ADAPTER_SIZE_TWO',
    4: 'ADAPTER_SIZE_FOUR',
    8: 'ADAPTER_SIZE_EIGHT',
    16: 'ADAPTER_SIZE_SIXTEEN',
};
const ADAPTER_NUMBERS = Object.fromEntries(Object.entries(ADAPTER_SIZES).map(([n, name]) => [name, Number(n)]));
/** The fields of a TuningJob that are read, with the types the code relies on. */
const TUNING_JOB = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    state: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
    createTime: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
    error: (0,answers/* opt */.m7)(answers/* rpcStatus */.yR),
    labels: (0,answers/* opt */.m7)(schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())),
    experiment: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
    tunedModel: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({ model: (0,answers/* opt */.m7)(schemas/* string */.YjP()), endpoint: (0,answers/* opt */.m7)(schemas/* string */.YjP()) })),
    supervisedTuningSpec: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({
        hyperParameters: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({ epochCount: (0,answers/* opt */.m7)(answers/* numeric */.sH), learningRateMultiplier: (0,answers/* opt */.m7)(answers/* numeric */.sH), adapterSize: (0,answers/* opt */.m7)(schemas/* string */.YjP()) })),
    })),
    tuningDataStats: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({
        supervisedTuningDataStats: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({
            tuningDatasetExampleCount: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            totalTuningCharacterCount: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            totalBillableTokenCount: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            tuningStepCount: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            totalTruncatedExampleCount: (0,answers/* opt */.m7)(answers/* numeric */.sH),
            droppedExampleReasons: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* string */.YjP())),
        })),
    })),
});
const named = schemas/* array */.YOg(schemas/* looseObject */._H3({ name: (0,answers/* opt */.m7)(schemas/* string */.YjP()), displayName: (0,answers/* opt */.m7)(schemas/* string */.YjP()) }));
/** What each Vertex AI call answers. */
const ANSWERS = {
    tuningJob: { kind: 'TuningJob', schema: TUNING_JOB },
    listJobs: {
        kind: 'ListTuningJobsResponse',
        schema: schemas/* looseObject */._H3({ tuningJobs: (0,answers/* opt */.m7)(schemas/* array */.YOg(TUNING_JOB)), nextPageToken: (0,answers/* opt */.m7)(schemas/* string */.YjP()) }),
    },
    context: { kind: 'Context', schema: schemas/* looseObject */._H3({ metadata: (0,answers/* opt */.m7)(schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())) }) },
    contexts: { kind: 'ListContextsResponse', schema: schemas/* looseObject */._H3({ contexts: (0,answers/* opt */.m7)(named) }) },
    runs: { kind: 'ListTensorboardRunsResponse', schema: schemas/* looseObject */._H3({ tensorboardRuns: (0,answers/* opt */.m7)(named) }) },
    series: { kind: 'ListTensorboardTimeSeriesResponse', schema: schemas/* looseObject */._H3({ tensorboardTimeSeries: (0,answers/* opt */.m7)(named) }) },
    model: {
        kind: 'Model',
        schema: schemas/* looseObject */._H3({
            name: schemas/* string */.YjP(),
            versionId: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
            versionAliases: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* string */.YjP())),
            defaultCheckpointId: (0,answers/* opt */.m7)(schemas/* string */.YjP()),
        }),
    },
    read: {
        kind: 'ReadTensorboardTimeSeriesDataResponse',
        schema: schemas/* looseObject */._H3({ timeSeriesData: (0,answers/* opt */.m7)(schemas/* looseObject */._H3({ values: (0,answers/* opt */.m7)(schemas/* array */.YOg(schemas/* unknown */.L5J())) })) }),
    },
};
function contentKeyLabel(contentKey) {
    return contentKey.toLowerCase().slice(0, 63);
}
function mapState(state) {
    switch (state) {
        case 'JOB_STATE_SUCCEEDED':
            return 'ACTIVE';
        case 'JOB_STATE_FAILED':
        case 'JOB_STATE_EXPIRED':
            return 'FAILED';
        case 'JOB_STATE_CANCELLED':
            return 'CANCELLED';
        default:
            return 'CREATING';
    }
}
function wireHyperparameters(h) {
    const out = {};
    // int64 travels as a JSON string; the adapter size is an enum name (the number 4 would mean SIXTEEN).
    if (h.epochCount !== null)
        out['epochCount'] = String(h.epochCount);
    if (h.learningRateMultiplier !== null)
        out['learningRateMultiplier'] = h.learningRateMultiplier;
    if (h.adapterSize !== null) {
        const name = ADAPTER_SIZES[h.adapterSize];
        if (!name)
            throw new Error(`adapter size ${h.adapterSize} is not one of 1, 2, 4, 8, 16`);
        out['adapterSize'] = name;
    }
    return Object.keys(out).length ? { hyperParameters: out } : {};
}
/** int64 (a string) or a number, when it is a finite number. */
function toNumber(v) {
    return (0,answers/* wireNumber */.jR)(v);
}
function dataStats(job) {
    const s = job.tuningDataStats?.supervisedTuningDataStats;
    if (!s)
        return null;
    return {
        exampleCount: toNumber(s.tuningDatasetExampleCount),
        totalCharacterCount: toNumber(s.totalTuningCharacterCount),
        totalBillableTokenCount: toNumber(s.totalBillableTokenCount),
        tuningStepCount: toNumber(s.tuningStepCount),
        truncatedExampleCount: toNumber(s.totalTruncatedExampleCount),
        droppedExampleReasons: s.droppedExampleReasons ?? [],
    };
}
function jobError(job, state) {
    if (state === 'CANCELLED')
        return `the tuning job was cancelled${job.error?.message ? `: ${job.error.message}` : ''}`;
    if (state !== 'FAILED')
        return null;
    const why = job.error?.message?.trim() || 'the service gave no reason';
    const expired = job.state === 'JOB_STATE_EXPIRED' ? ' (the job expired before it could run)' : '';
    return `Vertex AI tuning job ${job.name ?? ''} failed${expired}: ${why}${job.error?.code ? ` (code ${job.error.code})` : ''}`;
}
/** `known`: the job asked for, kept when the answer has no name. */
function jobStatus(job, snapshots, known = '') {
    const state = mapState(job.state);
    const stats = dataStats(job);
    const h = job.supervisedTuningSpec?.hyperParameters;
    const last = snapshots.at(-1);
    const totalSteps = stats?.tuningStepCount ?? null;
    return {
        job: job.name || known,
        state,
        tunedModel: job.tunedModel?.model || null,
        endpoint: job.tunedModel?.endpoint || null,
        completedPercent: state === 'ACTIVE' ? 100 : null,
        completedSteps: state === 'ACTIVE' && totalSteps ? totalSteps : (last?.step ?? null),
        totalSteps,
        snapshots,
        error: jobError(job, state),
        hyperparameters: h
            ? {
                epochCount: toNumber(h.epochCount),
                learningRateMultiplier: toNumber(h.learningRateMultiplier),
                adapterSize: h.adapterSize ? (ADAPTER_NUMBERS[h.adapterSize] ?? null) : null,
            }
            : null,
        tuningDataStats: stats,
        jobState: job.tuningJobState || null,
        checkpoints: (job.tunedModel?.checkpoints ?? []).flatMap((c) => c.checkpointId
            ? [
                {
                    checkpointId: c.checkpointId,
                    epoch: toNumber(c.epoch),
                    step: toNumber(c.step),
                    endpoint: c.endpoint || null,
                },
            ]
            : []),
        completedEpochs: toNumber(job.tuningJobMetadata?.completedEpochCount),
    };
}

;// CONCATENATED MODULE: ./src/backends/vertex-metrics.ts
/**
 * The loss curve of a Vertex AI tuning job. The TuningJob carries no loss: the training metrics live
 * in the job's experiment, backed by a Vertex AI TensorBoard; they are read over REST along the chain
 * Google's tuning notebooks follow (Experiment → backing TensorBoard → experiment run →
 * read_time_series_data), the same routes the emulator serves (test/emulator/README.md):
 *   1. GET {experiment}  (…/metadataStores/default/contexts/EXP)  → metadata.backing_tensorboard_resource
 *   2. GET …/metadataStores/default/contexts?filter=schema_title="system.ExperimentRun" AND parent_contexts:"{experiment}"
 *      → run contexts "EXP-RUN" (fallback: GET {tensorboard}/experiments/EXP/runs)
 *   3. GET {tensorboard}/experiments/EXP/runs/RUN/timeSeries  → the ones with displayName "/train_total_loss"
 *      and, when a validation set was given, "/eval_total_loss"
 *   4. GET {timeSeries}:read?maxDataPoints=1000  → values[] = {step (int64 string), wallTime, scalar.value}
 * The series found are remembered per job, so a poll costs one read per series once they are known.
 * Only finite, non-negative losses at valid steps are kept (answers.ts).
 */



/** Metric reads are best effort: a short retry, so a flaky TensorBoard read never holds up polling. */
const METRICS_RETRY = { maxAttempts: 2, maxElapsedMs: 10_000 };
class LossCurves {
    http;
    url;
    log;
    /** The loss time series of each job, once found. */
    lossSeries = new Map();
    lossWarned = new Set();
    constructor(http, 
    /** URL of a resource name, on the host of its location. */
    url, log) {
        this.http = http;
        this.url = url;
        this.log = log;
    }
    /** The loss curves of a job; empty when there are none yet (or they cannot be read). */
    async lossCurves(job) {
        const none = { training: [], validation: [] };
        if (!job.name || !job.experiment)
            return none;
        const withValidation = Boolean(job.supervisedTuningSpec?.validationDatasetUri);
        let series = this.lossSeries.get(job.name);
        if (!series) {
            let found;
            try {
                found = await this.findLossSeries(job.experiment);
            }
            catch (err) {
                this.couldNotRead(job.name, err);
                return none;
            }
            if (!found)
                return none;
            series = found;
            // Once the validation series exists too (it appears with the first validation point), or there is none to wait for.
            if (found.eval || !withValidation)
                this.lossSeries.set(job.name, series);
        }
        const name = job.name;
        return {
            training: await this.readCurve(name, job, series.train),
            validation: series.eval && withValidation ? await this.readCurve(name, job, series.eval) : [],
        };
    }
    /** One loss series as snapshots, or [] when it cannot be read. */
    async readCurve(name, job, series) {
        try {
            const res = await this.http.json({
                method: 'GET',
                url: this.url(`${series}:read`, { maxDataPoints: '1000' }),
                what: 'timeSeries.read',
                answer: ANSWERS.read,
                retry: METRICS_RETRY,
            });
            const stats = job.tuningDataStats?.supervisedTuningDataStats;
            const totalSteps = toNumber(stats?.tuningStepCount);
            const epochs = toNumber(job.supervisedTuningSpec?.hyperParameters?.epochCount);
            const perEpoch = totalSteps && epochs ? totalSteps / epochs : null;
            // Only finite, non-negative losses at valid steps; the epoch follows from the step.
            const { points, dropped } = (0,answers/* lossPoints */.xO)(res.timeSeriesData?.values, (v) => ({
                step: v.step,
                loss: v.scalar?.value,
                epoch: null,
                computeTime: v.wallTime,
            }));
            if (dropped && !this.lossWarned.has(name)) {
                this.lossWarned.add(name);
                this.log((0,answers/* droppedLossMessage */.bZ)(name, dropped));
            }
            return points.map((p) => ({
                ...p,
                epoch: perEpoch && epochs ? Math.min(epochs, Math.max(1, Math.ceil(p.step / perEpoch))) : null,
            }));
        }
        catch (err) {
            this.couldNotRead(name, err);
            return [];
        }
    }
    /** Said once per job: the loss curve is a nice-to-have, and the next poll tries again. */
    couldNotRead(name, err) {
        if (this.lossWarned.has(name))
            return;
        this.lossWarned.add(name);
        this.log(`Could not read the loss curve (${err.message}); the report may have no loss chart`);
    }
    async findLossSeries(experiment) {
        const context = await this.getOrNull(experiment, 'contexts.get', ANSWERS.context);
        const tensorboard = context?.metadata?.['backing_tensorboard_resource'];
        if (typeof tensorboard !== 'string' || !tensorboard)
            return null;
        const experimentId = experiment.split('/').pop() ?? '';
        const store = experiment.replace(/\/contexts\/[^/]+$/, '');
        // The experiment's runs are its child contexts; a run context's id is "{EXP}-{run}".
        const children = await this.getOrNull(`${store}/contexts`, 'contexts.list', ANSWERS.contexts, { filter: `schema_title="system.ExperimentRun" AND parent_contexts:"${experiment}"` });
        const runs = (children?.contexts ?? [])
            .map((c) => (c.name ?? '').split('/').pop() ?? '')
            .filter((id) => id.startsWith(`${experimentId}-`))
            .map((id) => `${tensorboard}/experiments/${experimentId}/runs/${id.slice(experimentId.length + 1)}`);
        if (!runs.length) {
            // No run contexts: the TensorBoard experiment's own run list.
            const listed = await this.getOrNull(`${tensorboard}/experiments/${experimentId}/runs`, 'tensorboardRuns.list', ANSWERS.runs);
            runs.push(...(listed?.tensorboardRuns ?? []).flatMap((r) => (r.name ? [r.name] : [])));
        }
        for (const run of runs) {
            const list = await this.getOrNull(`${run}/timeSeries`, 'timeSeries.list', ANSWERS.series);
            const named = (display) => (list?.tensorboardTimeSeries ?? []).find((s) => s.name && s.displayName?.replace(/^\/+/, '') === display)
                ?.name ?? null;
            const train = named('train_total_loss');
            if (train)
                return { train, eval: named('eval_total_loss') };
        }
        return null;
    }
    async getOrNull(resource, what, answer, query) {
        try {
            return await this.http.json({
                method: 'GET',
                url: this.url(resource, query),
                what,
                answer,
                retry: METRICS_RETRY,
            });
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 404)
                return null;
            throw err;
        }
    }
}

// EXTERNAL MODULE: ./src/backends/defaults.ts
var defaults = __webpack_require__(27747);
;// CONCATENATED MODULE: ./src/backends/vertex-ai.ts
/**
 * The Vertex AI backend: the datasets go to Cloud Storage as contents JSONL (resumable upload,
 * skipped when the same bytes are already there), then tuningJobs.create (which returns the
 * TuningJob itself, no Operation), tuningJobs.get while it trains, tuningJobs.cancel, and
 * generateContent on the tuned model's endpoint (or on a publisher model for the baseline).
 * The TuningJob carries no loss: the curve is read from the job's experiment (vertex-metrics.ts).
 */






















const VERTEX_DEFAULT_BASE_MODEL = defaults/* DEFAULT_BASE_MODEL */.m['vertex-ai'];
/** Label holding (the first 63 hex digits of) the content key: label values are at most 63 characters. */
const CONTENT_KEY_LABEL = 'gemini_tune_key';
/** Label holding the run label of the run that created the job (found by the post step when the create's answer was lost). */
const RUN_LABEL = 'gemini_tune_run';
const TUNING_JOB_NAME = /^projects\/[^/]+\/locations\/([^/]+)\/tuningJobs\/[^/]+$/;
const ENDPOINT_NAME = /^projects\/[^/]+\/locations\/([^/]+)\/endpoints\/[^/]+$/;
/** A tuned model version, the source of continuous tuning: projects/P/locations/L/models/M@VERSION. */
const TUNED_MODEL_VERSION = /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+@\d+$/;
class VertexAiBackend {
    http;
    raw;
    opts;
    name = 'vertex-ai';
    defaultBaseModel = VERTEX_DEFAULT_BASE_MODEL;
    /** Uploads this backend made (or skipped), for the log and the tests. */
    uploads = [];
    log;
    /** Reads each job's loss curve from its experiment (vertex-metrics.ts). */
    curves;
    constructor(http, raw, opts) {
        this.http = http;
        this.raw = raw;
        this.opts = opts;
        this.log = opts.log ?? (() => undefined);
        this.curves = new LossCurves(http, (resource, query) => this.url(resource, query), this.log);
    }
    get parent() {
        return `projects/${this.opts.project}/locations/${this.opts.location}`;
    }
    /** URL of a resource name, on the host of the location the name itself is in. */
    url(resource, query) {
        const location = /^projects\/[^/]+\/locations\/([^/]+)/.exec(resource)?.[1] ?? this.opts.location;
        const u = new URL(`${vertexBaseUrl(location, this.opts.apiEndpoint)}/v1/${resource}`);
        for (const [k, v] of Object.entries(query ?? {}))
            u.searchParams.set(k, v);
        return u.toString();
    }
    async create(req) {
        if (!this.opts.stagingUri)
            throw new Error('the vertex-ai backend needs "staging-uri" to upload the dataset to');
        const trainingUri = await this.upload(req.contentKey, 'training', req.examples);
        const validationUri = req.validationExamples.count
            ? await this.upload(req.contentKey, 'validation', req.validationExamples)
            : null;
        // A stop signal during the upload: the create is not sent, so no job needs cancelling.
        if (req.stop?.aborted)
            throw new backend/* CreateStoppedError */.o();
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
            const job = await this.http.json({
                method: 'POST',
                url: this.url(`${this.parent}/tuningJobs`),
                body,
                idempotent: false,
                what: 'tuningJobs.create',
                answer: ANSWERS.tuningJob,
            });
            return jobStatus(job, []);
        }
        catch (err) {
            throw explain(err, { baseModel: req.baseModel });
        }
    }
    async defaultCheckpoint(model) {
        try {
            const m = await this.http.json({
                method: 'GET',
                url: this.url(model),
                what: 'models.get',
                answer: ANSWERS.model,
            });
            return m.defaultCheckpointId || null;
        }
        catch (err) {
            throw explain(err, {});
        }
    }
    async setDefaultCheckpoint(model, checkpointId) {
        try {
            await this.http.json({
                method: 'PATCH',
                url: this.url(model, { updateMask: 'defaultCheckpointId' }),
                body: { defaultCheckpointId: checkpointId },
                what: 'models.patch',
                answer: ANSWERS.model,
            });
        }
        catch (err) {
            throw explain(err, {});
        }
    }
    async resolveTunedModel(name) {
        let model;
        try {
            model = await this.http.json({
                method: 'GET',
                url: this.url(name),
                what: 'models.get',
                answer: ANSWERS.model,
            });
        }
        catch (err) {
            throw explain(err, {});
        }
        const base = (model.name ?? name).replace(/@.*$/, '');
        if (!model.versionId)
            throw new Error(`models.get of ${name} named no versionId`);
        return `${base}@${model.versionId}`;
    }
    async upload(key, kind, examples) {
        // Directly under the staging prefix (PREFIX/KEY/KIND.jsonl): the prefix is not repeated.
        const { bucket, object } = stagingObject(this.opts.stagingUri ?? '', key, kind);
        // The canonical JSONL written once to a file (never held whole), whose bytes are then
        // checksummed and sent (again from where the service says when an upload resumes).
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'gemini-tune-upload-'));
        const staged = (0,external_node_path_.join)(dir, `${kind}.jsonl`);
        const result = await (0,to_vertex_jsonl/* writeVertexJsonl */.U$)(examples, staged)
            .then(() => uploadResumable({
            client: this.raw,
            baseUrl: storageBaseUrl(this.opts.apiEndpoint),
            bucket,
            object,
            data: { chunks: () => (0,external_node_fs_.createReadStream)(staged, { highWaterMark: 1 << 20 }) },
            contentType: 'application/jsonl',
            ...(this.opts.uploadChunkSize ? { chunkSize: this.opts.uploadChunkSize } : {}),
            ...(this.opts.clock ? { clock: this.opts.clock } : {}),
            log: this.log,
        }))
            .catch((err) => {
            throw explain(err, { upload: `gs://${bucket}/${object}` });
        })
            .finally(() => (0,promises_.rm)(dir, { recursive: true, force: true }));
        this.uploads.push(result);
        this.log(result.skipped
            ? `${kind} data: ${result.uri} is already there (same MD5), not uploaded again`
            : `${kind} data: uploaded ${result.size} bytes to ${result.uri}` +
                (result.resumes
                    ? ` (interrupted ${result.resumes} time(s); resumed at byte ${result.resumedAt.join(', ')}` +
                        ' as Cloud Storage reported, not from the start)'
                    : ''));
        return result.uri;
    }
    get lifecycle() {
        return new VertexModels({
            http: this.http,
            url: (resource, query) => this.url(resource, query),
            project: this.opts.project,
            locations: (0,model_catalog/* lifecycleLocations */.dG)(this.opts.location),
            clock: this.opts.clock ?? util_clock/* systemClock */.m,
            log: this.log,
        });
    }
    get storage() {
        const { stagingUri, apiEndpoint, clock } = this.opts;
        return { http: this.http, raw: this.raw, stagingUri, apiEndpoint, log: this.log, ...(clock ? { clock } : {}) };
    }
    storeEvalSet(bytes, sha256) {
        return storeEvalSet(this.storage, bytes, sha256);
    }
    readEvalSet(uri, signal) {
        return readEvalSet(this.storage, uri, signal);
    }
    async status(job, signal) {
        if (!TUNING_JOB_NAME.test(job)) {
            throw new Error(`"${job}" is not a Vertex AI tuning job name (projects/P/locations/L/tuningJobs/ID)`);
        }
        let wire;
        try {
            wire = await this.http.json({
                method: 'GET',
                url: this.url(job),
                what: 'tuningJobs.get',
                answer: ANSWERS.tuningJob,
                ...(signal ? { signal } : {}),
            });
        }
        catch (err) {
            throw explain(err, {});
        }
        const curves = await this.curves.lossCurves(wire);
        return { ...jobStatus(wire, curves.training, job), validationSnapshots: curves.validation };
    }
    async cancel(status) {
        if (!status.job)
            return;
        try {
            await this.http.json({
                method: 'POST',
                url: this.url(`${status.job}:cancel`),
                body: {},
                idempotent: true, // cancelling twice is harmless
                what: 'tuningJobs.cancel',
                answer: answers/* EMPTY */.wg,
            });
        }
        catch (err) {
            // Already ended (FAILED_PRECONDITION) or gone: nothing left to cancel.
            if (err instanceof errors/* GoogleApiError */.GI && [400, 404].includes(err.httpStatus))
                return;
            throw explain(err, {});
        }
    }
    async findByContentKey(contentKey) {
        const usable = (await this.labelled(contentKey)).filter((j) => j.state !== 'JOB_STATE_CANCELLING' && ['ACTIVE', 'CREATING'].includes(mapState(j.state)));
        usable.sort((a, b) => Number(mapState(b.state) === 'ACTIVE') - Number(mapState(a.state) === 'ACTIVE') ||
            (b.createTime ?? '').localeCompare(a.createTime ?? ''));
        const best = usable[0];
        return best?.name ? this.status(best.name) : null;
    }
    async listByContentKey(contentKey) {
        return (await this.labelled(contentKey)).flatMap((j) => {
            if (!j.name)
                return [];
            const mapped = mapState(j.state);
            const state = j.state === 'JOB_STATE_CANCELLING' || !['ACTIVE', 'CREATING'].includes(mapped) ? 'ENDED' : mapped;
            const runLabel = j.labels?.[RUN_LABEL] ?? null;
            return [{ name: j.name, state: state, createTime: j.createTime ?? '', runLabel }];
        });
    }
    /** Every job labelled with this content key (tuningJobs.list, by the label filter where the service takes it). */
    async labelled(contentKey) {
        const label = contentKeyLabel(contentKey);
        const matches = [];
        let filter = `labels.${CONTENT_KEY_LABEL}="${label}"`;
        let pageToken = '';
        for (let page = 0; page < 20; page++) {
            let res;
            try {
                res = await this.http.json({
                    method: 'GET',
                    url: this.url(`${this.parent}/tuningJobs`, {
                        pageSize: '100',
                        ...(filter ? { filter } : {}),
                        ...(pageToken ? { pageToken } : {}),
                    }),
                    what: 'tuningJobs.list',
                    answer: ANSWERS.listJobs,
                });
            }
            catch (err) {
                // A service that does not take the label filter: list everything and filter here.
                if (filter && err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 400) {
                    filter = null;
                    pageToken = '';
                    continue;
                }
                throw explain(err, {});
            }
            matches.push(...(res.tuningJobs ?? []).filter((j) => j.labels?.[CONTENT_KEY_LABEL] === label));
            if (!res.nextPageToken)
                break;
            pageToken = res.nextPageToken;
        }
        return matches;
    }
    generate(model, prompt, config, signal) {
        return (0,generate_content/* generateContent */.lX)(this.http, this.url(`${this.modelResource(model)}:generateContent`), prompt, config, signal);
    }
    countTokens(model, turns, signal) {
        return (0,count_tokens/* countTokens */.i)(this.http, this.url(`${this.modelResource(model)}:countTokens`), turns, signal);
    }
    embed(model, texts, signal) {
        return (0,embeddings/* predictEmbeddings */.y)(this.http, this.url(`${this.modelResource(model)}:predict`), texts, signal);
    }
    /**
     * A tuned model's endpoint (projects/P/locations/L/endpoints/E) as it is; a base model
     * (gemini-3.5-flash, models/..., publishers/google/models/...) as a publisher model in this project.
     */
    modelResource(model) {
        if (ENDPOINT_NAME.test(model) || model.startsWith('projects/'))
            return model;
        const id = model.replace(/^(publishers\/[^/]+\/)?models\//, '');
        const publisher = /^publishers\/([^/]+)\//.exec(model)?.[1] ?? 'google';
        return `${this.parent}/publishers/${publisher}/models/${id}`;
    }
}


/***/ }),

/***/ 13157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U$: () => (/* binding */ writeVertexJsonl),
/* harmony export */   nm: () => (/* binding */ canonicalLine)
/* harmony export */ });
/* unused harmony exports toVertexRecord, toVertexJsonl, vertexJsonlStream, vertexJsonlChunks */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);



const PAIR_HEAD = '{"contents":[{"role":"user","parts":[{"text":';
const PAIR_MID = '}]},{"role":"model","parts":[{"text":';
const PAIR_TAIL = '}]}]}';
function partsJson(parts) {
    let out = '[';
    for (let k = 0; k < parts.length; k++) {
        const p = parts[k];
        if (p === null || typeof p !== 'object' || typeof p.text !== 'string')
            return null;
        out += `${k === 0 ? '' : ','}{"text":${JSON.stringify(p.text)}}`;
    }
    return `${out}]`;
}
/** The canonical line of a native record, or null when it is not a text-only contents record. */
function nativeLine(native) {
    if (native === null || typeof native !== 'object')
        return null;
    const n = native;
    if (!Array.isArray(n.contents))
        return null;
    let out = '{';
    if (n.systemInstruction !== undefined) {
        const si = n.systemInstruction;
        if (si === null || typeof si !== 'object' || !Array.isArray(si.parts))
            return null;
        const parts = partsJson(si.parts);
        if (parts === null)
            return null;
        out += `"systemInstruction":{"parts":${parts}},`;
    }
    out += '"contents":[';
    for (let k = 0; k < n.contents.length; k++) {
        const turn = n.contents[k];
        if (turn === null || typeof turn !== 'object' || typeof turn.role !== 'string' || !Array.isArray(turn.parts))
            return null;
        const parts = partsJson(turn.parts);
        if (parts === null)
            return null;
        out += `${k === 0 ? '' : ','}{"role":${JSON.stringify(turn.role)},"parts":${parts}}`;
    }
    return `${out}]}`;
}
/** The canonical line (no newline) of one example. */
function canonicalLine(e) {
    if (e.native !== undefined) {
        const line = nativeLine(e.native);
        if (line !== null)
            return line;
    }
    return PAIR_HEAD + JSON.stringify(e.textInput) + PAIR_MID + JSON.stringify(e.output) + PAIR_TAIL;
}
/** The Vertex AI record of one example, as an object (the parsed canonical line). */
function toVertexRecord(e) {
    return JSON.parse(canonicalLine(e));
}
/** Vertex AI `contents` JSONL for upload: one canonical line per example, each ending in `\n`. */
function toVertexJsonl(examples) {
    let out = '';
    for (const e of examples)
        out += `${canonicalLine(e)}\n`;
    return out;
}
/**
 * Writes a set's canonical JSONL to `path`, a megabyte at a time: the one time a set not held in
 * memory is read again after validation. The upload then sends that file's bytes.
 */
async function writeVertexJsonl(set, path) {
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.from(vertexJsonlStream(set)), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(path, { encoding: 'utf8' }));
}
/** `vertexJsonlChunks` over a set read a batch at a time (one read from the file for a set not in memory). */
async function* vertexJsonlStream(set, chunkChars = 1 << 20) {
    for await (const batch of set.batches())
        yield* vertexJsonlChunks(batch, chunkChars);
}
/**
 * The same bytes as `toVertexJsonl`, in chunks of about `chunkChars` characters, for a streaming
 * upload that does not build one large string.
 */
function* vertexJsonlChunks(examples, chunkChars = 1 << 20) {
    let buf = [];
    let size = 0;
    for (const e of examples) {
        const line = `${canonicalLine(e)}\n`;
        buf.push(line);
        size += line.length;
        if (size >= chunkChars) {
            yield buf.join('');
            buf = [];
            size = 0;
        }
    }
    if (buf.length > 0)
        yield buf.join('');
}


/***/ })

};

//# sourceMappingURL=495.index.js.map