export const id = 951;
export const ids = [951];
export const modules = {

/***/ 33408:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q: () => (/* binding */ ModelCache)
});

// UNUSED EXPORTS: loadActionsCache

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/backends/errors.ts
var errors = __webpack_require__(33878);
// EXTERNAL MODULE: ./src/runner/secrets.ts
var secrets = __webpack_require__(72995);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/job/cache-record.ts
/**
 * What one Actions cache entry holds: the record of a tuned model (which model, which job, built
 * from which content key) and the JSON report of the run that tuned it, as two files in a directory
 * under RUNNER_TEMP. The entry's key is made of the backend and the content key.
 */


const RECORD_SCHEMA = 'gemini-tune/cache-record/v1';
const RECORD_FILE = 'record.json';
const REPORT_FILE = 'report.json';
/** The cache key: at most 512 characters, no commas (the service's rules). */
function cacheKeyFor(backend, contentKey) {
    return `gemini-tune-${backend}-${contentKey}`;
}
/**
 * The directory the entry is saved from and restored to. The path is part of the entry's version,
 * so it must be the same in every run: RUNNER_TEMP is (on GitHub-hosted runners,
 * /home/runner/work/_temp); a runner with another layout simply misses, and the remote lookup runs.
 */
function cacheDirFor(env, contentKey) {
    return (0,external_node_path_.join)(env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)(), 'gemini-tune-cache', contentKey);
}
const HEX = /^[0-9a-f]{16,128}$/;
/** Validates a restored record; null (a miss) when it is not one of ours or does not match. */
function parseRecord(text, expect) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return null;
    }
    if (typeof value !== 'object' || value === null)
        return null;
    const r = value;
    const str = (k) => typeof r[k] === 'string';
    const strOrNull = (k) => r[k] === null || typeof r[k] === 'string';
    if (r['schema'] !== RECORD_SCHEMA)
        return null;
    if (r['backend'] !== expect.backend || r['contentKey'] !== expect.contentKey)
        return null;
    if (!HEX.test(String(r['contentKey'])))
        return null;
    if (!str('baseModel') || !str('job') || !str('savedAt') || !strOrNull('tunedModel') || !strOrNull('endpoint')) {
        return null;
    }
    if (!strOrNull('runUrl'))
        return null;
    if (!r['tunedModel'] && !r['job'])
        return null;
    return value;
}

;// CONCATENATED MODULE: ./src/job/model-cache.ts
/**
 * The fast path of `cache: true`: an Actions cache entry, keyed by the backend and the content key,
 * that holds the record of the tuned model an earlier run built from the same data and settings
 * (and that run's report). A hit is used only once the backend confirms the model is still ACTIVE.
 *
 * The cache is an optimisation, never a dependency: no cache service (a local run, GHES without it),
 * no entry (evicted, written on a branch this run cannot read), an error, a timeout, a record that
 * does not parse or a model that is gone are all a miss, logged, after which the caller looks the
 * model up remotely. @actions/cache (with the Azure SDK behind it) is imported only when used.
 */






const loadActionsCache = async () => {
    const mod = await Promise.all(/* import() */[__webpack_require__.e(669), __webpack_require__.e(691)]).then(__webpack_require__.bind(__webpack_require__, 61691));
    return {
        isFeatureAvailable: () => mod.isFeatureAvailable(),
        restoreCache: (paths, key) => mod.restoreCache(paths, key),
        saveCache: (paths, key) => mod.saveCache(paths, key),
    };
};
class ModelCache {
    backend;
    env;
    loadStore;
    restoreTimeoutMs;
    saveTimeoutMs;
    /** The key this run restored a usable entry for: saving it again would only be refused. */
    restoredKey = null;
    constructor(opts) {
        this.backend = opts.backend;
        this.env = opts.env;
        this.loadStore = opts.loadStore ?? loadActionsCache;
        this.restoreTimeoutMs = opts.restoreTimeoutMs ?? 60_000;
        this.saveTimeoutMs = opts.saveTimeoutMs ?? 120_000;
    }
    /** Whether the Actions cache service is configured for this step (ACTIONS_RESULTS_URL etc.). */
    async store() {
        const configured = this.env['ACTIONS_RESULTS_URL'] || this.env['ACTIONS_CACHE_URL'];
        if (!configured) {
            core/* info */.pq('Actions cache: not available here (no cache service in this environment); looking the model up remotely.');
            return null;
        }
        const store = await this.loadStore();
        if (!store.isFeatureAvailable()) {
            core/* info */.pq('Actions cache: not available here; looking the model up remotely.');
            return null;
        }
        return store;
    }
    /**
     * An ACTIVE tuned model recorded for this content key, or null (a miss, for whatever reason).
     * Never throws.
     */
    async lookup(backend, contentKey) {
        const key = cacheKeyFor(this.backend, contentKey);
        const dir = cacheDirFor(this.env, contentKey);
        try {
            const store = await this.store();
            if (!store)
                return null;
            await (0,promises_.rm)(dir, { recursive: true, force: true });
            const matched = await asNotices(() => withTimeout(store.restoreCache([dir], key), this.restoreTimeoutMs, 'restore'));
            if (matched !== key) {
                core/* info */.pq(`Actions cache: no entry for ${key}; looking the model up remotely.`);
                return null;
            }
            const record = parseRecord(await (0,promises_.readFile)((0,external_node_path_.join)(dir, RECORD_FILE), 'utf8'), {
                backend: this.backend,
                contentKey,
            });
            if (!record) {
                core/* notice */.lm(`Actions cache: the entry ${key} does not hold a usable record; ignoring it.`);
                return null;
            }
            const report = await readReport((0,external_node_path_.join)(dir, REPORT_FILE));
            const ref = this.backend === 'vertex-ai' ? record.job || record.tunedModel : record.tunedModel || record.job;
            let status;
            try {
                status = await backend.status(ref ?? '');
            }
            catch (err) {
                if (err instanceof errors/* GoogleApiError */.GI && (err.httpStatus === 404 || err.httpStatus === 403)) {
                    core/* info */.pq(`Actions cache: ${ref} is recorded but no longer there (${err.status}); looking further.`);
                    return null;
                }
                throw err;
            }
            if (status.state !== 'ACTIVE') {
                core/* info */.pq(`Actions cache: ${ref} is recorded but is ${status.state}, not ACTIVE; looking further.`);
                return null;
            }
            this.restoredKey = key;
            return { status: withRecord(status, record, report), record, report };
        }
        catch (err) {
            core/* notice */.lm(`Actions cache: lookup failed, treated as a miss (${describe(err)}).`);
            return null;
        }
    }
    /**
     * Saves the record and report of an ACTIVE tuned model under its content key. Returns whether
     * an entry was written. Never throws.
     */
    async save(contentKey, status, report, baseModel) {
        const key = cacheKeyFor(this.backend, contentKey);
        if (status.state !== 'ACTIVE')
            return false;
        if (this.restoredKey === key) {
            core/* debug */.Yz(`Actions cache: ${key} was restored by this run; not saving it again.`);
            return false;
        }
        const dir = cacheDirFor(this.env, contentKey);
        try {
            const store = await this.store();
            if (!store)
                return false;
            const record = {
                schema: RECORD_SCHEMA,
                backend: this.backend,
                contentKey,
                baseModel,
                tunedModel: status.tunedModel,
                endpoint: status.endpoint,
                job: status.job,
                savedAt: new Date().toISOString(),
                runUrl: report.runUrl,
            };
            await (0,promises_.rm)(dir, { recursive: true, force: true });
            await (0,promises_.mkdir)(dir, { recursive: true });
            await (0,promises_.writeFile)((0,external_node_path_.join)(dir, RECORD_FILE), `${(0,secrets/* scrub */._I)(JSON.stringify(record, null, 2))}\n`, 'utf8');
            await (0,promises_.writeFile)((0,external_node_path_.join)(dir, REPORT_FILE), `${(0,secrets/* scrub */._I)(JSON.stringify(report, null, 2))}\n`, 'utf8');
            const id = await asNotices(() => withTimeout(store.saveCache([dir], key), this.saveTimeoutMs, 'save'));
            if (id === -1) {
                core/* info */.pq(`Actions cache: ${key} was not saved (see above); the next run will find the model remotely.`);
                return false;
            }
            core/* info */.pq(`Actions cache: saved ${key} (${status.tunedModel ?? status.job}).`);
            return true;
        }
        catch (err) {
            core/* notice */.lm(`Actions cache: could not save ${key} (${describe(err)}); the next run will look it up remotely.`);
            return false;
        }
    }
}
/** The verified status, with what only the record or the old report knows filled in. */
function withRecord(status, record, report) {
    const out = { ...status };
    if (!out.job)
        out.job = record.job;
    if (!out.tunedModel)
        out.tunedModel = record.tunedModel;
    if (!out.endpoint)
        out.endpoint = record.endpoint;
    if (out.snapshots.length === 0 && report?.snapshots.length) {
        out.snapshots = report.snapshots.map((s) => ({
            step: s.step,
            epoch: s.epoch,
            meanLoss: s.meanLoss,
            computeTime: null,
        }));
    }
    return out;
}
async function readReport(path) {
    try {
        const value = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
        if (typeof value !== 'object' || value === null)
            return null;
        const r = value;
        if (r.schemaVersion !== 1 || !Array.isArray(r.snapshots))
            return null;
        const snapshotsOk = r.snapshots.every((s) => typeof s === 'object' &&
            s !== null &&
            typeof s.step === 'number' &&
            (s.meanLoss === null || typeof s.meanLoss === 'number') &&
            (s.epoch === null || typeof s.epoch === 'number'));
        return snapshotsOk ? value : null;
    }
    catch {
        return null;
    }
}
/**
 * Runs `fn` with the ::error:: and ::warning:: annotations @actions/cache prints on a failed restore
 * or save (a 5xx from the cache service is logged as an error) turned into notices: the cache is an
 * optimisation, and its outage must not mark every run with error annotations.
 */
async function asNotices(fn) {
    const stream = process.stdout;
    const write = stream.write;
    stream.write = function (chunk, ...rest) {
        const text = typeof chunk === 'string'
            ? chunk.replace(/^::(?:error|warning)((?: [^:\n]*)?)::/gm, '::notice$1::Actions cache: ')
            : chunk;
        return write.call(stream, text, ...rest);
    };
    try {
        return await fn();
    }
    finally {
        stream.write = write;
    }
}
function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`cache ${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
        timer.unref();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
function describe(err) {
    return (0,secrets/* scrub */._I)(err instanceof Error ? err.message || err.name : String(err));
}


/***/ }),

/***/ 32876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ planJob)
/* harmony export */ });
/* unused harmony export runLabel */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _dataset_content_key_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91831);
/* harmony import */ var _dataset_example_set_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(47639);
/* harmony import */ var _backends_model_catalog_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48038);
/* harmony import */ var _lifecycle_marks_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(66318);
/**
 * What to ask the service for: the content key of data + model + hyperparameters + backend (which
 * finds an identical earlier model) and the Gemini API tunedModelId derived from it (which makes a
 * retried create idempotent), and this run's label (Vertex AI), which finds its job when the
 * create's answer was lost.
 */





function planJob(settings, data, run) {
    const key = data.digests
        ? (0,_dataset_content_key_js__WEBPACK_IMPORTED_MODULE_1__/* .contentKey */ .lO)({
            backend: settings.backend,
            baseModel: run.baseModel,
            hyperparameters: settings.hyperparameters,
            examples: data.digests.training,
            validationExamples: data.digests.validation,
        })
        : null;
    return {
        baseModel: run.baseModel,
        // Continuous tuning without a display-name input sends none: the result is a new version of the
        // same Model (a new display name would make a new Model).
        displayName: settings.displayName === null && (0,_backends_model_catalog_js__WEBPACK_IMPORTED_MODULE_2__/* .isTunedModel */ .u$)(run.baseModel) ? null : run.displayName,
        contentKey: key,
        tunedModelId: key
            ? (0,_dataset_content_key_js__WEBPACK_IMPORTED_MODULE_1__/* .tunedModelIdFor */ .uR)(repositoryScoped(settings.cache ? key : saltedKey(key, run.env, run.now), run.env))
            : null,
        examples: data.training?.examples ?? (0,_dataset_example_set_js__WEBPACK_IMPORTED_MODULE_3__/* .examplesInMemory */ .i)([]),
        validationExamples: data.validation?.examples ?? (0,_dataset_example_set_js__WEBPACK_IMPORTED_MODULE_3__/* .examplesInMemory */ .i)([]),
        runLabel: runLabel(run.env),
        marks: (0,_lifecycle_marks_js__WEBPACK_IMPORTED_MODULE_4__/* .creationMarks */ .SJ)(run.env, run.pullRequest ?? null),
    };
}
/**
 * This run's label value (`gemini_tune_run`): `<GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>`, which names
 * the workflow run a job came from; outside Actions (or with ids that are not numbers), a random
 * one. Always a valid label value (lowercase letters, digits and hyphens, at most 63 characters).
 */
function runLabel(env) {
    const id = env['GITHUB_RUN_ID'] ?? '';
    const attempt = env['GITHUB_RUN_ATTEMPT'] || '1';
    if (/^\d{1,30}$/.test(id) && /^\d{1,10}$/.test(attempt))
        return `${id}-${attempt}`;
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex');
}
/**
 * The Gemini API's tuned model ids share one namespace with no project in it: two repositories
 * tuning the same data must not claim the same id (and attach to each other's model on 409), so
 * the id also hashes the repository (GITHUB_REPOSITORY_ID, which survives a rename; else its name).
 */
function repositoryScoped(key, env) {
    const repository = env['GITHUB_REPOSITORY_ID'] || env['GITHUB_REPOSITORY'] || '';
    return repository ? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${key}:repository:${repository}`).digest('hex') : key;
}
/** cache: false still needs a fixed id per run, so that a retried create cannot make two models. */
function saltedKey(key, env, now) {
    const salt = `${env['GITHUB_RUN_ID'] ?? ''}:${env['GITHUB_RUN_ATTEMPT'] ?? ''}:${env['GITHUB_JOB'] ?? ''}:${env['GITHUB_RUN_ID'] ? '' : now}`;
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${key}:${salt}`).digest('hex');
}


/***/ }),

/***/ 69157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ addMark),
/* harmony export */   n: () => (/* binding */ removeMarks)
/* harmony export */ });
/** Read, merge, write: the service replaces the whole map (decision 8), so every change starts from what is there. */
/** Adds `key=value` to the model's marks; false when it was there already (nothing written). */
async function addMark(lifecycle, model, key, value) {
    const marks = await lifecycle.marks(model);
    if (marks[key] === value)
        return false;
    await lifecycle.setMarks(model, { ...marks, [key]: value });
    return true;
}
/** Removes `keys` from the model's marks; returns the marks left (unchanged when none was there). */
async function removeMarks(lifecycle, model, keys) {
    const marks = await lifecycle.marks(model);
    if (!keys.some((k) => k in marks))
        return marks;
    const left = Object.fromEntries(Object.entries(marks).filter(([k]) => !keys.includes(k)));
    await lifecycle.setMarks(model, left);
    return left;
}


/***/ }),

/***/ 96951:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPipeline: () => (/* binding */ runPipeline)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/backends/create-backend.ts + 5 modules
var create_backend = __webpack_require__(76942);
// EXTERNAL MODULE: ./src/backends/backend.ts
var backends_backend = __webpack_require__(64633);
// EXTERNAL MODULE: ./src/dataset/load-datasets.ts + 22 modules
var load_datasets = __webpack_require__(16314);
// EXTERNAL MODULE: ./src/budget/budget.ts + 2 modules
var budget = __webpack_require__(70003);
// EXTERNAL MODULE: ./src/job/queue-time.ts
var queue_time = __webpack_require__(57508);
// EXTERNAL MODULE: ./src/github/comment-writer.ts + 1 modules
var comment_writer = __webpack_require__(45654);
// EXTERNAL MODULE: ./src/runner/outputs.ts
var outputs = __webpack_require__(97424);
// EXTERNAL MODULE: ./src/util/clock.ts
var util_clock = __webpack_require__(97110);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
// EXTERNAL MODULE: ./src/runner/secrets.ts
var secrets = __webpack_require__(72995);
;// CONCATENATED MODULE: ./src/job/acquire.ts
/**
 * Gets the job to wait for: the one named by `resume`, an existing tuned model built from the
 * same content key (`cache`), or a new one. From the moment the create is sent, the post step
 * knows how to find the job (saved state); a job another run started at the same moment is
 * attached to, never claimed: a 409 on the Gemini API, and on Vertex AI an older job with the same
 * content-key label found just after the create (this run's own job is then cancelled).
 */





async function acquireJob(backend, settings, spec, cache = null, clock = util_clock/* systemClock */.m, stop) {
    if (settings.resume) {
        const status = await backend.status(settings.resume);
        core/* info */.pq(`Resuming ${settings.resume}: ${status.state}`);
        return { status, startedByUs: false, cacheHit: false };
    }
    if (!spec.contentKey)
        throw new Error('no training data to tune on');
    if (settings.cache) {
        const cached = cache ? await cache.lookup(backend, spec.contentKey) : null;
        if (cached) {
            core/* info */.pq(`Cache hit (Actions cache): ${cached.status.tunedModel} is ACTIVE and was tuned from the same content key.`);
            return { status: cached.status, startedByUs: false, cacheHit: true };
        }
        const existing = await backend.findByContentKey(spec.contentKey, spec.tunedModelId);
        if (existing?.state === 'ACTIVE') {
            core/* info */.pq(`Cache hit: ${existing.tunedModel} was already tuned from the same data, model and hyperparameters.`);
            return { status: existing, startedByUs: false, cacheHit: true };
        }
        if (existing?.state === 'CREATING') {
            core/* info */.pq(`${existing.tunedModel} is already being tuned from the same content key: attaching to it.`);
            return { status: existing, startedByUs: false, cacheHit: false };
        }
        if (existing?.state === 'FAILED') {
            core/* info */.pq(`${existing.tunedModel} was tuned from the same content key and FAILED: replacing it.`);
            await backend.cancel(existing);
        }
    }
    core/* info */.pq(`Creating a tuned model from ${spec.examples.count} examples on ${spec.baseModel}`);
    // Before the request: a main step killed while it is under way leaves the post step what it needs.
    const pendingModel = spec.tunedModelId ? `tunedModels/${spec.tunedModelId}` : null;
    (0,outputs/* saveJobState */.kF)({
        job: backend.name === 'gemini-api' ? (pendingModel ?? '') : '',
        tunedModel: backend.name === 'gemini-api' ? pendingModel : null,
        settled: false,
        contentKey: spec.contentKey,
        runLabel: spec.runLabel ?? null,
    });
    const created = await createOrFind(backend, {
        baseModel: spec.baseModel,
        displayName: spec.displayName,
        description: settings.description,
        hyperparameters: settings.hyperparameters,
        examples: spec.examples,
        validationExamples: spec.validationExamples,
        contentKey: spec.contentKey,
        tunedModelId: spec.tunedModelId,
        runLabel: spec.runLabel ?? null,
        ...(spec.marks ? { marks: spec.marks } : {}),
        ...(stop ? { stop } : {}),
    }, settings.cache, clock);
    const { attached, ...status } = created;
    if (attached) {
        core/* info */.pq(`${status.tunedModel ?? status.job} was created a moment ago by another run with the same content key: attaching to it (this run will not cancel it).`);
        (0,outputs/* clearJobState */.AC)();
        return { status, startedByUs: false, cacheHit: false };
    }
    core/* info */.pq(`Created ${status.job || status.tunedModel} (${status.tunedModel ?? 'tuned model name pending'})`);
    const older = settings.cache ? await olderTwin(backend, spec.contentKey, status) : null;
    if (older) {
        (0,outputs/* clearJobState */.AC)();
        return { status: older, startedByUs: false, cacheHit: false };
    }
    return { status, startedByUs: true, cacheHit: false };
}
/**
 * Vertex AI's list-then-create race: two runs that looked before either job existed both created
 * one. The oldest live job with the content key (earliest createTime, then name) is the one every
 * such run keeps; a run whose own job is not it cancels its own and attaches to that one. Best
 * effort: when the list or the cancel fails, this run keeps its own job.
 */
async function olderTwin(backend, contentKey, mine) {
    if (!backend.listByContentKey || !mine.job)
        return null;
    try {
        const live = (await backend.listByContentKey(contentKey)).filter((j) => j.state !== 'ENDED' || j.name === mine.job);
        const oldest = live.sort(byAge)[0];
        if (!oldest || oldest.name === mine.job || !live.some((j) => j.name === mine.job))
            return null;
        core/* info */.pq(`Another run created ${oldest.name} from the same content key just before this one: cancelling ${mine.job} and attaching to ${oldest.name} (this run will not cancel it).`);
        await backend.cancel(mine);
        return await backend.status(oldest.name);
    }
    catch (err) {
        core/* warning */.$e(`Could not check for a job another run created from the same content key at the same moment: ${(0,secrets/* scrub */._I)(err instanceof Error ? err.message : String(err))}`);
        return null;
    }
}
function byAge(a, b) {
    const time = (j) => {
        const t = Date.parse(j.createTime);
        return Number.isNaN(t) ? Infinity : t;
    };
    return time(a) - time(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
/**
 * A create whose outcome is unknown (the connection dropped, or a 429/5xx came back) may still have
 * created the job. Where the backend could not make the call idempotent itself (Vertex AI:
 * tuningJobs.create takes no request id, so it is not retried blindly), look the job up by its
 * content key before trying again, and attach to it when it is there. Only with `cache: true`: then
 * the lookup just before the create found nothing usable, so a job with this key that is now being
 * created came from this create (with `cache: false` another run's job could match).
 */
async function createOrFind(backend, req, canLookUp, clock) {
    const started = clock.now();
    for (let attempt = 1;; attempt++) {
        try {
            const created = await backend.create(req);
            // After an attempt whose outcome was unknown, a model that already exists may be that attempt's.
            return attempt === 1 ? created : { ...created, attached: false };
        }
        catch (err) {
            const decision = (0,retry/* retryDelay */.a2)({ ...retry/* DEFAULT_RETRY */.vI, maxAttempts: 3 }, attempt, err, {
                elapsedMs: clock.now() - started,
                leftMs: Infinity,
                random: Math.random(),
            });
            if (!canLookUp || !decision.retry)
                throw err;
            core/* info */.pq(`The create's outcome is unknown (${(0,secrets/* scrub */._I)(err instanceof Error ? err.message : String(err))}); looking for the job by its content key before trying again.`);
            await clock.sleep(decision.delayMs);
            const found = await backend.findByContentKey(req.contentKey, req.tunedModelId);
            if (found && found.state !== 'FAILED') {
                core/* info */.pq(`Found ${found.job || found.tunedModel}, created by the attempt that seemed to fail: attaching to it.`);
                return found;
            }
        }
    }
}

// EXTERNAL MODULE: ./src/job/cancel.ts
var job_cancel = __webpack_require__(16261);
// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(32693);
// EXTERNAL MODULE: ./src/job/wait.ts
var wait = __webpack_require__(76650);
// EXTERNAL MODULE: ./src/domain.ts
var domain = __webpack_require__(89375);
;// CONCATENATED MODULE: ./src/job/progress.ts



/** One log line per poll: "[ 45%] step 9/20 · epoch 2 · loss 0.5123 · 12.0s". */
function formatProgress(s, elapsedMs, queuedMs) {
    const p = (0,wait/* progressOf */.jA)(s);
    const parts = [];
    parts.push(p === null ? '[   ?]' : `[${String(Math.floor(p * 100)).padStart(3)}%]`);
    const phase = s.state === 'CREATING' ? (0,domain/* jobStateWords */.Kf)(s.jobState) : null;
    parts.push(phase ? `${s.state} (${phase})` : s.state);
    if (queuedMs !== undefined && queuedMs > 0)
        parts.push(`waiting for ${(0,format/* formatDuration */.a3)(queuedMs)}`);
    if (s.completedSteps !== null || s.totalSteps !== null) {
        parts.push(`step ${s.completedSteps ?? 0}/${s.totalSteps ?? '?'}`);
    }
    const last = s.snapshots.at(-1);
    if (last?.epoch !== null && last?.epoch !== undefined)
        parts.push(`epoch ${last.epoch}`);
    if (s.completedEpochs !== null && s.completedEpochs !== undefined) {
        const of = s.hyperparameters?.epochCount;
        parts.push(`${s.completedEpochs}${of ? `/${of}` : ''} epoch${!of && s.completedEpochs === 1 ? '' : 's'} done`);
    }
    if (last?.meanLoss !== null && last?.meanLoss !== undefined)
        parts.push(`loss ${Number(last.meanLoss.toPrecision(4))}`);
    parts.push((0,format/* formatDuration */.a3)(elapsedMs));
    return parts.join(' · ').replace(' · ', ' ');
}

;// CONCATENATED MODULE: ./src/job/follow.ts
/**
 * Following a job until it ends: progress in a log group (and at 25/50/75% in the PR comment), the
 * run's deadline, and the runner's stop signals for a job this run started.
 */






async function followJob(o) {
    // A limit reached ends the wait like a stop signal, and cancels the job.
    const limited = new AbortController();
    let limitedBy = null;
    const signal = o.stop ? AbortSignal.any([o.stop.signal, limited.signal]) : limited.signal;
    const result = await waitWithProgress(o, signal, (s) => {
        o.onStatus(s);
        const reason = limitedBy === null ? (o.limit?.(s) ?? null) : null;
        if (reason !== null) {
            limitedBy = reason;
            limited.abort();
        }
    });
    if (limitedBy !== null && o.stop?.received() == null) {
        const cancel = await (0,job_cancel/* cancelJob */.mh)(o.backend, result.status, { reason: limitedBy });
        return { status: cancel.status, timedOut: false, stoppedBy: null, cancelled: cancel.cancelled, limitedBy };
    }
    const stoppedBy = o.stop?.received() ?? null;
    if (stoppedBy === null || !o.cancelOnStop) {
        return { status: result.status, timedOut: result.timedOut, stoppedBy, cancelled: false, limitedBy: null };
    }
    const cancel = await (0,job_cancel/* cancelJob */.mh)(o.backend, result.status, { signal: stoppedBy });
    return { status: cancel.status, timedOut: false, stoppedBy, cancelled: cancel.cancelled, limitedBy: null };
}
function waitWithProgress(o, signal, seen) {
    const name = o.initial.job || o.initial.tunedModel || '';
    const started = o.clock.now();
    return core/* group */.Os(`Tuning ${name}`, async () => {
        core/* info */.pq(formatProgress(o.initial, 0, o.queue?.total(started)));
        const result = await (0,wait/* waitForJob */.qt)({
            initial: o.initial,
            poll: (signal) => o.backend.status(name, signal),
            deadline: o.deadline,
            clock: o.clock,
            ...(signal ? { signal } : {}),
            onStatus: (s) => {
                const now = o.clock.now();
                o.queue?.observe(s, now);
                core/* info */.pq(formatProgress(s, now - started, o.queue?.waitingSince != null ? o.queue.total(now) : undefined));
                seen(s);
            },
            onTransientError: (err, ms) => core/* info */.pq(`Polling hiccup (${(0,secrets/* scrub */._I)(err.message)}); trying again in ${(0,format/* formatDuration */.a3)(ms)}`),
        });
        core/* info */.pq(`Polled ${result.polls} times over ${(0,format/* formatDuration */.a3)(o.clock.now() - started)}.`);
        return result;
    });
}

// EXTERNAL MODULE: ./src/job/model-cache.ts + 1 modules
var model_cache = __webpack_require__(33408);
// EXTERNAL MODULE: ./src/job/plan.ts
var plan = __webpack_require__(32876);
// EXTERNAL MODULE: ./src/backends/model-catalog.ts
var model_catalog = __webpack_require__(48038);
;// CONCATENATED MODULE: ./src/job/preflight.ts
/**
 * The checks made before any remote call, on what the catalog knows (./../backends/model-catalog.ts):
 * on Vertex AI, a base model that is retired or closed to tuning, or a location where it is not
 * tuned, stops the run (REJECTED) with a message naming the date and successor, or the regions.
 * A model the catalog does not know goes to the service as given, with a notice; one whose tuning
 * closes soon is a warning.
 */


class PreflightError extends Error {
    name = 'PreflightError';
}
function checkCatalog(settings, baseModel, today) {
    if (settings.backend !== 'vertex-ai' || settings.resume)
        return;
    // Gemini 3 models (and models tuned from them) take a temperature in (0, 2] only (INTERFACE v2.1, 16).
    if (settings.evalGeneration.temperature === 0 && /^gemini-3/.test((0,model_catalog/* catalogId */.D7)(baseModel))) {
        throw new PreflightError(`eval-temperature 0 is not accepted by ${(0,model_catalog/* catalogId */.D7)(baseModel)}: Gemini 3 models take a temperature above 0 and at most 2; leave eval-temperature empty to use the model's default`);
    }
    if ((0,model_catalog/* isTunedModel */.u$)(baseModel)) {
        core/* notice */.lm(`base-model ${baseModel} is a tuned model (continuous tuning): the model catalog check is skipped.`);
        return;
    }
    const verdict = (0,model_catalog/* checkBaseModel */.JB)(baseModel, settings.location, today);
    if (verdict.kind === 'error')
        throw new PreflightError(verdict.message);
    if (verdict.kind === 'warning')
        core/* warning */.$e(verdict.message);
    if (verdict.kind === 'unknown')
        core/* notice */.lm(verdict.message);
}

// EXTERNAL MODULE: ./src/report/dataset-report.ts
var dataset_report = __webpack_require__(10689);
// EXTERNAL MODULE: ./src/steps/after-tuning.ts + 9 modules
var after_tuning = __webpack_require__(70285);
// EXTERNAL MODULE: ./src/finish/record.ts
var finish_record = __webpack_require__(79466);
// EXTERNAL MODULE: ./src/finish/stored-eval.ts
var stored_eval = __webpack_require__(73555);
;// CONCATENATED MODULE: ./src/steps/leave-for-finish.ts
/**
 * A `wait: false` run on a pull request leaves its Vertex AI job to `mode: finish`: the eval set
 * stored next to the training set, and the run record written into the sticky comment with every
 * write while the job trains (INTERFACE "Modes"; decision 11).
 */




const TUNING_JOB = /^projects\/[^/]+\/locations\/[^/]+\/tuningJobs\/[^/]+$/;
async function leaveForFinish(run, backend, cases) {
    const { settings, report, pr } = run;
    const job = run.status?.job ?? '';
    if (!pr?.headSha || pr.isFork || settings.comment === 'off' || !settings.githubToken)
        return;
    if (backend.name !== 'vertex-ai' || !TUNING_JOB.test(job)) {
        core/* info */.pq('mode: finish is Vertex AI only: this job is not recorded for it; resume it by name instead.');
        return;
    }
    let evalSet = null;
    if (cases.length > 0 && backend.storeEvalSet) {
        const { bytes, sha256 } = (0,stored_eval/* serializeCases */.el)(cases);
        try {
            evalSet = { uri: await backend.storeEvalSet(bytes, sha256), sha256, cases: cases.length };
        }
        catch (err) {
            core/* warning */.$e(`The eval set could not be stored for mode: finish (${(0,secrets/* scrub */._I)(err instanceof Error ? err.message : String(err))}); the finish run will report without an eval.`);
        }
    }
    const record = (0,finish_record/* encodeRecord */.Ym)((0,finish_record/* recordOf */.zv)(report, settings, { job, headSha: pr.headSha, startedByUs: run.startedByUs, evalSet }));
    if (record === null) {
        core/* warning */.$e('The run record does not fit in 8 KB: mode: finish cannot pick this job up; resume it by name.');
        return;
    }
    run.comments.record = record;
    report.leftForFinish = true;
}

// EXTERNAL MODULE: ./src/steps/publish.ts + 3 modules
var publish = __webpack_require__(20535);
// EXTERNAL MODULE: ./src/lifecycle/edit-marks.ts
var edit_marks = __webpack_require__(69157);
// EXTERNAL MODULE: ./src/lifecycle/marks.ts
var marks = __webpack_require__(66318);
// EXTERNAL MODULE: ./src/steps/run-state.ts + 2 modules
var run_state = __webpack_require__(62623);
// EXTERNAL MODULE: ./src/steps/time-up.ts
var time_up = __webpack_require__(57198);
;// CONCATENATED MODULE: ./src/steps/pipeline.ts
/**
 * `mode: tune`, phase by phase: datasets → create (or reuse, or resume) → follow → eval. Every
 * ending, an error in any phase included, then goes through publish(): report, summary, comment,
 * outputs, and the step's verdict.
 */
























async function runPipeline(settings, env, clock, signals) {
    const run = new run_state/* Run */.K(settings, env, clock);
    // Watched from the start, whatever cancel-on-abort says: a signal at any moment ends the run with
    // its report; with cancel-on-abort it also cancels the job this run started, once it has one.
    const stop = (0,job_cancel/* watchStopSignals */.XL)(signals);
    run.stop = stop;
    try {
        await tune(run);
    }
    catch (err) {
        // At the time limit (timeout-minutes) the call in flight was abandoned: the run ends as a timeout.
        if ((0,time_up/* isTimeUp */.d)(run, err))
            (0,time_up/* endAtTimeLimit */.p)(run, err);
        else
            run.stopError = err;
    }
    try {
        await (0,publish/* publish */.mk)(run);
    }
    finally {
        stop?.dispose();
    }
}
/** The phases of a tuning run, in order; each records what it found in `run`. */
async function tune(run) {
    const { settings } = run;
    await run.timed('preflight', async () => checkCatalog(settings, run.baseModel, run.clock.now()));
    const data = await run.timed('dataset', () => (0,load_datasets/* loadDatasets */.wb)(settings));
    run.report.dataset = (0,dataset_report/* datasetReport */["do"])(data, {
        training: settings.trainingData,
        validation: settings.validationData,
        eval: settings.evalData,
    });
    const backend = await (0,create_backend/* createBackend */.n)(settings, run.clock, run.timeLimit);
    if (backend.resolveTunedModel && !settings.resume && (0,model_catalog/* isTunedModel */.u$)(run.baseModel)) {
        // Continuous tuning: one models.get names the version (an @alias resolved), for the content key and the create.
        const version = await run.timed('preflight', () => backend.resolveTunedModel(run.baseModel));
        if (version !== run.baseModel)
            core/* info */.pq(`Continuous tuning from ${version} (base-model ${run.baseModel})`);
        run.baseModel = version;
        run.report.baseModel = version;
    }
    if (backend.checkBaseModel && !settings.resume) {
        // The one remote call before anything is created: the service's record of the base model.
        await run.timed('preflight', () => backend.checkBaseModel(run.baseModel));
    }
    const examples = data.training?.examples;
    if (!settings.resume && examples) {
        // The estimate, and the budget stop before anything is created (REJECTED).
        await run.timed('preflight', async () => {
            const cost = await (0,budget/* estimateCost */.a3)({ backend, settings, baseModel: run.baseModel, examples, signal: run.timeLimit });
            run.report.cost = cost;
            const over = (0,budget/* overBudget */.qj)(cost, settings);
            if (over !== null) {
                run.report.budgetStop = over.budget;
                throw new budget/* BudgetError */.Wp(over.message);
            }
        });
    }
    if (run.stop?.signal.aborted)
        return; // stopped before anything was created
    await run.timed('create', () => create(run, backend, data));
    if (run.status?.state === 'CREATING')
        await follow(run, backend, data.eval?.records ?? []);
    await (0,after_tuning/* afterTuning */.Q)(run, backend, data.eval?.records ?? []);
}
/** Create the job, or reuse or attach to one (content key, Actions cache), or resume one. */
async function create(run, backend, data) {
    const { settings, report } = run;
    const spec = (0,plan/* planJob */.b)(settings, data, {
        ...report,
        env: run.env,
        now: run.clock.now(),
        pullRequest: run.pr?.number ?? null,
    });
    report.contentKey = spec.contentKey;
    report.runLabel = backend.name === 'vertex-ai' ? (spec.runLabel ?? null) : null;
    if (spec.contentKey)
        core/* info */.pq(`Content key: ${spec.contentKey}`);
    if (settings.cache && spec.contentKey && !settings.resume) {
        run.modelCache = new model_cache/* ModelCache */.Q({ backend: backend.name, env: run.env });
    }
    let acquired;
    try {
        acquired = await acquireJob(backend, settings, spec, run.modelCache, run.clock, run.stop?.signal);
    }
    catch (err) {
        if (!(err instanceof backends_backend/* CreateStoppedError */.o))
            throw err;
        (0,outputs/* clearJobState */.AC)(); // nothing was created: the post step has nothing to look for
        return; // stopped before create: publish() reports CANCELLED with nothing created
    }
    run.settle(acquired.status);
    run.startedByUs = acquired.startedByUs;
    if (run.startedByUs && settings.hyperparameters.epochCount === null)
        (0,budget/* warnEpochsUnknown */.JD)(report.cost);
    report.cacheHit = acquired.cacheHit;
    if (acquired.cacheHit)
        await markReuse(run, backend);
    saveState(run, false);
}
/** Wait for the job to end (unless `wait: false`), cancelling a job this run started on a stop signal. */
async function follow(run, backend, cases) {
    const { settings, report } = run;
    const initial = run.status;
    if (!settings.wait && !run.stoppedBy) {
        core/* info */.pq(`wait: false: leaving ${initial.job || initial.tunedModel} to train.`);
        await leaveForFinish(run, backend, cases);
        await run.comments.write(report, 'started');
        return saveState(run, true);
    }
    // Not awaited: a slow GitHub never holds up polling (the comment writer keeps the writes in order).
    // The "started" comment, or at once the quota wait the create answer may already report.
    const { deadline, clock, stop } = run;
    const queue = new queue_time/* QueueTime */.b();
    queue.observe(initial, clock.now());
    const progress = (0,comment_writer/* progressComments */.K2)(report, (snapshot, line) => run.comments.write(snapshot, 'started', line), clock);
    if (!progress(initial))
        void run.comments.write(report, 'started');
    const onStatus = (s) => {
        run.settle(s);
        progress(s);
    };
    const cancelOnStop = run.cancelsOnStop;
    const limit = budgetLimit(run);
    const followed = await run.timed('tuning', () => followJob({ backend, initial, deadline, clock, stop, cancelOnStop, onStatus, limit, queue }));
    // The time queued for quota or capacity, apart from the time tuning.
    const queued = Math.round(queue.total(clock.now()) / 10) / 100;
    if (queued > 0) {
        report.timings['queued'] = queued;
        report.timings['tuning'] = Math.max(0, Math.round(((report.timings['tuning'] ?? 0) - queued) * 100) / 100);
    }
    run.settle(followed.status);
    run.timedOut = followed.timedOut;
    // A job that could not be cancelled is the post step's to try again.
    if (followed.stoppedBy && cancelOnStop && !followed.cancelled)
        report.error = followed.status.error;
    else
        saveState(run, true);
}
/**
 * The in-flight budget check (Vertex AI): once the job reports its billable tokens, the report's
 * cost is the service's; over the budget, a job this run started is cancelled (an attached one is
 * left alone, with a warning).
 */
function budgetLimit(run) {
    let warned = false;
    return (s) => {
        const counted = (0,budget/* serviceCost */.bV)(s, run.settings);
        if (counted === null)
            return null;
        const sample = run.report.cost?.sample;
        run.report.cost = sample ? { ...counted.cost, sample } : counted.cost;
        if (counted.over === null)
            return null;
        if (run.startedByUs) {
            run.report.budgetStop = counted.over.budget;
            return counted.over.message;
        }
        if (!warned)
            core/* warning */.$e(`The attached tuning job is ${counted.over.message} (this run did not start it, so it is left alone)`);
        warned = true;
        return null;
    };
}
/**
 * A cache hit on a pull request marks the model as used by it too (the other pull request's cleanup
 * then keeps it); best effort: a mark that cannot be written is a warning.
 */
async function markReuse(run, backend) {
    const model = run.status?.tunedModel;
    if (!run.pr || !backend.lifecycle || !model)
        return;
    try {
        const added = await (0,edit_marks/* addMark */.B)(backend.lifecycle, model, (0,marks/* pullRequestMark */.ku)(run.pr.number), 'open');
        if (added)
            core/* info */.pq(`${model} is now marked as used by pull request #${run.pr.number}.`);
    }
    catch (err) {
        core/* warning */.$e(`Could not mark ${model} as used by pull request #${run.pr.number}: ${(0,secrets/* scrub */._I)(err instanceof Error ? err.message : String(err))}`);
    }
}
/** For the post step: whether a job this run started still needs it (settled: false). */
function saveState(run, settled) {
    const s = run.status;
    if (run.startedByUs && s)
        (0,outputs/* saveJobState */.kF)({ job: s.job, tunedModel: s.tunedModel, settled });
}


/***/ })

};

//# sourceMappingURL=951.index.js.map