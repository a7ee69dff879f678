export const id = 535;
export const ids = [535];
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

/***/ 17535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPromote: () => (/* binding */ runPromote)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/backends/create-backend.ts + 5 modules
var create_backend = __webpack_require__(76942);
// EXTERNAL MODULE: ./src/backends/model-catalog.ts
var model_catalog = __webpack_require__(48038);
// EXTERNAL MODULE: ./src/dataset/load-datasets.ts + 22 modules
var load_datasets = __webpack_require__(16314);
// EXTERNAL MODULE: ./src/lifecycle/marks.ts
var marks = __webpack_require__(66318);
// EXTERNAL MODULE: ./src/lifecycle/edit-marks.ts
var edit_marks = __webpack_require__(69157);
;// CONCATENATED MODULE: ./src/lifecycle/promote.ts
/**
 * `mode: promote`: the release label moved onto a tuned model (INTERFACE "Modes"): the mark
 * `gemini_tune_release=<label>` taken off this repository's other models that carried it and put
 * on this one, and on Vertex AI the version alias `<label>` when the Model has several versions.
 */


async function promoteModel(lifecycle, model, label, repository) {
    const previous = (await lifecycle.findMarked(repository, marks/* RELEASE_MARK */.ql, label)).filter((m) => m !== model);
    for (const other of previous)
        await (0,edit_marks/* removeMarks */.n)(lifecycle, other, [marks/* RELEASE_MARK */.ql]);
    await (0,edit_marks/* addMark */.B)(lifecycle, model, marks/* RELEASE_MARK */.ql, label);
    const alias = lifecycle.aliasRelease ? await lifecycle.aliasRelease(model, label) : false;
    return { label, previous, alias };
}

// EXTERNAL MODULE: ./src/job/model-cache.ts + 1 modules
var model_cache = __webpack_require__(33408);
// EXTERNAL MODULE: ./src/job/plan.ts
var plan = __webpack_require__(32876);
// EXTERNAL MODULE: ./src/report/dataset-report.ts
var dataset_report = __webpack_require__(10689);
// EXTERNAL MODULE: ./src/steps/after-tuning.ts + 9 modules
var after_tuning = __webpack_require__(70285);
// EXTERNAL MODULE: ./src/steps/publish.ts + 3 modules
var publish = __webpack_require__(20535);
// EXTERNAL MODULE: ./src/steps/run-state.ts + 2 modules
var run_state = __webpack_require__(62623);
;// CONCATENATED MODULE: ./src/steps/promote.ts
/**
 * `mode: promote` (on the release side, e.g. a push to the default branch): the ACTIVE tuned model
 * of the current inputs' content key, found exactly as a cache hit finds it (the Actions cache,
 * then the service), never trained; marked as the release `release-label` and taken off the
 * repository's other models (src/lifecycle/promote.ts). Outputs as in `tune`, with `cache-hit: true`.
 */












async function runPromote(settings, env, clock) {
    // Promote judges nothing: the gates were the pull request's (its tune run).
    const run = new run_state/* Run */.K({ ...settings, minPassRate: null, maxFinalLoss: null, maxRegressions: null }, env, clock);
    try {
        await promote(run);
    }
    catch (err) {
        run.stopError = err;
    }
    await (0,publish/* publish */.mk)(run);
}
async function promote(run) {
    const { settings, report } = run;
    const data = await run.timed('dataset', () => (0,load_datasets/* loadDatasets */.wb)(settings));
    report.dataset = (0,dataset_report/* datasetReport */["do"])(data, { training: settings.trainingData, validation: null, eval: null });
    const backend = await (0,create_backend/* createBackend */.n)(settings, run.clock, run.timeLimit);
    if (!backend.lifecycle)
        throw new Error(`the ${backend.name} backend cannot mark a release`);
    const found = await run.timed('preflight', async () => {
        if (backend.resolveTunedModel && (0,model_catalog/* isTunedModel */.u$)(run.baseModel)) {
            run.baseModel = await backend.resolveTunedModel(run.baseModel);
            report.baseModel = run.baseModel;
        }
        const spec = (0,plan/* planJob */.b)(settings, data, { ...report, env: run.env, now: run.clock.now() });
        report.contentKey = spec.contentKey;
        if (!spec.contentKey)
            throw new Error('no training data to find the tuned model by');
        core/* info */.pq(`Content key: ${spec.contentKey}`);
        const cached = await new model_cache/* ModelCache */.Q({ backend: backend.name, env: run.env }).lookup(backend, spec.contentKey);
        const status = cached?.status ?? (await backend.findByContentKey(spec.contentKey, spec.tunedModelId));
        if (status?.state !== 'ACTIVE' || !status.tunedModel) {
            throw new Error(`no ACTIVE tuned model was built from these inputs (content key ${spec.contentKey.slice(0, 12)}…${status ? `; the one found is ${status.state}` : ''}): promote never trains. Run mode: tune with the same training data, base model and hyperparameters first (the pull request's run), then promote`);
        }
        return status;
    });
    run.settle(found);
    report.cacheHit = true;
    await (0,after_tuning/* afterTuning */.Q)(run, backend, []);
    const model = found.tunedModel;
    const promotion = await run.timed('promote', () => promoteModel(backend.lifecycle, model, settings.releaseLabel, (0,marks/* repositoryMark */.OK)(run.env)));
    report.promoted = promotion;
    core/* info */.pq(`${model} is now the release "${promotion.label}"${promotion.alias ? ' (version alias set)' : ''}` +
        (promotion.previous.length > 0 ? `; taken off ${promotion.previous.join(', ')}` : ''));
}


/***/ })

};

//# sourceMappingURL=535.index.js.map